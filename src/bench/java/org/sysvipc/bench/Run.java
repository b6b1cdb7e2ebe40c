package org.sysvipc.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sysvipc.IpcObject;

/**
 * The parent's side of one benchmark run: its parameters, the objects it must remove on every
 * exit path (also from a shutdown hook, which the JVM runs on SIGTERM, SIGINT and SIGHUP), and
 * the child JVM that plays the forked peer.
 */
final class Run {
    final String bench;
    final long n;
    final long warmup;
    final int size;

    private final Deque<Object> owned = new ArrayDeque<>();
    private Process child;
    private boolean cleaned;

    Run(String bench, long n, int size) {
        this.bench = bench;
        this.n = n;
        this.warmup = n / 10;
        this.size = size;
        Runtime.getRuntime().addShutdownHook(new Thread(this::cleanup, "sysvbench-cleanup"));
    }

    /** Registers an IPC object for removal and returns it. */
    synchronized <T extends IpcObject> T own(T object) {
        owned.push(object);
        traceCreated(object.getClass().getSimpleName() + " " + object.id());
        return object;
    }

    /** Registers a file or empty directory for deletion; later ones go first. */
    synchronized Path own(Path path) {
        owned.push(path);
        traceCreated("path " + path);
        return path;
    }

    /**
     * With SYSVBENCH_TRACE set, the calling thread's context switches so far (voluntary and not,
     * from /proc/thread-self/status), else 0; to see how often the timed part switched.
     */
    static long[] contextSwitches() {
        if (System.getenv("SYSVBENCH_TRACE") == null) {
            return new long[2];
        }
        long[] switches = new long[2];
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    switches[0] = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                    switches[1] = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no such file: report zeros
        }
        return switches;
    }

    /** With SYSVBENCH_TRACE set, reports the context switches since {@code before} per op. */
    static void traceSwitches(String side, long[] before, long ops) {
        long[] after = contextSwitches();
        trace(String.format(java.util.Locale.ROOT, "%s switches per op: voluntary %.3f, involuntary %.3f", side,
                (after[0] - before[0]) / (double) ops, (after[1] - before[1]) / (double) ops));
    }

    /** With SYSVBENCH_TRACE set, names each object on stderr, so that a test can check it is gone afterwards. */
    private static void traceCreated(String object) {
        trace("created " + object);
    }

    static void trace(String message) {
        if (System.getenv("SYSVBENCH_TRACE") != null) {
            System.err.println("sysvbench(java)[trace]: " + message);
        }
    }

    /**
     * Starts the peer: this JVM's java with the same JVM flags and class path, running
     * {@code child <bench> <n> <size> <objects...>}. Its stderr is ours, its stdout is discarded,
     * and it inherits our CPU affinity.
     */
    void startChild(String bench, String... objects) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SysvBench.class.getName());
        command.add("child");
        command.add(bench);
        command.add(Long.toString(n));
        command.add(Integer.toString(size));
        command.addAll(List.of(objects));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        synchronized (this) {
            if (cleaned) {
                throw new BenchFailure("interrupted before the child started");
            }
            try {
                child = builder.start();
            } catch (IOException e) {
                throw new BenchFailure("cannot start the child JVM: " + e.getMessage());
            }
        }
    }

    /** Waits for the child and fails unless it exited 0. */
    void awaitChild() throws InterruptedException {
        Process process;
        synchronized (this) {
            process = child;
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new BenchFailure("the child did not exit within 60 s of the end");
        }
        if (process.exitValue() != 0) {
            throw new BenchFailure("child failed (exit status " + process.exitValue() + ")");
        }
        synchronized (this) {
            child = null;
        }
    }

    /** Removes every owned object and kills a child still running; runs once, whoever calls first. */
    synchronized void cleanup() {
        if (cleaned) {
            return;
        }
        cleaned = true;
        while (!owned.isEmpty()) {
            Object object = owned.pop();
            try {
                if (object instanceof IpcObject ipc) {
                    ipc.remove();
                } else {
                    Files.deleteIfExists((Path) object);
                }
            } catch (IOException | RuntimeException e) {
                // already gone (the child removed it), or nothing more can be done
            }
        }
        if (child != null) {
            child.destroyForcibly();
            try {
                child.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            child = null;
        }
    }

    /** The JVM flags this JVM was started with (its arguments up to the class path), which the child gets too. */
    static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String argument : ProcessHandle.current().info().arguments().orElse(new String[0])) {
            if (argument.equals("-cp") || argument.equals("-classpath") || argument.equals("--class-path")) {
                break;
            }
            flags.add(argument);
        }
        return flags;
    }

    /**
     * Bytes this thread has allocated so far, to show that the timed loops allocate nothing; -1 if
     * the JVM cannot tell. Reflective, because the runner is compiled into the org.sysvipc module's
     * tests, which do not read jdk.management; it runs on the class path, where everything is read.
     */
    static long allocatedBytes() {
        try {
            return (long) ALLOCATED_BYTES.invoke(THREADS);
        } catch (Throwable t) {
            return -1;
        }
    }

    private static final Object THREADS;
    private static final MethodHandle ALLOCATED_BYTES;

    static {
        Object threads = null;
        MethodHandle allocated = MethodHandles.constant(long.class, -1L);
        try {
            threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            allocated = MethodHandles.publicLookup().findVirtual(Class.forName("com.sun.management.ThreadMXBean"),
                    "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class));
            allocated = allocated.asType(MethodType.methodType(long.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            allocated = MethodHandles.dropArguments(allocated, 0, Object.class);
        }
        THREADS = threads;
        ALLOCATED_BYTES = allocated;
    }
}
