package org.sysvipc.tools;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sysvipc.IpcException;
import org.sysvipc.IpcListing;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.IpcObject;
import org.sysvipc.IpcPermissionDeniedException;
import org.sysvipc.IpcPermissions;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.MessageQueue;
import org.sysvipc.MessageQueueStat;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SemaphoreSetStat;
import org.sysvipc.SharedMemory;
import org.sysvipc.SharedMemoryStat;
import org.sysvipc.internal.UserCalls;
import org.sysvipc.tools.Main.UsageException;

/**
 * The {@code ipcrm} command: removes message queues, semaphore sets and shared memory segments by
 * id or key with util-linux ipcrm's options and messages, or every one the caller owns. Like
 * ipcrm it goes on past an object it cannot remove and then exits 1.
 */
final class Ipcrm {
    /** The three kinds, by the names ipcrm's {@code --all=} takes. */
    enum Kind {
        MSG("message queue"), SHM("shared memory segment"), SEM("semaphore set");

        final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    /** One object named on the command line, by id or by key. */
    record Target(Kind kind, boolean byKey, int value) {
    }

    /**
     * What to remove: the named objects, or (when {@code allMine} is not empty) every object of
     * those kinds the caller's effective user owns.
     */
    record Options(List<Target> targets, Set<Kind> allMine, boolean verbose) {
    }

    private Ipcrm() {
    }

    /** Parses ipcrm's options (see {@link Main#USAGE_TEXT}); a bad one is a {@link UsageException}. */
    static Options parse(List<String> args) {
        List<Target> targets = new ArrayList<>();
        Set<Kind> allMine = EnumSet.noneOf(Kind.class);
        boolean verbose = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            if (arg.startsWith("--") && arg.indexOf('=') > 0) {
                name = arg.substring(0, arg.indexOf('='));
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.length() > 2 && arg.charAt(0) == '-' && arg.charAt(1) != '-') {
                name = arg.substring(0, 2); // -q123, as getopt reads it
                value = arg.substring(2);
            }
            switch (name) {
                case "-v", "--verbose" -> {
                    requireNoValue(name, value);
                    verbose = true;
                }
                case "--all-mine" -> allMine.addAll(value == null ? EnumSet.allOf(Kind.class) : EnumSet.of(kind(value)));
                case "-a", "--all" -> throw new UsageException("ipcrm " + name + " is not offered: as root it"
                        + " removes every object of the IPC namespace; --all-mine removes those your user owns");
                default -> {
                    Target option = targetOption(name);
                    if (option == null) {
                        throw new UsageException("ipcrm has no option " + arg);
                    }
                    if (value == null) {
                        if (i + 1 == args.size()) {
                            throw new UsageException("ipcrm " + name + " needs " + (option.byKey() ? "a key" : "an id"));
                        }
                        value = args.get(++i);
                    }
                    targets.add(new Target(option.kind(), option.byKey(),
                            option.byKey() ? key(name, value) : id(name, value)));
                }
            }
        }
        if (targets.isEmpty() && allMine.isEmpty()) {
            throw new UsageException("ipcrm needs an object to remove: an id or key option, or --all-mine");
        }
        if (!targets.isEmpty() && !allMine.isEmpty()) {
            throw new UsageException("ipcrm --all-mine removes every object you own and takes no id or key besides");
        }
        return new Options(List.copyOf(targets), allMine, verbose);
    }

    /**
     * Removes what {@code options} names, reporting each failure on {@code err} as ipcrm does.
     *
     * @return 0 if everything named was removed, else 1
     */
    static int run(Options options, PrintStream out, PrintStream err, String prefix) {
        int failures = 0;
        if (!options.allMine().isEmpty()) {
            int me = UserCalls.effectiveUid();
            for (Kind kind : options.allMine()) {
                for (int id : idsOwnedBy(kind, me)) {
                    // an object removed meanwhile is not a failure: it is gone, as asked
                    failures += remove(kind, id, "id (" + id + ")", true, options.verbose(), out, err, prefix);
                }
            }
            return failures == 0 ? 0 : 1;
        }
        for (Target target : options.targets()) {
            if (target.byKey()) {
                String subject = String.format("key (0x%08x)", target.value());
                Integer id = idOfKey(target.kind(), target.value());
                if (id == null) {
                    err.println(prefix + ": invalid " + subject);
                    failures++;
                } else {
                    failures += remove(target.kind(), id, subject, false, options.verbose(), out, err, prefix);
                }
            } else {
                failures += remove(target.kind(), target.value(), "id (" + target.value() + ")", false,
                        options.verbose(), out, err, prefix);
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** Removes one object; returns 1 if that failed (reported on {@code err}), else 0. */
    private static int remove(Kind kind, int id, String subject, boolean goneIsFine, boolean verbose, PrintStream out,
            PrintStream err, String prefix) {
        try {
            IpcObject object = switch (kind) {
                case MSG -> MessageQueue.ofId(id);
                case SHM -> SharedMemory.ofId(id);
                case SEM -> SemaphoreSet.ofId(id);
            };
            object.remove();
            if (verbose) {
                out.println("removed " + kind.noun + " " + id);
            }
            return 0;
        } catch (IpcNotFoundException e) {
            return reportUnlessFine(goneIsFine, err, prefix + ": invalid " + subject);
        } catch (IpcRemovedException e) {
            return reportUnlessFine(goneIsFine, err, prefix + ": already removed " + subject);
        } catch (IpcPermissionDeniedException e) {
            err.println(prefix + ": permission denied for " + subject);
            return 1;
        } catch (IpcException e) {
            err.println(prefix + ": " + e.getMessage());
            return 1;
        }
    }

    private static int reportUnlessFine(boolean fine, PrintStream err, String message) {
        if (fine) {
            return 0;
        }
        err.println(message);
        return 1;
    }

    /** The id of the object of this kind with {@code key}, from the listing, or null. */
    private static Integer idOfKey(Kind kind, int key) {
        for (IpcListing.Entry<?> entry : entries(kind)) {
            if (permissions(entry).key().value() == key) {
                return entry.id();
            }
        }
        return null;
    }

    private static List<Integer> idsOwnedBy(Kind kind, int uid) {
        return entries(kind).stream().filter(entry -> permissions(entry).uid() == uid)
                .map(IpcListing.Entry::id).toList();
    }

    private static List<? extends IpcListing.Entry<?>> entries(Kind kind) {
        return switch (kind) {
            case MSG -> IpcListing.messageQueues();
            case SHM -> IpcListing.sharedMemory();
            case SEM -> IpcListing.semaphoreSets();
        };
    }

    private static IpcPermissions permissions(IpcListing.Entry<?> entry) {
        return switch (entry.stat()) {
            case MessageQueueStat s -> s.permissions();
            case SharedMemoryStat s -> s.permissions();
            case SemaphoreSetStat s -> s.permissions();
            default -> throw new IllegalStateException("not the state of an IPC object: " + entry.stat());
        };
    }

    /** The kind and form an option names, as a Target without its value, or null. */
    private static Target targetOption(String name) {
        return switch (name) {
            case "-q", "--queue-id" -> new Target(Kind.MSG, false, 0);
            case "-Q", "--queue-key" -> new Target(Kind.MSG, true, 0);
            case "-m", "--shmem-id" -> new Target(Kind.SHM, false, 0);
            case "-M", "--shmem-key" -> new Target(Kind.SHM, true, 0);
            case "-s", "--semaphore-id" -> new Target(Kind.SEM, false, 0);
            case "-S", "--semaphore-key" -> new Target(Kind.SEM, true, 0);
            default -> null;
        };
    }

    private static Kind kind(String value) {
        return switch (value) {
            case "msg" -> Kind.MSG;
            case "shm" -> Kind.SHM;
            case "sem" -> Kind.SEM;
            default -> throw new UsageException("ipcrm --all-mine takes msg, shm or sem, was " + value);
        };
    }

    private static void requireNoValue(String name, String value) {
        if (value != null) {
            throw new UsageException("ipcrm " + name + " takes no value, was given " + value);
        }
    }

    /** An id: 0 to 2^31-1, in decimal, 0x hexadecimal or 0 octal, as ipcrm reads it. */
    private static int id(String option, String text) {
        long value = number(option, text);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new UsageException("ipcrm " + option + " needs an id from 0 to " + Integer.MAX_VALUE + ", was " + text);
        }
        return (int) value;
    }

    /** A key: any 32-bit value but 0 (IPC_PRIVATE, which names no object), signed or not. */
    private static int key(String option, String text) {
        long value = number(option, text);
        if (value < Integer.MIN_VALUE || value > 0xffff_ffffL) {
            throw new UsageException("ipcrm " + option + " needs a 32-bit key, was " + text);
        }
        if (value == 0) {
            throw new UsageException("ipcrm " + option + ": key 0 is IPC_PRIVATE, which names no object; remove it by id");
        }
        return (int) value;
    }

    private static long number(String option, String text) {
        String digits = text.startsWith("-") ? text.substring(1) : text;
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        try {
            if (digits.isEmpty() || !Character.isLetterOrDigit(digits.charAt(0)) || digits.length() > 12) {
                throw new NumberFormatException();
            }
            long value = Long.parseLong(digits, radix);
            return text.startsWith("-") ? -value : value;
        } catch (NumberFormatException e) {
            throw new UsageException("ipcrm " + option + " needs a number (decimal, 0x hex or 0 octal), was '" + text + "'");
        }
    }
}
