package org.sysvipc.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sysvipc.IpcException;
import org.sysvipc.IpcLimits;
import org.sysvipc.IpcSupport;
import org.sysvipc.tools.soak.Janitor;
import org.sysvipc.tools.soak.Soak;
import org.sysvipc.tools.soak.SoakWorker;

/**
 * The jar's entry point: the tutorial, {@code ipcs}, {@code limits}, {@code ipcrm} and the soak,
 * and the hidden child roles the tutorial and the soak start.
 */
public final class Main {
    /** Exit status for a command line that makes no sense, as shells and getopt programs use. */
    static final int USAGE = 2;
    /** The commands that run where the module cannot: they only print. */
    private static final List<String> WITHOUT_THE_MODULE = List.of("help", "-h", "--help", "version", "--version");

    private static final String USAGE_TEXT = """
            Usage: %1$s [COMMAND] [OPTIONS]

            Commands:
              tutorial [--processes P] [--increments N] [--verbose]
                        Walk through a FIFO, a message queue, and shared memory guarded by a
                        semaphore, with child processes; the default command. In the counting
                        runs, P processes (default %2$d) each add 1 to a shared counter N times
                        (default %3$,d). --verbose reports on stderr each object and child
                        process as it is created and removed.
              ipcs [--json]
                        List the message queues, shared memory segments and semaphore sets of
                        this IPC namespace, as ipcs(1) does, then the segments that hold a
                        channel (org.sysvipc.channel), with their counters; --json prints the
                        three kinds as JSON, with owner and group by name and number.
              limits [--json]
                        Show the kernel's System V IPC limits, as ipcs -l does, or as JSON.
              ipcrm OPTION...
                        Remove objects, as ipcrm(1) does:
                          -q, --queue-id ID        -Q, --queue-key KEY     a message queue
                          -m, --shmem-id ID        -M, --shmem-key KEY     a shared memory segment
                          -s, --semaphore-id ID    -S, --semaphore-key KEY a semaphore set
                          --all-mine[=msg|shm|sem] every object (of that kind) your user owns
                          -v, --verbose            name each object removed
                        IDs and keys in decimal, 0x hexadecimal or 0 octal. Exit status 1 if
                        any named object could not be removed.
              soak [--seconds N] [--verbose]
                        For N seconds (default %4$d), drive producer and consumer processes
                        through message queues and a semaphore-guarded ring in shared memory
                        while signalling their blocked calls, keeping a queue full, killing
                        lock holders and consumers, and removing and recreating the objects;
                        then report what was sent, received, lost, duplicated and corrupted,
                        and exit 1 if anything was lost, duplicated or corrupted.
              version   Show the version (also --version).
              help      Show this help.
            """;

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

    /** {@return the help, naming {@code program}, the command that runs this one} */
    static String usage(String program) {
        return USAGE_TEXT.formatted(program, TutorialOptions.DEFAULT_PROCESSES, TutorialOptions.DEFAULT_INCREMENTS,
                Soak.DEFAULT_SECONDS);
    }

    /** Runs a command, printing to {@code out} and {@code err}; returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        String program = Program.command();
        // no command, or options alone, mean the tutorial: bin/tutorial --processes 2
        boolean tutorialOptions = args.isEmpty() || args.getFirst().startsWith("-")
                && !List.of("-h", "--help", "--version").contains(args.getFirst());
        String command = tutorialOptions ? "tutorial" : args.getFirst();
        List<String> options = tutorialOptions ? args : args.subList(1, args.size());
        // in the module's words, once, rather than as the Error its first use would throw
        Optional<String> unavailable = WITHOUT_THE_MODULE.contains(command) ? Optional.empty()
                : IpcSupport.unavailabilityReason();
        if (unavailable.isPresent()) {
            err.println(program + " " + command + ": " + unavailable.get());
            return 1;
        }
        try {
            return switch (command) {
                case "tutorial" -> new Tutorial(TutorialOptions.parse(options), out, err).run();
                case "ipcs" -> {
                    boolean json = jsonOption(command, options);
                    var queues = IpcsRows.queues();
                    var segments = IpcsRows.segments();
                    var sets = IpcsRows.semaphoreSets();
                    out.print(json ? JsonReports.listing(queues, segments, sets, UserNames.users(), UserNames.groups())
                            : IpcsTable.format(queues, segments, sets, IpcsRows.channels(), UserNames.users()));
                    yield 0;
                }
                case "limits" -> {
                    boolean json = jsonOption(command, options);
                    IpcLimits limits = IpcLimits.current();
                    out.print(json ? JsonReports.limits(limits) : LimitsReport.format(limits));
                    yield 0;
                }
                case "ipcrm" -> Ipcrm.run(Ipcrm.parse(options), out, err, program + " ipcrm");
                case "version", "--version" -> {
                    requireNoOptions(command, options);
                    out.println("sysv-ipc " + Program.version().orElse("(version unknown: not run from its jar)"));
                    yield 0;
                }
                case "help", "-h", "--help" -> {
                    requireNoOptions(command, options);
                    out.print(usage(program));
                    yield 0;
                }
                case "soak" -> Soak.run(options, out, err);
                case TutorialChild.COMMAND -> TutorialChild.run(options, out);
                case SoakWorker.COMMAND -> SoakWorker.run(options);
                case Janitor.COMMAND -> Janitor.run(options, err);
                default -> throw new UsageException("unknown command: " + command);
            };
        } catch (UsageException e) {
            err.println(program + ": " + e.getMessage());
            err.println();
            err.print(usage(program));
            return USAGE;
        } catch (IOException | IpcException | UnsupportedOperationException e) {
            err.println(program + " " + command + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(program + " " + command + ": interrupted");
            return 1;
        }
    }

    /** {@return whether {@code options} is {@code --json}, the one option ipcs and limits take} */
    private static boolean jsonOption(String command, List<String> options) {
        if (options.equals(List.of("--json"))) {
            return true;
        }
        requireNoOptions(command, options);
        return false;
    }

    private static void requireNoOptions(String command, List<String> options) {
        if (!options.isEmpty()) {
            throw new UsageException(command + " takes " + (List.of("ipcs", "limits").contains(command)
                    ? "no option but --json" : "no options") + ", was given " + options);
        }
    }

    /** A command line that names no command or gives it options it does not take. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception, which says what is wrong. */
        public UsageException(String message) {
            super(message);
        }
    }
}
