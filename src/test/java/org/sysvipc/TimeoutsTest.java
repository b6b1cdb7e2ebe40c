package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;

/**
 * Every timed call takes any {@link Duration}: one too long for {@code toNanos()} waits "for
 * ever" (about 73 years), and a negative one does not wait. Each call here can proceed at once, so
 * a capped duration returns at once; one the cap did not reach would throw ArithmeticException.
 */
class TimeoutsTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    static Stream<Duration> huge() {
        return Stream.of(ChronoUnit.FOREVER.getDuration(), Duration.ofSeconds(Long.MAX_VALUE),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofNanos(Long.MAX_VALUE),
                Duration.ofDays(365L * 1000));
    }

    static Stream<Duration> negative() {
        return Stream.of(Duration.ofNanos(-1), Duration.ofSeconds(Long.MIN_VALUE), ChronoUnit.FOREVER.getDuration().negated());
    }

    @ParameterizedTest
    @MethodSource("huge")
    void aTimedReceiveTakesAWaitingMessage(Duration timeout) throws InterruptedException {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        queue.send(3, new byte[] {1, 2});
        assertEquals(new Message(3, new byte[] {1, 2}), queue.receive(3, timeout).orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("negative")
    void aTimedReceiveWithANegativeTimeoutChecksOnce(Duration timeout) throws InterruptedException {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        assertEquals(Optional.empty(), queue.receive(0, timeout));
        queue.send(1, new byte[0]);
        assertTrue(queue.receive(0, timeout).isPresent());
    }

    @ParameterizedTest
    @MethodSource("huge")
    void timedSemaphoreCallsProceedAtOnce(Duration timeout) {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.setValue(0, 3);
        assertTrue(set.tryAcquire(0, 1, timeout));
        try (SemaphoreLock lock = set.tryLock(0, timeout)) {
            assertNotNull(lock);
        }
        assertTrue(set.apply(timeout, SemaphoreOp.add(0, -2)));
        assertEquals(0, set.getValue(0));
    }

    @ParameterizedTest
    @MethodSource("negative")
    void timedSemaphoreCallsWithANegativeTimeoutDoNotWait(Duration timeout) {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        assertFalse(set.tryAcquire(0, 1, timeout));
        assertNull(set.tryLock(0, timeout));
        assertFalse(set.apply(timeout, SemaphoreOp.add(0, -1)));
    }

    @ParameterizedTest
    @MethodSource("huge")
    void openInitializedWaitsAtMostForEver(Duration wait) {
        IpcKey key = TestKeys.random();
        SemaphoreSet created = cleanup.add(SemaphoreSet.openInitialized(key, 0600, wait, 1));
        assertEquals(created, SemaphoreSet.openInitialized(key, 0600, wait, 1));
    }

    @Test
    void aNullTimeoutIsRefused() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        assertThrows(NullPointerException.class, () -> queue.receive(0, (Duration) null));
        assertThrows(NullPointerException.class, () -> set.tryAcquire(0, 1, null));
        assertThrows(NullPointerException.class, () -> set.tryLock(0, null));
        assertThrows(NullPointerException.class, () -> SemaphoreSet.openInitialized(TestKeys.random(), 0600, null, 1));
    }

    @Test
    void theRuleCapsAtAboutSeventyThreeYearsAndFloorsAtZero() {
        assertEquals(Timeouts.MAX_NANOS, Timeouts.nanos(ChronoUnit.FOREVER.getDuration()));
        assertEquals(Timeouts.MAX_NANOS, Timeouts.nanos(Duration.ofNanos(Long.MAX_VALUE)));
        assertEquals(Timeouts.MAX_NANOS, Timeouts.nanos(Duration.ofNanos(Timeouts.MAX_NANOS)));
        assertEquals(Timeouts.MAX_NANOS - 1, Timeouts.nanos(Duration.ofNanos(Timeouts.MAX_NANOS - 1)));
        assertEquals(73, ChronoUnit.YEARS.between(java.time.LocalDate.EPOCH,
                java.time.LocalDate.EPOCH.plusDays(Duration.ofNanos(Timeouts.MAX_NANOS).toDays())));
        assertEquals(0, Timeouts.nanos(Duration.ofNanos(-1)));
        assertEquals(0, Timeouts.nanos(Duration.ZERO));
        assertEquals(1, Timeouts.nanos(Duration.ofNanos(1)));
    }
}
