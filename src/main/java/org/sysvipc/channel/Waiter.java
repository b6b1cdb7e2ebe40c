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
    /** The least yielding once yielding is allowed at all: a few hand-overs of the CPU. */
    private static final long MIN_YIELD_NANOS = 5_000;

    private final SemaphoreSet semaphores;
    private final long maxSpinNanos;
    private final long maxYieldNanos;
    private final long intervalNanos;
    private final Duration interval;
    /**
     * The busy spin and the yielding now, adapted to how waits end: a wait that ends while
     * spinning doubles the spin (up to the policy's); one that ends while yielding halves the spin
     * and doubles the yielding (a peer on this CPU, which runs only when this thread lets it); one
     * that outlasts both halves both (a busy machine, where the peer waits for a CPU and polling
     * only takes time from it), down to small floors from which they can grow back. Racy updates
     * from several threads only blur them.
     */
    private long spinNanos;
    private long yieldNanos;

    Waiter(SemaphoreSet semaphores, WaitPolicy policy) {
        this.semaphores = semaphores;
        this.maxSpinNanos = policy.spin().toNanos();
        this.spinNanos = maxSpinNanos;
        this.maxYieldNanos = policy.yield().toNanos();
        this.yieldNanos = maxYieldNanos;
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

    /** Notes how a wait that began at {@code since} ended, to adapt the spin and the yielding. */
    void waited(long since) {
        long took = System.nanoTime() - since;
        long spin = spinNanos;
        long yield = yieldNanos;
        if (took <= spin) {
            spinNanos = grow(spin, MIN_SPIN_NANOS, maxSpinNanos);
        } else if (took <= spin + yield) {
            spinNanos = shrink(spin, MIN_SPIN_NANOS, maxSpinNanos);
            yieldNanos = grow(yield, MIN_YIELD_NANOS, maxYieldNanos);
        } else {
            spinNanos = shrink(spin, MIN_SPIN_NANOS, maxSpinNanos);
            yieldNanos = shrink(yield, MIN_YIELD_NANOS, maxYieldNanos);
        }
    }

    private static long grow(long value, long floor, long max) {
        return Math.min(max, Math.max(Math.min(floor, max), value * 2));
    }

    private static long shrink(long value, long floor, long max) {
        return Math.max(Math.min(floor, max), value / 2);
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
