package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysvipc.SemaphoreTestSupport.inBackground;
import static org.sysvipc.SemaphoreTestSupport.result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;

/**
 * {@link SemaphoreSet#openInitialized} within one process: creating and initialising, opening an
 * initialised set as it is, waiting for a slow creator, and timing out on a set nobody initialised.
 */
class SemaphoreSetInitializerTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void openInitializedCreatesAndInitialises() {
        IpcKey key = TestKeys.random();
        SemaphoreSet set = cleanup.add(SemaphoreSet.openInitialized(key, 0600, Duration.ofSeconds(1), 3, 0, 7));
        assertEquals(key, set.key());
        assertEquals(3, set.size());
        assertArrayEquals(new int[] {3, 0, 7}, set.getAll());
        assertTrue(set.stat().operatedOn());
    }

    @Test
    void openInitializedWorksWithTheMaximumFirstValue() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.openInitialized(TestKeys.random(), 0600, Duration.ZERO,
                SemaphoreSet.MAX_VALUE));
        assertArrayEquals(new int[] {SemaphoreSet.MAX_VALUE}, set.getAll());
    }

    @Test
    void openInitializedOpensAnInitialisedSetWithoutResettingIt() {
        IpcKey key = TestKeys.random();
        SemaphoreSet created = cleanup.add(SemaphoreSet.openInitialized(key, 0600, Duration.ZERO, 1, 1));
        created.acquire(1);
        SemaphoreSet opened = SemaphoreSet.openInitialized(key, 0600, Duration.ZERO, 1, 1);
        assertEquals(created, opened);
        assertArrayEquals(new int[] {1, 0}, opened.getAll());
    }

    @Test
    void openInitializedTimesOutOnASetNobodyInitialised() {
        IpcKey key = TestKeys.random();
        SemaphoreSet stale = cleanup.add(SemaphoreSet.open(key, OpenMode.CREATE_NEW, 0600, 1));
        SemaphoreSetNotInitializedException e = assertThrows(SemaphoreSetNotInitializedException.class,
                () -> SemaphoreSet.openInitialized(key, 0600, Duration.ofMillis(30), 1));
        assertEquals(Errno.EAGAIN, e.errno());
        assertTrue(e.getMessage().contains(stale.toString()), e.getMessage());
        assertArrayEquals(new int[] {0}, stale.getAll(), "the waiter did not touch the set");
    }

    @Test
    void openInitializedCreatesAnewWhenAStaleSetIsRemoved() throws Exception {
        IpcKey key = TestKeys.random();
        SemaphoreSet stale = cleanup.add(SemaphoreSet.open(key, OpenMode.CREATE_NEW, 0600, 1));
        Future<SemaphoreSet> opener = inBackground(() -> SemaphoreSet.openInitialized(key, 0600, Duration.ofMinutes(1), 4));
        stale.remove(); // whether the opener is waiting yet or not, it must end up with a fresh set
        SemaphoreSet fresh = cleanup.add(result(opener));
        assertNotEquals(stale.id(), fresh.id());
        assertArrayEquals(new int[] {4}, fresh.getAll());
    }

    @Test
    void openInitializedWaitsForASlowCreator() throws Exception {
        IpcKey key = TestKeys.random();
        // the test is the creator: it made the set and initialises it only after the openers started
        SemaphoreSet created = cleanup.add(SemaphoreSet.open(key, OpenMode.CREATE_NEW, 0600, 2));
        List<Future<int[]>> openers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            openers.add(inBackground(() -> SemaphoreSet.openInitialized(key, 0600, Duration.ofMinutes(1), 5, 7).getAll()));
        }
        // not an assertion: the pause only makes it likely that the openers find the set uninitialised,
        // which is what the test is about; with any timing, each must see the initial values
        Thread.sleep(50);
        created.setAll(5, 7);
        assertArrayEquals(new int[] {5, 7}, created.getAll());
        created.apply(SemaphoreOp.add(0, 1), SemaphoreOp.add(0, -1));
        for (Future<int[]> opener : openers) {
            assertArrayEquals(new int[] {5, 7}, result(opener));
        }
    }

    @Test
    void openInitializedOnASmallerExistingSetFails() {
        IpcKey key = TestKeys.random();
        cleanup.add(SemaphoreSet.openInitialized(key, 0600, Duration.ZERO, 1));
        assertThrows(IpcInvalidArgumentException.class,
                () -> SemaphoreSet.openInitialized(key, 0600, Duration.ZERO, 1, 1));
    }

    @Test
    void openInitializedRefusesBadArguments() {
        IpcKey key = TestKeys.random();
        assertThrows(IllegalArgumentException.class, () -> SemaphoreSet.openInitialized(key, 0600, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> SemaphoreSet.openInitialized(key, 0600, Duration.ZERO, SemaphoreSet.MAX_VALUE + 1));
        assertThrows(IllegalArgumentException.class, () -> SemaphoreSet.openInitialized(key, 0600, Duration.ZERO, -1));
        assertThrows(IllegalArgumentException.class, () -> SemaphoreSet.openInitialized(key, 02600, Duration.ZERO, 1));
        assertThrows(NullPointerException.class, () -> SemaphoreSet.openInitialized(key, 0600, null, 1));
        assertThrows(IpcNotFoundException.class, () -> SemaphoreSet.open(key), "nothing was created");
    }
}
