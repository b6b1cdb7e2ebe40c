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

    /** The busy spin a wait starts from when the spin has shrunk away: enough to see a peer on another CPU answer. */
    private static final long PROBE_SPIN_NANOS = 1_000;
    /** One wait in this many probes with a spin when the spin has shrunk away (chosen by the clock's bits). */
    private static final int PROBE_EVERY = 16;
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
     * only takes time from it). A spin halved below the probe goes to 0, and then one wait in
     * {@value #PROBE_EVERY} spins for {@value #PROBE_SPIN_NANOS} ns to find out whether the peer has
     * moved to another CPU. Racy updates from several threads only blur these values.
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

    /** {@return the busy spin now, in nanoseconds} */
    long spinNanos() {
        return spinNanos;
    }

    /** {@return the yielding now, in nanoseconds} */
    long yieldNanos() {
        return yieldNanos;
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
        long spin = spinFor(since);
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

    /** The busy spin of the wait that began at {@code since}: the adapted one, or a probe now and then. */
    private long spinFor(long since) {
        long spin = spinNanos;
        if (spin == 0 && maxSpinNanos != 0 && (since >>> 10) % PROBE_EVERY == 0) {
            return Math.min(PROBE_SPIN_NANOS, maxSpinNanos);
        }
        return spin;
    }

    /** Notes how a wait that began at {@code since} ended, to adapt the spin and the yielding. */
    void waited(long since) {
        long took = System.nanoTime() - since;
        long spin = spinFor(since);
        long yield = yieldNanos;
        if (took <= spin) {
            spinNanos = Math.min(maxSpinNanos, Math.max(PROBE_SPIN_NANOS, spin * 2));
        } else if (took <= spin + yield) {
            spinNanos = shrinkSpin(spinNanos);
            yieldNanos = Math.min(maxYieldNanos, Math.max(Math.min(MIN_YIELD_NANOS, maxYieldNanos), yield * 2));
        } else {
            spinNanos = shrinkSpin(spinNanos);
            yieldNanos = Math.max(Math.min(MIN_YIELD_NANOS, maxYieldNanos), yield / 2);
        }
    }

    private static long shrinkSpin(long spin) {
        return spin / 2 < PROBE_SPIN_NANOS ? 0 : spin / 2;
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
        long waited = System.nanoTime() - since - spinFor(since) - yieldNanos;
        LockSupport.parkNanos(Math.max(1_000, Math.min(MAX_PAUSE_NANOS, waited / 8)));
    }
}
