package org.sysvipc.testing;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Interrupts a thread's system call the way a signal does: {@code tgkill} with SIGPIPE, for which
 * HotSpot installs a handler that does nothing. System V IPC calls are never restarted after a
 * handler runs, so the call returns EINTR, which the library must retry.
 */
public final class ThreadSignals {
    private static final int SIGPIPE = 13;
    private static final MethodHandle TGKILL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("tgkill").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private ThreadSignals() {
    }

    /** Waits until a thread of this process sleeps in {@code function} and returns its thread id. */
    public static int awaitThreadIn(String function) {
        KernelWaits.awaitThreadIn(ProcessHandle.current().pid(), function);
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            List<Path> waiting = tasks.filter(task -> wchan(task).equals(function)).toList();
            if (waiting.size() != 1) {
                throw new AssertionError(waiting.size() + " threads wait in " + function + ", expected one");
            }
            return Integer.parseInt(waiting.getFirst().getFileName().toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Sends SIGPIPE to thread {@code tid} of this process. */
    public static void interrupt(int tid) {
        try {
            int result = (int) TGKILL.invokeExact((int) ProcessHandle.current().pid(), tid, SIGPIPE);
            if (result != 0) {
                throw new AssertionError("tgkill failed");
            }
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static String wchan(Path task) {
        try {
            return Files.readAllLines(task.resolve("wchan")).stream().findFirst().orElse("");
        } catch (IOException gone) {
            return "";
        }
    }
}
