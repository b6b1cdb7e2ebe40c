package org.sysvipc.tools.soak;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.sysvipc.MessageBuffer;

/** The ring keeps messages in order, refuses when full, and never hands out a slot that lies about its length. */
class SharedRingTest {
    @Test
    void messagesComeOutInOrderUntilEmptyAcrossTheWrap() {
        try (Arena arena = Arena.ofConfined()) {
            SharedRing ring = SharedRing.format(arena.allocate(SharedRing.bytes(3), 8), 3, 7);
            MessageBuffer into = MessageBuffer.allocate(arena, SoakMessage.MAX_BYTES);
            assertEquals(7, ring.generation());
            for (int round = 0; round < 5; round++) {
                assertTrue(ring.offer(MemorySegment.ofArray(new byte[] {(byte) round, 1})));
                assertTrue(ring.offer(MemorySegment.ofArray(new byte[] {(byte) round, 2, 2})));
                assertEquals(2, ring.size());
                assertTrue(ring.poll(into));
                assertArrayEquals(new byte[] {(byte) round, 1}, into.toByteArray());
                assertTrue(ring.poll(into));
                assertArrayEquals(new byte[] {(byte) round, 2, 2}, into.toByteArray());
                assertFalse(ring.poll(into));
            }
        }
    }

    @Test
    void aFullRingRefusesAndKeepsWhatItHas() {
        try (Arena arena = Arena.ofConfined()) {
            SharedRing ring = SharedRing.format(arena.allocate(SharedRing.bytes(2), 8), 2, 1);
            assertTrue(ring.offer(MemorySegment.ofArray(new byte[] {1})));
            assertTrue(ring.offer(MemorySegment.ofArray(new byte[] {2})));
            assertFalse(ring.offer(MemorySegment.ofArray(new byte[] {3})));
            MessageBuffer into = MessageBuffer.allocate(arena, SoakMessage.MAX_BYTES);
            assertTrue(ring.poll(into));
            assertArrayEquals(new byte[] {1}, into.toByteArray());
            assertThrows(IllegalArgumentException.class, () -> ring.offer(MemorySegment.ofArray(new byte[SoakMessage.MAX_BYTES + 1])));
        }
    }

    @Test
    void aSegmentThatHoldsNoRingOrASlotThatLiesIsRefused() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(SharedRing.bytes(2), 8);
            assertThrows(IllegalArgumentException.class, () -> SharedRing.in(segment), "not yet formatted");
            assertThrows(IllegalArgumentException.class, () -> SharedRing.format(segment, 3, 1), "too small");
            SharedRing ring = SharedRing.format(segment, 2, 1);
            assertEquals(1, SharedRing.in(segment).generation());
            ring.offer(MemorySegment.ofArray(new byte[] {1}));
            segment.set(ValueLayout.JAVA_LONG, 64, 100_000); // the first slot's length, scribbled on
            MessageBuffer into = MessageBuffer.allocate(arena, SoakMessage.MAX_BYTES);
            assertThrows(IllegalStateException.class, () -> ring.poll(into));
            assertEquals(1, ring.size(), "the message stays");
        }
    }
}
