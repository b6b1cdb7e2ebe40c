package org.sysvipc.tools.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The soak's messages carry their id, send time and a checksum that every flipped bit breaks. */
class SoakMessageTest {
    @Test
    void aWrittenMessageIsIntactAndNamesItsProducerAndSequence() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(SoakMessage.MAX_BYTES);
            long id = SoakMessage.id(42, 7);
            int length = SoakMessage.write(buffer, id, 123_456_789L);
            assertTrue(SoakMessage.isIntact(buffer, length));
            assertEquals(id, SoakMessage.idOf(buffer));
            assertEquals(42, SoakMessage.producer(id));
            assertEquals(7, SoakMessage.sequence(id));
            assertEquals("42/7", SoakMessage.describe(id));
            assertEquals(123_456_789L, SoakMessage.sentNanosOf(buffer));
        }
    }

    @Test
    void everyFlippedBitAndEveryWrongLengthIsCaught() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(SoakMessage.MAX_BYTES);
            int length = SoakMessage.write(buffer, SoakMessage.id(3, 99), 1);
            for (int bit = 0; bit < length * 8; bit++) {
                flip(buffer, bit);
                assertFalse(SoakMessage.isIntact(buffer, length), "bit " + bit + " flipped");
                flip(buffer, bit);
            }
            assertTrue(SoakMessage.isIntact(buffer, length));
            assertFalse(SoakMessage.isIntact(buffer, length - 1));
            assertFalse(SoakMessage.isIntact(buffer, length + 1));
            assertFalse(SoakMessage.isIntact(buffer, 3));
            SoakMessage.corrupt(buffer);
            assertFalse(SoakMessage.isIntact(buffer, length));
            assertEquals(SoakMessage.id(3, 99), SoakMessage.idOf(buffer), "the injected corruption spares the id");
        }
    }

    @Test
    void lengthsVaryWithinTheMaximum() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(SoakMessage.MAX_BYTES);
            Set<Integer> lengths = new HashSet<>();
            for (long sequence = 1; sequence <= 2000; sequence++) {
                int length = SoakMessage.write(buffer, SoakMessage.id(1, sequence), 0);
                assertTrue(length >= SoakMessage.HEADER_BYTES && length <= SoakMessage.MAX_BYTES, "length " + length);
                lengths.add(length);
            }
            assertTrue(lengths.size() > 100, lengths.size() + " lengths");
        }
    }

    @Test
    void idsNeedAPositiveProducerAndASequenceThatFitsTheLedger() {
        assertThrows(IllegalArgumentException.class, () -> SoakMessage.id(0, 1));
        assertThrows(IllegalArgumentException.class, () -> SoakMessage.id(1, 0));
        assertThrows(IllegalArgumentException.class, () -> SoakMessage.id(1, 1L << 31));
        assertEquals(0, SoakMessage.idOf(MemorySegment.ofArray(new byte[4])));
    }

    private static void flip(MemorySegment buffer, int bit) {
        buffer.set(ValueLayout.JAVA_BYTE, bit / 8, (byte) (buffer.get(ValueLayout.JAVA_BYTE, bit / 8) ^ 1 << bit % 8));
    }
}
