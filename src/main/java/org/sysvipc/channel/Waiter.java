package org.sysvipc.channel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.sysvipc.SemaphoreSet;

/**
 * The only place where a channel's thread waits: the spin and yield phases of a {@link WaitPolicy},
 * the sleep on the semaphore set, and the short pauses while a claim lock is held. Whatever makes
 * blocking calls cooperate with virtual threads and interrupts hooks in here.
 */
final class Waiter {
    /** The longest pause while waiting for a claim lock: its holder only ever runs a few instructions. */
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SemaphoreSet semaphores;
    private final long spinNanos;
    private final long yieldUntilNanos;
    private final long intervalNanos;
    private final Duration interval;

    Waiter(SemaphoreSet semaphores, WaitPolicy policy) {
        this.semaphores = semaphores;
        this.spinNanos = policy.spin().toNanos();
        this.yieldUntilNanos = spinNanos + policy.yield().toNanos();
        this.interval = policy.checkInterval();
        this.intervalNanos = interval.toNanos();
    }

    /** {@return the longest single sleep in nanoseconds} */
    long intervalNanos() {
        return intervalNanos;
    }

    /**
     * One step of the spin and yield phases of a wait that began at {@code since}: spins or yields
     * once and returns true, or returns false when both phases are over and the caller should
     * sleep.
     */
    boolean backOff(long since) {
        long waited = System.nanoTime() - since;
        if (waited < spinNanos) {
            Thread.onSpinWait();
            return true;
        }
        if (waited < yieldUntilNanos) {
            Thread.yield();
            return true;
        }
        return false;
    }

    /**
     * Sleeps until a unit of semaphore {@code index} can be taken and takes it, or until the check
     * interval or {@code deadline} (a {@link System#nanoTime()} value) passes, whichever is first.
     *
     * @return whether a unit was taken
     * @throws org.sysvipc.IpcRemovedException if the set is removed, before or during the sleep
     */
    boolean sleep(int index, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return semaphores.tryAcquire(index, 1);
        }
        return semaphores.tryAcquire(index, 1, left >= intervalNanos ? interval : Duration.ofNanos(left));
    }

    /** Pauses a thread that waits for a claim lock, longer the longer it has waited. */
    void pause(long since) {
        if (backOff(since)) {
            return;
        }
        long waited = System.nanoTime() - since - yieldUntilNanos;
        LockSupport.parkNanos(Math.max(1_000, Math.min(MAX_PAUSE_NANOS, waited / 8)));
    }
}
