package org.sysvipc.tools.soak;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts the workers' blocked calls: about a thousand times a second it looks at each worker
 * that its slot says is in a blocking call, and if {@code /proc/PID/task/TID/wchan} shows the
 * thread asleep in that call, sends it SIGPIPE with {@code tgkill}. HotSpot's handler for SIGPIPE
 * does nothing, and System V calls are never restarted after a handler ran, so the call fails
 * with EINTR, which the library must retry. Then it flags the call as signalled (see
 * {@link CallWord}), which tells the worker to count how the call ended.
 */
final class Signaller implements Runnable {
    private static final int SIGPIPE = 13;
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final MethodHandle TGKILL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("tgkill").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private final Workers workers;
    private final AtomicLongArray signals = new AtomicLongArray(CallKind.values().length);
    private final AtomicLongArray signalledCalls = new AtomicLongArray(CallKind.values().length);
    private volatile boolean stopped;

    Signaller(Workers workers) {
        this.workers = workers;
    }

    @Override
    public void run() {
        while (!stopped) {
            for (int slot = 0; slot < workers.size(); slot++) {
                signalIfBlocked(slot);
            }
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }

    void stop() {
        stopped = true;
    }

    long signalsSent() {
        long sum = 0;
        for (int i = 0; i < signals.length(); i++) {
            sum += signals.get(i);
        }
        return sum;
    }

    /** {@return the signals sent to blocked calls of {@code kind}, and the calls flagged} */
    CallCounts counts(CallKind kind) {
        return new CallCounts(signals.get(kind.ordinal()), signalledCalls.get(kind.ordinal()), 0, 0, 0);
    }

    private void signalIfBlocked(int slot) {
        long pid = workers.pid(slot);
        WorkerSlot worker = workers.slot(slot);
        long tid = worker.tid();
        long word = worker.callWord();
        if (pid == 0 || tid == 0 || !CallWord.inCall(word)) {
            return;
        }
        CallKind kind = CallWord.kind(word);
        // a tid of another process (the slot's worker changed meanwhile) fails: tgkill checks both
        if (kind.isBlockedIn(wchan(pid, tid)) && tgkill(pid, tid)) {
            signals.incrementAndGet(kind.ordinal());
            if (worker.markSignalled(word)) {
                signalledCalls.incrementAndGet(kind.ordinal());
            }
        }
    }

    private static String wchan(long pid, long tid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "wchan")).trim();
        } catch (IOException gone) {
            return "";
        }
    }

    private static boolean tgkill(long pid, long tid) {
        try {
            return (int) TGKILL.invokeExact((int) pid, (int) tid, SIGPIPE) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("tgkill failed", t);
        }
    }
}
