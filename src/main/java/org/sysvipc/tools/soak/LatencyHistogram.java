package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Message latencies in buckets by powers of two of microseconds (bucket 0 below 2 µs, bucket i
 * from 2^i up to 2^(i+1) µs), with the count and the worst kept exactly. A worker's lives in its
 * {@link WorkerSlot}, so that it outlives the worker; the totals live on the heap. One thread
 * records; any may read.
 */
final class LatencyHistogram {
    static final int BUCKETS = 40;
    private static final int COUNT = BUCKETS, WORST = BUCKETS + 1;
    static final long BYTES = (BUCKETS + 2) * (long) Long.BYTES;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment longs;

    private LatencyHistogram(MemorySegment longs) {
        this.longs = longs;
    }

    /** {@return a histogram kept in {@code region}, {@link #BYTES} long and 8-byte aligned, as it is} */
    static LatencyHistogram in(MemorySegment region) {
        return new LatencyHistogram(region.asSlice(0, BYTES));
    }

    static LatencyHistogram onHeap() {
        return new LatencyHistogram(MemorySegment.ofArray(new long[BUCKETS + 2]));
    }

    void record(long nanos) {
        long micros = Math.max(0, nanos) / 1000;
        int bucket = micros < 2 ? 0 : Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(micros));
        add(bucket, 1);
        add(COUNT, 1);
        if (nanos > get(WORST)) {
            LONG.setRelease(longs, (long) WORST * Long.BYTES, nanos);
        }
    }

    /** Adds what {@code other} recorded to this one. */
    void addAll(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS + 1; i++) {
            add(i, other.get(i));
        }
        if (other.worstNanos() > worstNanos()) {
            LONG.setRelease(longs, (long) WORST * Long.BYTES, other.worstNanos());
        }
    }

    void clear() {
        longs.fill((byte) 0);
    }

    long count() {
        return get(COUNT);
    }

    long worstNanos() {
        return get(WORST);
    }

    /**
     * {@return the upper bound, in nanoseconds, of the bucket that holds the latency below which
     * {@code fraction} of the messages were; 0 if none was recorded}
     */
    long upperBoundNanos(double fraction) {
        long count = count();
        if (count == 0) {
            return 0;
        }
        long wanted = (long) Math.ceil(fraction * count);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += get(i);
            if (seen >= wanted) {
                return Math.min(worstNanos(), (2L << i) * 1000);
            }
        }
        return worstNanos();
    }

    private long get(int index) {
        return (long) LONG.getAcquire(longs, (long) index * Long.BYTES);
    }

    private void add(int index, long delta) {
        long offset = (long) index * Long.BYTES;
        LONG.setRelease(longs, offset, (long) LONG.get(longs, offset) + delta);
    }
}
