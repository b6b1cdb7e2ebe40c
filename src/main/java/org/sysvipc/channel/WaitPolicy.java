package org.sysvipc.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * How a producer waits for room in the ring and the consumer waits for a message: first it spins
 * on the shared memory for {@code spin} (busy, with {@link Thread#onSpinWait()}), then it yields
 * its CPU for {@code yield} ({@link Thread#yield()} between checks), then it sleeps on the
 * channel's semaphore set until the other side wakes it, waking by itself every
 * {@code checkInterval} to look for faults.
 *
 * <p>Spinning pays when the other side runs on another CPU: a message then arrives without any
 * system call. When both sides share one CPU (a process pinned with {@code taskset}, or a machine
 * with one), spinning only burns the time slice the other side needs, while yielding hands the CPU
 * straight to it; {@link #defaults()} therefore spins only when this process may run on more than
 * one CPU.
 *
 * <p>Both phases adapt within these bounds to how waits end: a wait that ends while spinning
 * lengthens the spin; one that ends while yielding (a peer on this CPU) shortens the spin and
 * lengthens the yielding; one that needs a sleep (a peer that is idle, or waits for a CPU on a busy
 * machine) shortens both, so that the side sleeps sooner instead of taking CPU time from others.
 *
 * <p>Every {@code checkInterval} a sleeping side wakes to check what no wake-up reports: the
 * segment removed with {@code ipcrm}, the writer of the record it waits for killed, a claim lock
 * left by a killed producer, or a wake-up lost because the waker died between deciding to wake
 * and waking. That bounds how long such faults go unnoticed; nothing else depends on it.
 *
 * <p>An interrupt ends a wait in any of its phases, and on a virtual thread the sleep lets the
 * carrier go: see {@link ChannelConsumer} and {@link ChannelProducer}, "Waiting".
 *
 * @param spin          how long to spin before yielding; zero to not spin
 * @param yield         how long to yield before sleeping; zero to not yield
 * @param checkInterval the longest single sleep, at least 1 ms
 */
public record WaitPolicy(Duration spin, Duration yield, Duration checkInterval) {
    /** The check interval of {@link #defaults()}. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMillis(100);

    private static final Duration MAX = Duration.ofDays(1);
    private static final Duration MIN_CHECK_INTERVAL = Duration.ofMillis(1);

    /**
     * Checks the durations.
     *
     * @throws IllegalArgumentException if spin or yield is negative or above a day, or checkInterval
     *                                  is below 1 ms or above a day
     */
    public WaitPolicy {
        Objects.requireNonNull(spin, "spin");
        Objects.requireNonNull(yield, "yield");
        Objects.requireNonNull(checkInterval, "checkInterval");
        if (spin.isNegative() || yield.isNegative() || spin.compareTo(MAX) > 0 || yield.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("spin and yield must be 0 to 1 day, were " + spin + " and " + yield);
        }
        if (checkInterval.compareTo(MIN_CHECK_INTERVAL) < 0 || checkInterval.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("checkInterval must be 1 ms to 1 day, was " + checkInterval);
        }
    }

    /**
     * {@return the policy for this process: 50 µs of spinning if it may run on more than one CPU,
     * none if not, then 100 µs of yielding, and the {@link #DEFAULT_CHECK_INTERVAL}}
     */
    public static WaitPolicy defaults() {
        boolean oneCpu = Runtime.getRuntime().availableProcessors() == 1;
        return new WaitPolicy(oneCpu ? Duration.ZERO : Duration.ofNanos(50_000), Duration.ofNanos(100_000),
                DEFAULT_CHECK_INTERVAL);
    }

    /**
     * {@return a policy that neither spins nor yields: every wait that finds nothing sleeps at once}
     *
     * @param checkInterval the longest single sleep, at least 1 ms
     */
    public static WaitPolicy sleepAtOnce(Duration checkInterval) {
        return new WaitPolicy(Duration.ZERO, Duration.ZERO, checkInterval);
    }
}
