package org.sysvipc.tools.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;
import org.sysvipc.IpcRemovedException;

/**
 * The call word's protocol: a call flagged while it runs is counted once, by how it ended; a flag
 * after its end fails; and a call that fails otherwise keeps its mark.
 */
class WorkerSlotTest {
    @Test
    void aCallSignalledWhileItRunsIsCountedOnceByHowItEnded() {
        try (Arena arena = Arena.ofConfined()) {
            WorkerSlot slot = new WorkerSlot(arena.allocate(WorkerSlot.BYTES, 64));
            BlockingCalls calls = new BlockingCalls(slot);
            calls.run(CallKind.MSGRCV, () -> {
                long word = slot.callWord();
                assertTrue(CallWord.inCall(word));
                assertEquals(CallKind.MSGRCV, CallWord.kind(word));
                assertTrue(slot.markSignalled(word));
                assertFalse(slot.markSignalled(slot.callWord()), "a second signal flags nothing new");
            });
            assertEquals(1, slot.resumed(CallKind.MSGRCV));
            assertFalse(CallWord.inCall(slot.callWord()));

            assertThrows(IpcRemovedException.class, () -> calls.run(CallKind.SEMOP, () -> {
                assertTrue(slot.markSignalled(slot.callWord()));
                throw new IpcRemovedException("semop", "semaphore set 1", 43, null);
            }));
            assertEquals(1, slot.endedByRemoval(CallKind.SEMOP));
            assertEquals(0, slot.resumed(CallKind.SEMOP));

            assertNull(calls.call(CallKind.MSGSND, () -> null));
            assertEquals(0, slot.resumed(CallKind.MSGSND), "not signalled, not counted");
        }
    }

    @Test
    void aFlagForACallThatEndedIsRefused() {
        try (Arena arena = Arena.ofConfined()) {
            WorkerSlot slot = new WorkerSlot(arena.allocate(WorkerSlot.BYTES, 64));
            slot.beginCall(CallKind.SEMTIMEDOP);
            long seen = slot.callWord();
            slot.endCall(true);
            assertFalse(slot.markSignalled(seen), "the call ended");
            slot.beginCall(CallKind.SEMTIMEDOP);
            assertFalse(slot.markSignalled(seen), "another call of the same kind");
            slot.endCall(true);
            assertEquals(0, slot.resumed(CallKind.SEMTIMEDOP));
        }
    }

    @Test
    void aCallTakenAtTheHarvestCanNoLongerBeFlagged() {
        try (Arena arena = Arena.ofConfined()) {
            WorkerSlot slot = new WorkerSlot(arena.allocate(WorkerSlot.BYTES, 64));
            slot.beginCall(CallKind.CHANNEL_RECEIVE);
            long seen = slot.callWord(); // the signaller saw it under way, then the worker was killed
            long taken = slot.takeCallWord();
            assertTrue(CallWord.inCall(taken) && !CallWord.signalled(taken));
            assertEquals(CallKind.CHANNEL_RECEIVE, CallWord.kind(taken));
            assertFalse(slot.markSignalled(seen), "flagged after the harvest, it would be counted by nobody");
        }
    }

    @Test
    void aCallThatFailsOtherwiseKeepsItsMarkForTheSoakToSee() {
        try (Arena arena = Arena.ofConfined()) {
            WorkerSlot slot = new WorkerSlot(arena.allocate(WorkerSlot.BYTES, 64));
            BlockingCalls calls = new BlockingCalls(slot);
            assertThrows(IllegalStateException.class, () -> calls.run(CallKind.MSGSND, () -> {
                slot.markSignalled(slot.callWord());
                throw new IllegalStateException("EINTR leaked");
            }));
            long word = slot.callWord();
            assertTrue(CallWord.inCall(word) && CallWord.signalled(word));
            assertEquals(CallKind.MSGSND, CallWord.kind(word));
        }
    }

    @Test
    void producerAndLockFieldsReadBackAndClearEmptiesAll() {
        try (Arena arena = Arena.ofConfined()) {
            WorkerSlot slot = new WorkerSlot(arena.allocate(WorkerSlot.BYTES, 64));
            slot.identify(12, 34);
            slot.pending(5);
            slot.accepted(4);
            slot.holdingLock(true);
            assertTrue(slot.isHoldingLock());
            slot.holdingLock(false);
            slot.removalNoticed();
            slot.ready();
            assertEquals(12, slot.pid());
            assertEquals(34, slot.tid());
            assertEquals(5, slot.pending());
            assertEquals(4, slot.accepted());
            assertEquals(1, slot.locksTaken());
            assertEquals(1, slot.removalsNoticed());
            assertTrue(slot.isReady());
            slot.clear();
            assertEquals(0, slot.pid());
            assertFalse(slot.isReady());
            assertEquals(0, slot.mailboxMessageId());
        }
    }
}
