package org.sysvipc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Tells when a thread of a process sleeps in a given kernel function, from
 * {@code /proc/PID/task/TID/wchan}: a test that must act on a blocked caller (remove the queue it
 * waits on) waits for that instead of sleeping and hoping.
 */
public final class KernelWaits {
    private KernelWaits() {
    }

    /** Waits up to 30 s until some thread of {@code pid} sleeps in {@code function}, such as {@code do_msgrcv}. */
    public static void awaitThreadIn(long pid, String function) {
        awaitAnyThreadIn(pid, function);
    }

    /** Waits up to 30 s until some thread of {@code pid} sleeps in one of {@code functions} (names differ between kernels). */
    public static void awaitAnyThreadIn(long pid, String... functions) {
        String function = String.join(" or ", functions);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Stream.of(functions).anyMatch(name -> anyThreadIn(pid, name))) {
                return;
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no thread of process " + pid + " came to wait in " + function);
    }

    /**
     * Waits up to 30 s until the thread of {@code pid} named {@code threadName} (the JVM gives a
     * Java thread's name to its native thread, cut to 15 bytes) sleeps in one of {@code functions}.
     */
    public static void awaitThreadNamedIn(long pid, String threadName, String... functions) {
        String comm = threadName.length() > 15 ? threadName.substring(0, 15) : threadName;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                if (tasks.anyMatch(task -> comm.equals(read(task, "comm")) && Stream.of(functions).anyMatch(
                        read(task, "wchan")::equals))) {
                    return;
                }
            } catch (IOException e) {
                throw new AssertionError("cannot read the threads of process " + pid, e);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("thread " + threadName + " of process " + pid + " did not come to wait in "
                + String.join(" or ", functions));
    }

    private static String read(Path task, String file) {
        try {
            return Files.readString(task.resolve(file)).strip();
        } catch (IOException gone) {
            return "";
        }
    }

    private static boolean anyThreadIn(long pid, String function) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.anyMatch(task -> {
                try {
                    return Files.readAllLines(task.resolve("wchan")).stream().anyMatch(function::equals);
                } catch (IOException gone) {
                    return false;
                }
            });
        } catch (IOException e) {
            throw new AssertionError("cannot read the threads of process " + pid, e);
        }
    }
}
