package org.sysvipc;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The one rule for the {@link Duration} of every timed call: a negative one does not wait, and one
 * beyond about 73 years (up to {@code ChronoUnit.FOREVER}) waits that long, so that deadline
 * arithmetic on {@link System#nanoTime()} never overflows and {@code toNanos()} never throws.
 */
final class Timeouts {
    /** The longest wait, in nanoseconds: "for ever" in practice, with room for any deadline arithmetic. */
    static final long MAX_NANOS = Long.MAX_VALUE / 4;
    private static final Duration MAX = Duration.ofNanos(MAX_NANOS);

    private Timeouts() {
    }

    /** {@code timeout} in nanoseconds, from 0 to {@link #MAX_NANOS}. */
    static long nanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            return 0;
        }
        return timeout.compareTo(MAX) > 0 ? MAX_NANOS : timeout.toNanos();
    }

    /** {@code timeout} in {@code unit}, in nanoseconds from 0 to {@link #MAX_NANOS}, by the same rule. */
    static long nanos(long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        return timeout <= 0 ? 0 : Math.min(MAX_NANOS, unit.toNanos(timeout));
    }

    /** The {@link System#nanoTime()} at which {@code timeout} from now runs out. */
    static long deadline(Duration timeout) {
        return System.nanoTime() + nanos(timeout);
    }
}
