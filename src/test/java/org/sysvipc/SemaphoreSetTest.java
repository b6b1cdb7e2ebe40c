package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysvipc.SemaphoreTestSupport.awaitTrue;
import static org.sysvipc.SemaphoreTestSupport.failureOf;
import static org.sysvipc.SemaphoreTestSupport.inBackground;
import static org.sysvipc.SemaphoreTestSupport.result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;

class SemaphoreSetTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    // ---- creating and opening

    @Test
    void createPrivateMakesASetOfZeros() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(3));
        assertEquals(3, set.size());
        assertSame(IpcKey.PRIVATE, set.key());
        assertArrayEquals(new int[] {0, 0, 0}, set.getAll());
    }

    @Test
    void openByKeyFindsTheSameSet() {
        IpcKey key = TestKeys.random();
        SemaphoreSet created = cleanup.add(SemaphoreSet.open(key, OpenMode.CREATE_NEW, 0600, 2));
        created.setValue(1, 9);
        SemaphoreSet opened = SemaphoreSet.open(key);
        assertEquals(created.id(), opened.id());
        assertEquals(created, opened);
        assertEquals(created.hashCode(), opened.hashCode());
        assertEquals(2, opened.size());
        assertEquals(key, opened.key());
        assertEquals(9, opened.getValue(1));
    }

    @Test
    void createOpensAnExistingSetAndMakesAMissingOne() {
        IpcKey key = TestKeys.random();
        SemaphoreSet first = cleanup.add(SemaphoreSet.open(key, OpenMode.CREATE, 0600, 2));
        SemaphoreSet second = SemaphoreSet.open(key, OpenMode.CREATE, 0600, 1);
        assertEquals(first.id(), second.id());
        assertEquals(2, second.size(), "the size is the existing set's, not the count asked for");
    }

    @Test
    void askingForMoreSemaphoresThanAnExistingSetHasFails() {
        IpcKey key = TestKeys.random();
        cleanup.add(SemaphoreSet.open(key, OpenMode.CREATE_NEW, 0600, 2));
        assertThrows(IpcInvalidArgumentException.class, () -> SemaphoreSet.open(key, OpenMode.OPEN_EXISTING, 0600, 3));
        assertThrows(IpcInvalidArgumentException.class, () -> SemaphoreSet.open(key, OpenMode.CREATE, 0600, 3));
    }

    @Test
    void badCreateArgumentsAreRefusedBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class, () -> SemaphoreSet.createPrivate(0));
        assertThrows(IllegalArgumentException.class, () -> SemaphoreSet.createPrivate(-1));
        assertThrows(IllegalArgumentException.class,
                () -> SemaphoreSet.open(TestKeys.random(), OpenMode.CREATE_NEW, 01600, 1));
        assertThrows(IllegalArgumentException.class,
                () -> SemaphoreSet.open(TestKeys.random(), OpenMode.OPEN_EXISTING, 0600, -1));
        assertThrows(IllegalArgumentException.class, () -> SemaphoreSet.open(IpcKey.PRIVATE));
        assertThrows(IllegalArgumentException.class, () -> SemaphoreSet.ofId(-1));
        assertThrows(NullPointerException.class, () -> SemaphoreSet.open(null, OpenMode.CREATE, 0600, 1));
    }

    @Test
    void moreSemaphoresThanSemmslAreRefusedByTheKernel() throws IOException {
        int semmsl = kernelSemLimits()[0];
        assertThrows(IpcInvalidArgumentException.class, () -> cleanup.add(SemaphoreSet.createPrivate(semmsl + 1)));
    }

    @Test
    void ofIdFindsTheSetsSize() {
        SemaphoreSet created = cleanup.add(SemaphoreSet.createPrivate(4));
        assertEquals(4, SemaphoreSet.ofId(created.id()).size());
    }

    // ---- values

    @Test
    void setValueAndGetValue() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        set.setValue(1, SemaphoreSet.MAX_VALUE);
        assertEquals(0, set.getValue(0));
        assertEquals(SemaphoreSet.MAX_VALUE, set.getValue(1));
    }

    @Test
    void setAllAndGetAll() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(3));
        set.setAll(1, SemaphoreSet.MAX_VALUE, 0);
        assertArrayEquals(new int[] {1, SemaphoreSet.MAX_VALUE, 0}, set.getAll());
    }

    @Test
    void badValuesAndIndexesAreRefused() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        assertThrows(IllegalArgumentException.class, () -> set.setValue(0, SemaphoreSet.MAX_VALUE + 1));
        assertThrows(IllegalArgumentException.class, () -> set.setValue(0, -1));
        assertThrows(IllegalArgumentException.class, () -> set.setValue(2, 1));
        assertThrows(IllegalArgumentException.class, () -> set.getValue(-1));
        assertThrows(IllegalArgumentException.class, () -> set.getValue(2));
        assertThrows(IllegalArgumentException.class, () -> set.lastPid(2));
        assertThrows(IllegalArgumentException.class, () -> set.countWaitingForIncrease(2));
        assertThrows(IllegalArgumentException.class, () -> set.countWaitingForZero(2));
        assertThrows(IllegalArgumentException.class, () -> set.setAll(1));
        assertThrows(IllegalArgumentException.class, () -> set.setAll(1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> set.setAll(1, SemaphoreSet.MAX_VALUE + 1));
        assertThrows(IllegalArgumentException.class, () -> set.acquire(0, 0));
        assertThrows(IllegalArgumentException.class, () -> set.release(0, -1));
        assertThrows(IllegalArgumentException.class, () -> set.release(0, SemaphoreSet.MAX_VALUE + 1));
        assertThrows(IllegalArgumentException.class, () -> set.tryAcquire(2, 1));
        assertThrows(IllegalArgumentException.class, () -> set.lock(2));
        assertArrayEquals(new int[] {0, 0}, set.getAll(), "nothing was changed");
    }

    @Test
    void releasingBeyondTheMaximumFailsWithErange() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.setValue(0, SemaphoreSet.MAX_VALUE);
        IpcException e = assertThrows(IpcException.class, () -> set.release(0));
        assertEquals(IpcException.class, e.getClass());
        assertEquals(Errno.ERANGE, e.errno());
        assertEquals(SemaphoreSet.MAX_VALUE, set.getValue(0));
    }

    @Test
    void lastPidIsZeroUntilAnOperationThenTheOperator() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        assertEquals(0, set.lastPid(0));
        set.release(0);
        assertEquals(ProcessHandle.current().pid(), set.lastPid(0));
        assertEquals(0, set.lastPid(1));
    }

    @Test
    void statTellsPermissionsSizeAndTimes() {
        IpcKey key = TestKeys.random();
        SemaphoreSet set = cleanup.add(SemaphoreSet.open(key, OpenMode.CREATE_NEW, 0640, 3));
        SemaphoreSetStat stat = set.stat();
        assertEquals(3, stat.count());
        assertEquals(key, stat.permissions().key());
        assertEquals(0640, stat.permissions().accessBits());
        assertEquals(Instant.EPOCH, stat.lastOperation());
        assertFalse(stat.operatedOn());
        assertTrue(stat.lastChange().isAfter(Instant.EPOCH));
        set.release(2);
        assertTrue(set.stat().operatedOn());
    }

    @Test
    void setPermissionsChangesOwnerAndMode() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        int creatorUid = set.stat().permissions().creatorUid();
        set.setPermissions(1000, 1001, 0664);
        IpcPermissions permissions = set.stat().permissions();
        assertEquals(1000, permissions.uid());
        assertEquals(1001, permissions.gid());
        assertEquals(0664, permissions.accessBits());
        assertEquals(creatorUid, permissions.creatorUid());
    }

    @Test
    void badPermissionsAreRefused() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        assertThrows(IllegalArgumentException.class, () -> set.setPermissions(0, 0, 01777));
        assertThrows(IllegalArgumentException.class, () -> set.setPermissions(-1, 0, 0600));
        assertThrows(IllegalArgumentException.class, () -> set.setPermissions(0, -1, 0600));
    }

    // ---- removed sets

    @Test
    void everyCallOnARemovedSetFailsWithRemoved() {
        SemaphoreSet set = SemaphoreSet.createPrivate(2);
        set.remove();
        List<Runnable> calls = List.of(() -> set.getValue(0), () -> set.setValue(0, 1), set::getAll,
                () -> set.setAll(1, 1), () -> set.lastPid(0), () -> set.countWaitingForIncrease(0),
                () -> set.countWaitingForZero(0), set::stat, () -> set.setPermissions(0, 0, 0600), set::remove,
                () -> set.release(0), () -> set.acquire(0), () -> set.tryAcquire(0, 1),
                () -> set.tryAcquire(0, 1, Duration.ofSeconds(1)), () -> set.waitForZero(0), () -> set.lock(0),
                () -> set.tryLock(0), () -> set.apply(SemaphoreOp.add(0, 1)), () -> set.tryApply(SemaphoreOp.add(0, 1)),
                () -> set.apply(Duration.ofSeconds(1), SemaphoreOp.add(0, 1)));
        for (Runnable call : calls) {
            IpcRemovedException e = assertThrows(IpcRemovedException.class, call::run);
            assertTrue(e.getMessage().contains(set.toString()), e.getMessage());
        }
    }

    @Test
    void aCallerBlockedInAcquireIsWokenByRemoval() throws Exception {
        SemaphoreSet set = SemaphoreSet.createPrivate(1);
        cleanup.add(set);
        Future<?> blocked = inBackground(() -> {
            set.acquire(0);
            return null;
        });
        awaitTrue(() -> set.countWaitingForIncrease(0) == 1, "the caller blocks");
        set.remove();
        Throwable failure = failureOf(blocked);
        assertInstanceOf(IpcRemovedException.class, failure);
        assertEquals("semop", ((IpcException) failure).call());
    }

    @Test
    void aCallerBlockedInATimedAcquireIsWokenByRemoval() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        Future<Boolean> blocked = inBackground(() -> set.tryAcquire(0, 1, Duration.ofMinutes(5)));
        awaitTrue(() -> set.countWaitingForIncrease(0) == 1, "the caller blocks");
        set.remove();
        assertInstanceOf(IpcRemovedException.class, failureOf(blocked));
    }

    // ---- operations

    @Test
    void acquireTakesWhatReleaseGave() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.release(0, 5);
        set.acquire(0, 3);
        set.acquire(0);
        assertEquals(1, set.getValue(0));
        set.release(0);
        assertEquals(2, set.getValue(0));
    }

    @Test
    void tryAcquireReturnsFalseInsteadOfBlocking() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.setValue(0, 2);
        assertFalse(set.tryAcquire(0, 3));
        assertEquals(2, set.getValue(0));
        assertTrue(set.tryAcquire(0, 2));
        assertEquals(0, set.getValue(0));
    }

    @Test
    void timedAcquireReturnsFalseWhenTheTimeRunsOut() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        assertFalse(set.tryAcquire(0, 1, Duration.ofMillis(20)));
        assertFalse(set.tryAcquire(0, 1, Duration.ZERO));
        assertFalse(set.tryAcquire(0, 1, Duration.ofSeconds(-1)));
        assertEquals(0, set.getValue(0));
        set.release(0);
        assertTrue(set.tryAcquire(0, 1, Duration.ZERO));
        assertEquals(0, set.getValue(0));
    }

    @Test
    void timedAcquireWaitsForARelease() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        Future<Boolean> waiting = inBackground(() -> set.tryAcquire(0, 2, Duration.ofMinutes(5)));
        awaitTrue(() -> set.countWaitingForIncrease(0) == 1, "the caller blocks");
        set.release(0, 2);
        assertTrue(result(waiting));
        assertEquals(0, set.getValue(0));
    }

    @Test
    void timedAcquireInATimeUnitTakesWaitsAndTimesOutAsTheDurationForm() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        assertFalse(set.tryAcquire(0, 1, 20, TimeUnit.MILLISECONDS));
        assertFalse(set.tryAcquire(0, 1, 0, TimeUnit.NANOSECONDS));
        assertFalse(set.tryAcquire(0, 1, -1, TimeUnit.SECONDS));
        assertThrows(NullPointerException.class, () -> set.tryAcquire(0, 1, 1, null));
        assertThrows(IllegalArgumentException.class, () -> set.tryAcquire(1, 1, 1, TimeUnit.SECONDS));
        assertThrows(IllegalArgumentException.class, () -> set.tryAcquire(0, 0, 1, TimeUnit.SECONDS));
        set.release(0);
        assertTrue(set.tryAcquire(0, 1, Long.MAX_VALUE, TimeUnit.DAYS), "a huge timeout does not overflow");
        Future<Boolean> waiting = inBackground(() -> set.tryAcquire(0, 2, 5, TimeUnit.MINUTES));
        awaitTrue(() -> set.countWaitingForIncrease(0) == 1, "the caller blocks");
        set.release(0, 2);
        assertTrue(result(waiting));
        assertEquals(0, set.getValue(0));
    }

    @Test
    void hugeTimeoutsAreAccepted() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.release(0);
        assertTrue(set.tryAcquire(0, 1, Duration.ofSeconds(Long.MAX_VALUE)));
    }

    @Test
    void blockedAcquireCountsAsWaitingForIncreaseUntilReleased() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        assertEquals(0, set.countWaitingForIncrease(1));
        Future<?> blocked = inBackground(() -> {
            set.acquire(1, 2);
            return null;
        });
        awaitTrue(() -> set.countWaitingForIncrease(1) == 1, "the caller blocks");
        assertEquals(0, set.countWaitingForIncrease(0));
        assertEquals(0, set.countWaitingForZero(1));
        set.release(1, 2);
        result(blocked);
        assertEquals(0, set.countWaitingForIncrease(1));
        assertEquals(0, set.getValue(1));
    }

    @Test
    void waitForZeroBlocksUntilTheValueIsZero() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.waitForZero(0); // zero already: returns at once
        set.setValue(0, 2);
        Future<?> blocked = inBackground(() -> {
            set.waitForZero(0);
            return null;
        });
        awaitTrue(() -> set.countWaitingForZero(0) == 1, "the caller blocks");
        assertEquals(0, set.countWaitingForIncrease(0));
        set.acquire(0, 2);
        result(blocked);
        assertEquals(0, set.countWaitingForZero(0));
    }

    @Test
    void anInterruptEndsABlockingCallWhichTakesNothing() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        Thread[] blockedThread = new Thread[1];
        Future<Boolean> blocked = inBackground(() -> {
            blockedThread[0] = Thread.currentThread();
            try {
                set.acquire(0);
                return false;
            } catch (IpcInterruptedException e) {
                return Thread.currentThread().isInterrupted();
            }
        });
        awaitTrue(() -> set.countWaitingForIncrease(0) == 1, "the caller blocks");
        blockedThread[0].interrupt();
        assertTrue(result(blocked), "acquire threw IpcInterruptedException and kept the interrupt status");
        set.release(0);
        assertEquals(1, set.getValue(0), "the interrupted acquire took nothing");
    }

    @Test
    void anInterruptedThreadStillOperatesWithoutWaitingButDoesNotStartToWait() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        Thread.currentThread().interrupt();
        try {
            set.release(0);
            assertTrue(set.tryAcquire(0, 1));
            set.release(0);
            assertThrows(IpcInterruptedException.class, () -> set.tryAcquire(0, 1, Duration.ofSeconds(1)));
            assertThrows(IpcInterruptedException.class, () -> set.acquire(0));
            assertEquals(1, set.getValue(0));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void severalOperationsApplyAllOrNothing() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        set.setAll(1, 0);
        assertFalse(set.tryApply(SemaphoreOp.add(0, -1), SemaphoreOp.add(1, -1)));
        assertArrayEquals(new int[] {1, 0}, set.getAll(), "the first operation was not applied alone");
        assertFalse(set.apply(Duration.ofMillis(10), SemaphoreOp.add(0, -1), SemaphoreOp.add(1, -1)));
        assertArrayEquals(new int[] {1, 0}, set.getAll());
        assertTrue(set.tryApply(SemaphoreOp.add(0, -1), SemaphoreOp.add(1, 1)));
        assertArrayEquals(new int[] {0, 1}, set.getAll());
        assertTrue(set.apply(Duration.ofSeconds(1), SemaphoreOp.waitForZero(0), SemaphoreOp.add(1, 4)));
        assertArrayEquals(new int[] {0, 5}, set.getAll());
    }

    @Test
    void operationsApplyInOrder() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        // the decrement can proceed only because the increment before it is applied first
        set.apply(SemaphoreOp.add(0, 2), SemaphoreOp.add(0, -1));
        assertEquals(1, set.getValue(0));
    }

    @Test
    void aBlockedMultiOperationWaitsUntilAllCanProceed() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        Future<?> blocked = inBackground(() -> {
            set.apply(SemaphoreOp.add(0, -1), SemaphoreOp.add(1, -1));
            return null;
        });
        awaitTrue(() -> set.countWaitingForIncrease(0) == 1, "the caller blocks on semaphore 0");
        set.release(0);
        awaitTrue(() -> set.countWaitingForIncrease(1) == 1, "the caller blocks on semaphore 1");
        assertEquals(1, set.getValue(0), "semaphore 0 was not taken while semaphore 1 was 0");
        set.release(1);
        result(blocked);
        assertArrayEquals(new int[] {0, 0}, set.getAll());
    }

    @Test
    void aNoWaitOperationInABlockingApplyThrowsWouldBlock() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        IpcException e = assertThrows(IpcWouldBlockException.class,
                () -> set.apply(SemaphoreOp.add(1, 1), SemaphoreOp.add(0, -1).withNoWait()));
        assertEquals(Errno.EAGAIN, e.errno());
        assertArrayEquals(new int[] {0, 0}, set.getAll());
    }

    @Test
    void moreOperationsThanTheScratchBufferHoldsWork() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(3));
        List<SemaphoreOp> operations = new ArrayList<>(Collections.nCopies(20, SemaphoreOp.add(2, 1)));
        operations.add(SemaphoreOp.add(2, -5));
        set.apply(operations.toArray(SemaphoreOp[]::new));
        assertEquals(15, set.getValue(2));
        operations.add(SemaphoreOp.add(2, -100));
        assertFalse(set.tryApply(operations.toArray(SemaphoreOp[]::new)));
        assertFalse(set.apply(Duration.ZERO, operations.toArray(SemaphoreOp[]::new)));
        assertEquals(15, set.getValue(2));
    }

    @Test
    void moreOperationsThanSemopmAreRefusedByTheKernel() throws IOException {
        int semopm = kernelSemLimits()[2];
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        SemaphoreOp[] operations = Collections.nCopies(semopm + 1, SemaphoreOp.add(0, 1)).toArray(SemaphoreOp[]::new);
        assertThrows(IpcTooLargeException.class, () -> set.apply(operations));
        assertEquals(0, set.getValue(0));
    }

    @Test
    void badOperationListsAreRefused() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        assertThrows(IllegalArgumentException.class, () -> set.apply());
        assertThrows(IllegalArgumentException.class, () -> set.tryApply());
        assertThrows(IllegalArgumentException.class, () -> set.apply(SemaphoreOp.add(0, 1), SemaphoreOp.add(2, 1)));
        assertThrows(NullPointerException.class, () -> set.apply((SemaphoreOp) null));
        assertThrows(NullPointerException.class, () -> set.apply((Duration) null, SemaphoreOp.add(0, 1)));
        assertArrayEquals(new int[] {0, 0}, set.getAll());
    }

    /** semmsl, semmns, semopm, semmni from /proc/sys/kernel/sem. */
    private static int[] kernelSemLimits() throws IOException {
        // readString trusts the size procfs reports, which may be wrong; reading lines does not
        String[] fields = Files.readAllLines(Path.of("/proc/sys/kernel/sem")).get(0).trim().split("\\s+");
        int[] limits = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            limits[i] = Integer.parseInt(fields[i]);
        }
        return limits;
    }
}
