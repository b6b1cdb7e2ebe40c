package org.sysvipc.tools.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Latency buckets by powers of two of microseconds, the worst kept exactly. */
class LatencyHistogramTest {
    @Test
    void quantilesAreBucketBoundsAndTheWorstIsExact() {
        LatencyHistogram histogram = LatencyHistogram.onHeap();
        assertEquals(0, histogram.upperBoundNanos(0.5));
        for (int i = 0; i < 99; i++) {
            histogram.record(3_000); // 3 µs: the bucket [2, 4) µs
        }
        histogram.record(5_000_000_123L); // 5 s
        assertEquals(100, histogram.count());
        assertEquals(4_000, histogram.upperBoundNanos(0.5));
        assertEquals(4_000, histogram.upperBoundNanos(0.99));
        assertEquals(5_000_000_123L, histogram.upperBoundNanos(1));
        assertEquals(5_000_000_123L, histogram.worstNanos());
    }

    @Test
    void addAllMergesCountsAndTheWorst() {
        LatencyHistogram total = LatencyHistogram.onHeap();
        LatencyHistogram worker = LatencyHistogram.onHeap();
        total.record(100);
        worker.record(1_000_000);
        worker.record(-5); // clocks of two processes: never below 0
        total.addAll(worker);
        assertEquals(3, total.count());
        assertEquals(1_000_000, total.worstNanos());
        assertEquals(2_000, total.upperBoundNanos(0.5));
        worker.clear();
        assertEquals(0, worker.count());
    }
}
