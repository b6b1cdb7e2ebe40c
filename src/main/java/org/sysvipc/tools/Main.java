package org.sysvipc.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.sysvipc.IpcException;
import org.sysvipc.IpcLimits;

/**
 * The jar's entry point: the tutorial, {@code ipcs} and {@code limits}, and the hidden child
 * roles the tutorial starts.
 */
public final class Main {
    /** Exit status for a command line that makes no sense, as shells and getopt programs use. */
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: bin/tutorial [COMMAND] [OPTIONS]

            Commands:
              tutorial [--processes P] [--increments N] [--verbose]
                        Walk through a FIFO, a message queue, and shared memory guarded by a
                        semaphore, with child processes; the default command. In the counting
                        runs, P processes (default %d) each add 1 to a shared counter N times
                        (default %,d). --verbose reports on stderr each object and child
                        process as it is created and removed.
              ipcs      List the message queues, shared memory segments and semaphore sets of
                        this IPC namespace, as ipcs(1) does, then the segments that hold a
                        channel (org.sysvipc.channel), with their counters.
              limits    Show the kernel's System V IPC limits, as ipcs -l does.
              help      Show this help.
            """.formatted(TutorialOptions.DEFAULT_PROCESSES, TutorialOptions.DEFAULT_INCREMENTS);

    private Main() {
    }

    /**
     * Runs a command and exits with its status.
     *
     * @param args the command and its options; none runs the tutorial
     */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs a command, printing to {@code out} and {@code err}; returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        // no command, or options alone, mean the tutorial: bin/tutorial --processes 2
        boolean tutorialOptions = args.isEmpty()
                || args.getFirst().startsWith("-") && !List.of("-h", "--help").contains(args.getFirst());
        String command = tutorialOptions ? "tutorial" : args.getFirst();
        List<String> options = tutorialOptions ? args : args.subList(1, args.size());
        try {
            return switch (command) {
                case "tutorial" -> new Tutorial(TutorialOptions.parse(options), out, err).run();
                case "ipcs" -> {
                    requireNoOptions(command, options);
                    out.print(IpcsTable.format(IpcsRows.queues(), IpcsRows.segments(), IpcsRows.semaphoreSets(),
                            IpcsRows.channels(), UserNames.fromPasswd()));
                    yield 0;
                }
                case "limits" -> {
                    requireNoOptions(command, options);
                    out.print(LimitsReport.format(IpcLimits.current()));
                    yield 0;
                }
                case "help", "-h", "--help" -> {
                    out.print(USAGE_TEXT);
                    yield 0;
                }
                case TutorialChild.COMMAND -> TutorialChild.run(options, out);
                default -> throw new UsageException("unknown command: " + command);
            };
        } catch (UsageException e) {
            err.println("bin/tutorial: " + e.getMessage());
            err.println();
            err.print(USAGE_TEXT);
            return USAGE;
        } catch (IOException | IpcException | UnsupportedOperationException e) {
            err.println("bin/tutorial " + command + ": " + e);
            return 1;
        }
    }

    private static void requireNoOptions(String command, List<String> options) {
        if (!options.isEmpty()) {
            throw new UsageException(command + " takes no options, was given " + options);
        }
    }

    /** A command line that names no command or gives it options it does not take. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
