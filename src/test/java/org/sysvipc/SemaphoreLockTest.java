package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysvipc.SemaphoreTestSupport.awaitTrue;
import static org.sysvipc.SemaphoreTestSupport.inBackground;
import static org.sysvipc.SemaphoreTestSupport.result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.IpcCleanup;

/** {@link SemaphoreLock} within one process: taking, giving back once, excluding other threads. */
class SemaphoreLockTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void lockTakesAUnitAndCloseGivesItBackOnce() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.setValue(0, 1);
        SemaphoreLock lock = set.lock(0);
        assertTrue(lock.isHeld());
        assertSame(set, lock.set());
        assertEquals(0, lock.index());
        assertEquals(0, set.getValue(0));
        lock.close();
        assertFalse(lock.isHeld());
        assertEquals(1, set.getValue(0));
        lock.close();
        assertEquals(1, set.getValue(0), "a second close gives nothing back");
    }

    @Test
    void tryLockReturnsNullWhileTheLockIsTaken() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.setValue(0, 1);
        try (SemaphoreLock held = set.lock(0)) {
            assertNull(set.tryLock(0));
            assertNull(set.tryLock(0, Duration.ofMillis(10)));
            assertTrue(held.isHeld());
        }
        try (SemaphoreLock lock = set.tryLock(0)) {
            assertNotNull(lock);
            assertEquals(0, set.getValue(0));
        }
        try (SemaphoreLock lock = set.tryLock(0, Duration.ofSeconds(1))) {
            assertNotNull(lock);
        }
        assertEquals(1, set.getValue(0));
    }

    @Test
    void aLockBlocksUntilTheHolderClosesIt() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.setValue(0, 1);
        SemaphoreLock held = set.lock(0);
        Future<Integer> waiting = inBackground(() -> {
            try (SemaphoreLock lock = set.lock(0)) {
                return set.getValue(0);
            }
        });
        awaitTrue(() -> set.countWaitingForIncrease(0) == 1, "the second locker blocks");
        held.close();
        assertEquals(0, result(waiting), "the second locker took the unit");
        assertEquals(1, set.getValue(0));
    }

    @Test
    void closingALockOfARemovedSetFails() {
        SemaphoreSet set = SemaphoreSet.createPrivate(1);
        set.setValue(0, 1);
        SemaphoreLock lock = set.lock(0);
        set.remove();
        assertThrows(IpcRemovedException.class, lock::close);
        assertFalse(lock.isHeld());
        lock.close(); // already closed: nothing to do, nothing thrown
    }

    @Test
    void theLockExcludesOtherThreadsFromItsSection() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        set.setValue(0, 1);
        int threads = 4;
        int rounds = 300;
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(inBackground(() -> {
                for (int i = 0; i < rounds; i++) {
                    try (SemaphoreLock lock = set.lock(0)) {
                        // a read-modify-write that loses updates unless the lock excludes the others
                        set.setValue(1, set.getValue(1) + 1);
                        assertTrue(lock.isHeld());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            result(worker);
        }
        assertEquals(threads * rounds, set.getValue(1));
        assertEquals(1, set.getValue(0));
    }
}
