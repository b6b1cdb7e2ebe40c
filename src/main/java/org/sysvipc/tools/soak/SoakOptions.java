package org.sysvipc.tools.soak;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sysvipc.tools.Main.UsageException;

/**
 * The soak's options: {@code --seconds N} of faults (default {@value #DEFAULT_SECONDS}),
 * {@code --verbose}, and the hidden {@code --inject=loss,duplicate,corruption} that plants those
 * defects, for the tests.
 *
 * @param seconds    how long to cause faults, after the workers are up
 * @param verbose    whether to report each object and worker on stderr
 * @param injections the defects to plant, usually none
 */
record SoakOptions(int seconds, boolean verbose, Set<Injection> injections) {
    static final int DEFAULT_SECONDS = 60;
    /** A day: message numbers, and the bitmaps that account for them, stay within an int. */
    static final int MAX_SECONDS = 24 * 3600;

    SoakOptions {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new UsageException("--seconds must be 1 to " + MAX_SECONDS + ", was " + seconds);
        }
        injections = injections.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(injections));
    }

    /** Parses {@code --seconds N} (also {@code --seconds=N}), {@code --verbose} and {@code --inject=LIST}. */
    static SoakOptions parse(List<String> args) {
        int seconds = DEFAULT_SECONDS;
        boolean verbose = false;
        Set<Injection> injections = EnumSet.noneOf(Injection.class);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            String value = name.equals(arg) ? null : arg.substring(equals + 1);
            switch (name) {
                case "--verbose", "-v" -> verbose = true;
                case "--seconds", "--inject" -> {
                    if (value == null) {
                        if (i + 1 == args.size()) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (name.equals("--seconds")) {
                        seconds = number(name, value);
                    } else {
                        for (String injection : value.split(",")) {
                            try {
                                injections.add(Injection.ofOptionName(injection.trim()));
                            } catch (IllegalArgumentException e) {
                                throw new UsageException(e.getMessage());
                            }
                        }
                    }
                }
                default -> throw new UsageException("soak has no option " + arg);
            }
        }
        return new SoakOptions(seconds, verbose, injections);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, was " + value);
        }
    }
}
