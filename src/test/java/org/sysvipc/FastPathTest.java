package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysvipc.SemaphoreTestSupport.awaitTrue;
import static org.sysvipc.SemaphoreTestSupport.failureOf;
import static org.sysvipc.SemaphoreTestSupport.inBackground;
import static org.sysvipc.SemaphoreTestSupport.result;

import java.lang.foreign.Arena;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.KernelWaits;

/**
 * The fast paths: lock, unlock, acquire and release of one unit first try a prepared,
 * non-blocking semop and fall back to the errno-capturing call, which must still wait (for a
 * lock: {@link SemaphoreLockTest}), and still explain every failure; message buffers explain every failure too; and the receive
 * overloads without options.
 */
class FastPathTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    // ---- semaphores

    @Test
    void lockAndUnlockOnEverySemaphoreOfASet() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(3));
        set.setAll(1, 1, 1);
        for (int index = 0; index < 3; index++) {
            try (SemaphoreLock lock = set.lock(index)) {
                assertEquals(0, set.getValue(index));
                assertTrue(lock.isHeld());
            }
        }
        assertArrayEquals(new int[] {1, 1, 1}, set.getAll());
    }

    @Test
    void aSetTooLargeToPrepareTakesTheOrdinaryWay() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(300));
        set.setValue(299, 1);
        try (SemaphoreLock lock = set.lock(299)) {
            assertEquals(0, set.getValue(299));
        }
        set.acquire(299);
        assertEquals(0, set.getValue(299));
        set.release(299);
        assertEquals(1, set.getValue(299));
    }

    @Test
    void acquireOfOneUnitWaitsUntilReleased() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        Future<Void> waiter = inBackground(() -> {
            set.acquire(0);
            return null;
        });
        awaitTrue(() -> set.countWaitingForIncrease(0) == 1, "acquire waits");
        set.release(0);
        result(waiter);
        assertEquals(0, set.getValue(0));
    }

    @Test
    void removingTheSetEndsAWaitingLockWithIpcRemovedException() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        Future<SemaphoreLock> waiter = inBackground(() -> set.lock(0));
        awaitTrue(() -> set.countWaitingForIncrease(0) == 1, "lock waits");
        set.remove();
        IpcRemovedException e = assertInstanceOf(IpcRemovedException.class, failureOf(waiter));
        assertEquals(Errno.EIDRM, e.errno());
    }

    @Test
    void everyOneUnitCallOnARemovedSetSaysSo() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.setValue(0, 1);
        SemaphoreLock held = set.lock(0);
        set.remove();
        assertThrows(IpcRemovedException.class, () -> set.lock(0));
        assertThrows(IpcRemovedException.class, () -> set.acquire(0));
        assertThrows(IpcRemovedException.class, () -> set.release(0));
        assertThrows(IpcRemovedException.class, held::close);
        assertFalse(held.isHeld());
    }

    @Test
    void releaseAboveTheMaximumFailsWithErange() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.setValue(0, SemaphoreSet.MAX_VALUE);
        IpcException e = assertThrows(IpcException.class, () -> set.release(0));
        assertEquals(Errno.ERANGE, e.errno());
        assertEquals(SemaphoreSet.MAX_VALUE, set.getValue(0));
    }

    @Test
    void oneUnitCallsCheckTheIndexFirst() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        assertThrows(IllegalArgumentException.class, () -> set.lock(2));
        assertThrows(IllegalArgumentException.class, () -> set.acquire(-1));
        assertThrows(IllegalArgumentException.class, () -> set.release(2));
    }

    @Test
    void aLockClosedByAnotherThreadGivesTheUnitBackOnce() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.setValue(0, 1);
        SemaphoreLock lock = set.lock(0);
        result(inBackground(() -> {
            lock.close();
            return null;
        }));
        lock.close();
        assertFalse(lock.isHeld());
        assertEquals(1, set.getValue(0));
    }

    // ---- message buffers

    @Test
    void setTypeKeepsTheBytesForAReply() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, 16);
            queue.send(1, new byte[] {1, 2, 3});
            queue.receive(1, buffer);
            queue.send(buffer.setType(2));
            assertFalse(queue.tryReceive(1, buffer));
            assertTrue(queue.tryReceive(2, buffer));
            assertEquals(2, buffer.type());
            assertArrayEquals(new byte[] {1, 2, 3}, buffer.toByteArray());
        }
    }

    @Test
    void setTypeRefusesATypeBelowOne() {
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, 1).set(5, new byte[] {9});
            assertThrows(IllegalArgumentException.class, () -> buffer.setType(0));
            assertThrows(IllegalArgumentException.class, () -> buffer.setType(-1));
            assertEquals(5, buffer.type());
        }
    }

    @Test
    void receiveIntoABufferWithoutOptionsRefusesALongerMessage() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer small = MessageBuffer.allocate(arena, 2);
            queue.send(1, new byte[] {1, 2, 3});
            IpcTooLargeException e = assertThrows(IpcTooLargeException.class, () -> queue.receive(0, small));
            assertEquals(Errno.E2BIG, e.errno());
            assertThrows(IpcTooLargeException.class, () -> queue.tryReceive(0, small));
            assertEquals(1, queue.stat().messageCount());
        }
    }

    @Test
    void aBufferReportsTheRemovalOfTheQueueItWaitsOn() throws Exception {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        Future<Void> receiver = inBackground(() -> {
            try (Arena arena = Arena.ofConfined()) {
                queue.receive(0, MessageBuffer.allocate(arena, 8));
            }
            return null;
        });
        KernelWaits.awaitThreadIn(ProcessHandle.current().pid(), "do_msgrcv");
        queue.remove();
        IpcRemovedException e = assertInstanceOf(IpcRemovedException.class, failureOf(receiver));
        assertEquals(Errno.EIDRM, e.errno());
    }

    @Test
    void trySendAndTryReceiveOfBuffersOnARemovedQueueSaySo() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        queue.remove();
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, 8);
            assertThrows(IpcRemovedException.class, () -> queue.trySend(buffer));
            assertThrows(IpcRemovedException.class, () -> queue.tryReceive(0, buffer));
            assertThrows(IpcRemovedException.class, () -> queue.send(buffer));
        }
    }
}
