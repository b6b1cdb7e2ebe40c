package org.sysvipc.channel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.sysvipc.IpcInterruptedException;
import org.sysvipc.SemaphoreSet;

/**
 * The only place where a channel's thread waits: the spin and yield phases of a {@link WaitPolicy},
 * the sleep on the semaphore set, and the short pauses while a claim lock is held. The sleep is
 * {@link SemaphoreSet#tryAcquire(int, int, long, TimeUnit)}, a {@code semtimedop} that lets a
 * virtual thread's carrier go and ends with {@link IpcInterruptedException} when the thread is
 * interrupted; the spin and yield phases are bounded, and their callers check for interrupts
 * between steps.
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
    /** When {@link #segmentCheckDue()} next says yes; racy updates from several threads only blur it. */
    private long nextSegmentCheck;
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
        this.intervalNanos = policy.checkInterval().toNanos();
        this.nextSegmentCheck = System.nanoTime() + intervalNanos;
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
     * interval or {@code deadline} (a {@link System#nanoTime()} value) passes, whichever is first:
     * one {@code semtimedop}, which lets a virtual thread's carrier go, and allocates nothing.
     *
     * @return whether a unit was taken
     * @throws org.sysvipc.IpcRemovedException     if the set is removed, before or during the sleep
     * @throws org.sysvipc.IpcInterruptedException if the thread is interrupted before or during the
     *                                             sleep; no unit was taken
     */
    boolean sleep(int index, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return semaphores.tryAcquire(index, 1);
        }
        return semaphores.tryAcquire(index, 1, Math.min(left, intervalNanos), TimeUnit.NANOSECONDS);
    }

    /**
     * Takes the unit that a waker posts (or posted) for a sleep that ended without it, waiting at
     * most one check interval: the settle step of docs/channel.md, "Waking". An interrupt does not
     * end this wait, which is short and must not leave the unit over; the thread's interrupt status
     * is kept for the caller.
     */
    void takePostedUnit(int index) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + intervalNanos;
        try {
            while (true) {
                try {
                    sleep(index, deadline); // past the deadline a try that ignores interrupts: this ends
                    return;
                } catch (IpcInterruptedException e) {
                    interrupted = true;
                    Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Whether a sleeper whose sleep ran out should ask the system if the segment was removed
     * ({@code IPC_STAT}): at most once per check interval, however short the sleeps of timed
     * calls are, so that a loop of them costs no extra system call.
     */
    boolean segmentCheckDue() {
        long now = System.nanoTime();
        if (now - nextSegmentCheck < 0) {
            return false;
        }
        nextSegmentCheck = now + intervalNanos;
        return true;
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
