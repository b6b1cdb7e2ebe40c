package org.sysvipc.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the spin and the yielding adapt to how waits end (no semaphore is touched). */
class WaiterTest {
    private static final long SPIN = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long YIELD = TimeUnit.MICROSECONDS.toNanos(100);

    private static Waiter waiter(long spin) {
        return new Waiter(null, new WaitPolicy(Duration.ofNanos(spin), Duration.ofNanos(YIELD), Duration.ofSeconds(1)));
    }

    /** A wait that began so long ago that it outlasted every phase. */
    private static long longAgo() {
        return System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    }

    @Test
    void waitsThatNeedASleepShrinkTheSpinToNothingAndTheYieldingToItsFloor() {
        Waiter waiter = waiter(SPIN);
        assertEquals(SPIN, waiter.spinNanos());
        assertEquals(YIELD, waiter.yieldNanos());
        for (int i = 0; i < 40; i++) {
            waiter.waited(longAgo());
        }
        assertEquals(0, waiter.spinNanos());
        assertEquals(TimeUnit.MICROSECONDS.toNanos(5), waiter.yieldNanos());
    }

    @Test
    void waitsThatEndWhileSpinningGrowTheSpinBackToThePolicys() {
        Waiter waiter = waiter(SPIN);
        for (int i = 0; i < 40; i++) {
            waiter.waited(longAgo());
        }
        for (int i = 0; i < 400 && waiter.spinNanos() < SPIN; i++) {
            waiter.waited(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1)); // "took" no time at all
        }
        assertEquals(SPIN, waiter.spinNanos(), "a probe or a spin that succeeds doubles it");
    }

    @Test
    void aProcessOnOneCpuNeverSpinsAndStillYields() {
        Waiter waiter = waiter(0);
        for (int i = 0; i < 10; i++) {
            waiter.waited(System.nanoTime());
            assertEquals(0, waiter.spinNanos());
        }
        long since = System.nanoTime();
        assertTrue(waiter.backOff(since), "yields right away");
        assertFalse(waiter.backOff(longAgo()), "and sleeps once the yielding is over");
    }
}
