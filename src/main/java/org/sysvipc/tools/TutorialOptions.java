package org.sysvipc.tools;

import java.util.List;
import org.sysvipc.tools.Main.UsageException;

/**
 * The tutorial's options: how many processes count, how often each adds 1, and whether to report
 * each created object on stderr.
 */
record TutorialOptions(int processes, int increments, boolean verbose) {
    static final int DEFAULT_PROCESSES = 8;
    static final int DEFAULT_INCREMENTS = 100_000;
    /** Enough to show contention; more only starts JVMs. */
    static final int MAX_PROCESSES = 64;

    TutorialOptions {
        if (processes < 1 || processes > MAX_PROCESSES) {
            throw new UsageException("--processes must be 1 to " + MAX_PROCESSES + ", was " + processes);
        }
        if (increments < 1) {
            throw new UsageException("--increments must be at least 1, was " + increments);
        }
        if ((long) processes * increments > Integer.MAX_VALUE) {
            throw new UsageException("--processes times --increments must stay below 2^31");
        }
    }

    /** Parses {@code --processes N}, {@code --increments N} (also as {@code --name=N}) and {@code --verbose}. */
    static TutorialOptions parse(List<String> args) {
        int processes = DEFAULT_PROCESSES;
        int increments = DEFAULT_INCREMENTS;
        boolean verbose = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (name) {
                case "--verbose", "-v" -> verbose = true;
                case "--processes", "--increments" -> {
                    if (value == null) {
                        if (i + 1 == args.size()) {
                            throw new UsageException(name + " needs a number");
                        }
                        value = args.get(++i);
                    }
                    int number = number(name, value);
                    if (name.equals("--processes")) {
                        processes = number;
                    } else {
                        increments = number;
                    }
                }
                default -> throw new UsageException("tutorial has no option " + arg);
            }
        }
        return new TutorialOptions(processes, increments, verbose);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, was " + value);
        }
    }
}
