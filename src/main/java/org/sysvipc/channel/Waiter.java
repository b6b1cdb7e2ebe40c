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

    /** The least busy spin once spinning is allowed at all: enough to see a peer on another CPU answer. */
    private static final long MIN_SPIN_NANOS = 500;

    private final SemaphoreSet semaphores;
    private final long maxSpinNanos;
    private final long yieldNanos;
    private final long intervalNanos;
    private final Duration interval;
    /**
     * The busy spin now, adapted to how waits end: doubled (up to the policy's) when a wait ended
     * while spinning, halved (down to {@link #MIN_SPIN_NANOS}) when it did not. A peer on another
     * CPU answers within the spin; a peer on this CPU cannot run while this thread spins, so its
     * waits outlast the spin and the spin shrinks. Racy updates from several threads only blur it.
     */
    private long spinNanos;

    Waiter(SemaphoreSet semaphores, WaitPolicy policy) {
        this.semaphores = semaphores;
        this.maxSpinNanos = policy.spin().toNanos();
        this.spinNanos = maxSpinNanos;
        this.yieldNanos = policy.yield().toNanos();
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
        long spin = spinNanos;
        if (waited < spin) {
            Thread.onSpinWait();
            return true;
        }
        if (waited < spin + yieldNanos) {
            Thread.yield();
            return true;
        }
        return false;
    }

    /** Notes how a wait that began at {@code since} ended, to adapt the spin. */
    void waited(long since) {
        if (maxSpinNanos == 0) {
            return;
        }
        long spin = spinNanos;
        spinNanos = System.nanoTime() - since <= spin ? Math.min(maxSpinNanos, Math.max(MIN_SPIN_NANOS, spin * 2))
                : Math.max(Math.min(MIN_SPIN_NANOS, maxSpinNanos), spin / 2);
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
        long waited = System.nanoTime() - since - spinNanos - yieldNanos;
        LockSupport.parkNanos(Math.max(1_000, Math.min(MAX_PAUSE_NANOS, waited / 8)));
    }
}
