package org.sysvipc.php;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sysvipc.IpcKey;
import org.sysvipc.OpenMode;
import org.sysvipc.SharedMemory;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;
import org.sysvipc.testing.Requires;

class PhpSharedVariablesTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private static final int SIZE = 10000;
    private final PhpSerializer php = PhpSerializer.standard();

    private SharedMemory keyed(long size) {
        return cleanup.add(SharedMemory.open(TestKeys.random(), OpenMode.CREATE_NEW, 0600, size));
    }

    private static long key(int i) {
        return 7L * i - 50;
    }

    @Test
    @Tag(Requires.PHP)
    void variablesJavaPutsArePhpsToGet() {
        SharedMemory memory = keyed(SIZE);
        List<Object> values = PhpValues.values();
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            for (int i = 0; i < values.size(); i++) {
                vars.put(key(i), values.get(i));
            }
        }
        assertEquals("ok\n", Php.run("shm_peer.php", memory.key().value(), SIZE, "check"));
    }

    /** The operations shm_peer.php's replay mode performs. */
    private static void replay(PhpSharedVariables vars) {
        List<Object> values = PhpValues.values();
        for (int i = 0; i < values.size(); i++) {
            vars.put(key(i), values.get(i));
        }
        vars.put(key(3), "replaced");
        assertTrue(vars.remove(key(5)));
        assertTrue(vars.remove(key(0)));
        vars.put(Long.MAX_VALUE, List.of(1L, 2L));
        vars.put(Long.MIN_VALUE, "x".repeat(100));
        assertTrue(vars.remove(key(24)));
    }

    @Test
    @Tag(Requires.PHP)
    void phpsSegmentAndJavasAreTheSameBytesAndJavaReadsPhpsAfterCompaction() {
        SharedMemory fromPhp = keyed(SIZE);
        SharedMemory fromJava = keyed(SIZE);
        assertEquals("ok\n", Php.run("shm_peer.php", fromPhp.key().value(), SIZE, "replay"));
        try (PhpSharedVariables vars = PhpSharedVariables.attach(fromJava)) {
            replay(vars);
        }
        try (SharedMemory.Attachment php = fromPhp.attachReadOnly(); SharedMemory.Attachment java = fromJava.attachReadOnly()) {
            byte[] phpBytes = php.segment().toArray(JAVA_BYTE);
            byte[] javaBytes = java.segment().toArray(JAVA_BYTE);
            long end = php.segment().get(JAVA_LONG_UNALIGNED, 16);
            assertTrue(end > 1000, "PHP's variables end at " + end);
            assertEquals(-1, MemorySegment.mismatch(php.segment(), 0, php.segment().byteSize(), java.segment(), 0,
                    java.segment().byteSize()), "the segments differ");
            assertArrayEquals(phpBytes, javaBytes);
        }
        try (PhpSharedVariables vars = PhpSharedVariables.attach(fromPhp)) {
            List<Object> values = PhpValues.values();
            List<Long> expectedKeys = new ArrayList<>();
            for (int i = 1; i < values.size() - 1; i++) {
                if (i != 3 && i != 5) {
                    expectedKeys.add(key(i));
                }
            }
            expectedKeys.addAll(List.of(key(3), Long.MAX_VALUE, Long.MIN_VALUE));
            assertEquals(expectedKeys, vars.keys());
            for (int i = 1; i < values.size() - 1; i++) {
                Object expected = i == 3 ? "replaced" : values.get(i);
                if (i == 5) {
                    assertFalse(vars.contains(key(i)));
                    long missing = key(i);
                    assertThrows(NoSuchElementException.class, () -> vars.get(missing));
                } else {
                    Object got = vars.get(key(i));
                    assertTrue(PhpValues.same(expected, got), () -> PhpValues.show(expected) + " read as " + PhpValues.show(got));
                }
            }
            assertEquals(PhpValues.array(1L, 2L), vars.get(Long.MAX_VALUE));
            assertEquals("x".repeat(100), vars.get(Long.MIN_VALUE));
            assertFalse(vars.remove(key(0)));
        }
    }

    @Test
    @Tag(Requires.PHP)
    void phpReadsWhatJavaCompacted() {
        SharedMemory memory = keyed(SIZE);
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            replay(vars);
        }
        String[] dump = Php.run("shm_peer.php", memory.key().value(), SIZE, "dump", key(0), key(3), key(5), key(6),
                Long.MAX_VALUE, Long.MIN_VALUE).split("\n");
        assertEquals(List.of("absent", hex("replaced"), "absent", hex(PhpValues.values().get(6)), hex(List.of(1L, 2L)),
                hex("x".repeat(100)), "ok"), List.of(dump));
    }

    private String hex(Object value) {
        return HexFormat.of().formatHex(php.serialize(value));
    }

    @Test
    void headerAndChunkLayout() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(1000));
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            MemorySegment s = memory.attachReadOnly().segment();
            assertEquals("PHP_SM\0\0", new String(s.asSlice(0, 8).toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
            assertEquals(List.of(40L, 40L, 960L, 1000L), header(s));
            assertEquals(960, vars.freeBytes());
            vars.put(9, "abc"); // s:3:"abc"; is 10 bytes: a chunk of ((10 + 31) / 8) * 8 + 8 = 48
            assertEquals(List.of(40L, 88L, 912L, 1000L), header(s));
            assertEquals(9, s.get(JAVA_LONG_UNALIGNED, 40));
            assertEquals(10, s.get(JAVA_LONG_UNALIGNED, 48));
            assertEquals(48, s.get(JAVA_LONG_UNALIGNED, 56));
            assertEquals("s:3:\"abc\";", new String(s.asSlice(64, 10).toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
            vars.put(10, null); // N; is 2 bytes: a chunk of 40
            assertEquals(List.of(40L, 128L, 872L, 1000L), header(s));
            assertTrue(vars.remove(9));
            assertEquals(List.of(40L, 80L, 920L, 1000L), header(s));
            assertEquals(10, s.get(JAVA_LONG_UNALIGNED, 40));
            assertNull(vars.get(10));
            assertEquals(List.of(10L), vars.keys());
        }
        assertEquals(32, PhpSharedVariables.chunkSize(0));
        assertEquals(40, PhpSharedVariables.chunkSize(1));
        assertEquals(40, PhpSharedVariables.chunkSize(8));
        assertEquals(48, PhpSharedVariables.chunkSize(9));
        assertThrows(IllegalArgumentException.class, () -> PhpSharedVariables.chunkSize(-1));
    }

    private static List<Long> header(MemorySegment s) {
        return List.of(s.get(JAVA_LONG_UNALIGNED, 8), s.get(JAVA_LONG_UNALIGNED, 16), s.get(JAVA_LONG_UNALIGNED, 24),
                s.get(JAVA_LONG_UNALIGNED, 32));
    }

    @Test
    void notEnoughSharedMemoryLeftChangesNothing() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(200));
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            vars.put(1, "x".repeat(50)); // 58 bytes: a chunk of 96, 64 left
            PhpSharedMemoryFullException full = assertThrows(PhpSharedMemoryFullException.class,
                    () -> vars.put(2, "y".repeat(50)));
            assertEquals(96, full.needed());
            assertEquals(64, full.available());
            assertTrue(full.getMessage().contains("not enough shared memory left"), full.getMessage());
            assertEquals(List.of(1L), vars.keys());
            // replacing frees the old chunk first, as PHP does: it fits
            vars.put(1, "z".repeat(90));
            assertEquals("z".repeat(90), vars.get(1));
            assertThrows(PhpSharedMemoryFullException.class, () -> vars.put(1, "z".repeat(200)));
            assertEquals("z".repeat(90), vars.get(1), "a failed replace keeps the old value");
            assertEquals(24, vars.freeBytes());
        }
    }

    @Test
    void attachIsShmAttach() {
        SharedMemory existing = keyed(500);
        try (PhpSharedVariables vars = PhpSharedVariables.attach(existing.key(), 64, 0644)) {
            assertEquals(existing, vars.memory());
            assertEquals(460, vars.freeBytes(), "an existing segment keeps its size");
        }
        try (PhpSharedVariables created = PhpSharedVariables.attach(IpcKey.PRIVATE)) {
            cleanup.add(created.memory());
            assertEquals(PhpSharedVariables.DEFAULT_SIZE, created.memory().stat().size());
            assertEquals(PhpSharedVariables.DEFAULT_PERMISSIONS, created.memory().stat().permissions().mode());
            assertEquals(PhpSharedVariables.DEFAULT_SIZE - 40, created.freeBytes());
        }
        IpcKey key = TestKeys.random();
        SharedMemory.open(key, OpenMode.CREATE_NEW, 0600, 100).remove(); // the key is free
        assertThrows(IllegalArgumentException.class, () -> PhpSharedVariables.attach(key, 39, 0600));
        try (PhpSharedVariables byKey = PhpSharedVariables.attach(key, 40, 0600)) {
            cleanup.add(byKey.memory());
            assertEquals(0, byKey.freeBytes());
            assertThrows(PhpSharedMemoryFullException.class, () -> byKey.put(1, null));
        }
        assertThrows(IllegalArgumentException.class, () -> PhpSharedVariables.attach(key, 0, 0600));
        assertThrows(IllegalArgumentException.class, () -> PhpSharedVariables.attach(key, 100, 01000));
    }

    @Test
    void aClosedAttachmentIsRefused() {
        PhpSharedVariables vars = PhpSharedVariables.attach(cleanup.add(SharedMemory.createPrivate(100)));
        vars.close();
        vars.close();
        assertThrows(IllegalStateException.class, () -> vars.get(1));
        assertThrows(IllegalStateException.class, () -> vars.put(1, 1));
        assertTrue(vars.toString().endsWith("(detached)"), vars.toString());
    }

    @Test
    void aSegmentThatIsNotPhpsIsRefused() {
        SharedMemory tooSmall = cleanup.add(SharedMemory.createPrivate(39));
        assertEquals(39, assertThrows(PhpFormatException.class, () -> PhpSharedVariables.attach(tooSmall)).position());
        SharedMemory other = cleanup.add(SharedMemory.createPrivate(100));
        try (SharedMemory.Attachment a = other.attach()) {
            a.segment().set(JAVA_BYTE, 20, (byte) 1);
        }
        PhpFormatException e = assertThrows(PhpFormatException.class, () -> PhpSharedVariables.attach(other));
        assertEquals(20, e.position());
        assertTrue(e.getMessage().contains("not a PHP variable segment"), e.getMessage());
    }

    /** A segment with a good header and one chunk {key 1, "i:42;"}, then {@code corrupt} applied. */
    private PhpFormatException corrupted(Consumer<MemorySegment> corrupt, Consumer<PhpSharedVariables> use) {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(200));
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            vars.put(1, 42L);
            vars.put(2, "two");
        }
        try (SharedMemory.Attachment a = memory.attach()) {
            corrupt.accept(a.segment());
        }
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            return assertThrows(PhpFormatException.class, () -> use.accept(vars));
        } catch (PhpFormatException onAttach) {
            return onAttach;
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // field offset | value | where it is caught | message
        "0 | 0x5850485f534d0000 | 0 | does not start with \"PHP_SM\"",
        "8 | 39 | 8 | start, 39, is outside 40 to 200",
        "8 | 201 | 8 | start, 201, is outside",
        "8 | -1 | 8 | start, -1",
        "16 | 201 | 16 | end, 201, is outside 40 to 200",
        "16 | 39 | 16 | end, 39",
        "16 | 9223372036854775807 | 16 | end",
        "24 | -1 | 24 | free bytes, -1, are outside",
        "24 | 73 | 24 | free bytes, 73, are outside 0 to 72",
        "56 | 0 | 56 | the chunk at 40 has a size of 0",
        "56 | -32 | 56 | the chunk at 40 has a size of -32",
        "56 | 8 | 56 | the chunk at 40 has a size of 8",
        "56 | 4096 | 56 | the chunk at 40 has a size of 4096, outside 24 to 88",
        "48 | 9223372036854775807 | 48 | the chunk at 40 has a value length of 9223372036854775807, outside 0 to 16",
        "48 | -1 | 48 | value length of -1",
        "48 | 17 | 48 | value length of 17",
        "16 | 50 | 40 | the chunk at 40 overruns the end of the variables, 50",
    })
    void corruptHeadersAndChunksAreRefusedWhereTheyAre(long field, String value, long position, String message) {
        long number = value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16) : Long.parseLong(value);
        PhpFormatException e = corrupted(s -> {
            if (field == 0) {
                s.set(java.lang.foreign.ValueLayout.JAVA_LONG.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 0, number);
            } else {
                s.set(JAVA_LONG_UNALIGNED, field, number);
            }
        }, vars -> vars.get(2));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void valuesAreReadWholeWhateverTheSizeOfThoseReadBefore() {
        // get() copies values up to 64 KiB into a buffer it keeps, larger ones into their own
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(300_000));
        String large = "x".repeat(100_000);
        String medium = "m".repeat(1000);
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            vars.put(1, large);
            vars.put(2, medium);
            vars.put(3, 3L);
            for (int round = 0; round < 2; round++) {
                assertEquals(medium, vars.get(2));
                assertEquals(3L, vars.get(3));
                assertEquals(large, vars.get(1));
                assertEquals(3L, vars.get(3));
                assertEquals(medium, vars.get(2));
            }
        }
    }

    @Test
    void aCorruptValueIsRefusedAtItsPlaceInTheSegment() {
        // the value of key 1 starts at 64: "i:42;" becomes "i:4x;"
        PhpFormatException e = corrupted(s -> s.set(JAVA_BYTE, 67, (byte) 'x'), vars -> vars.get(1));
        assertEquals(67, e.position());
        assertTrue(e.getMessage().contains("variable 1"), e.getMessage());
        assertTrue(e.getMessage().contains("(byte 3 of the value)"), e.getMessage());
        // a walk to key 2 does not read key 1's value
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(200));
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            vars.put(1, 42L);
            vars.put(2, "two");
            memory.attach().segment().set(JAVA_BYTE, 67, (byte) 'x');
            assertEquals("two", vars.get(2));
            assertTrue(vars.contains(1));
        }
    }

    @Test
    void phpsOwnHostileSegmentIsRefused() {
        // php-src's shm_get_var_chunk_length_bounds test: end = size, one chunk spanning it with length PHP_INT_MAX
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(4096));
        try (SharedMemory.Attachment a = memory.attach()) {
            MemorySegment s = a.segment();
            MemorySegment.copy(MemorySegment.ofArray("PHP_SM".getBytes(StandardCharsets.US_ASCII)), 0, s, 0, 6);
            s.set(JAVA_LONG_UNALIGNED, 8, 40);
            s.set(JAVA_LONG_UNALIGNED, 16, 4096);
            s.set(JAVA_LONG_UNALIGNED, 24, 0);
            s.set(JAVA_LONG_UNALIGNED, 32, 4096);
            s.set(JAVA_LONG_UNALIGNED, 40, 1);
            s.set(JAVA_LONG_UNALIGNED, 48, Long.MAX_VALUE);
            s.set(JAVA_LONG_UNALIGNED, 56, 4096 - 40);
        }
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            PhpFormatException e = assertThrows(PhpFormatException.class, () -> vars.get(1));
            assertEquals(48, e.position());
            assertThrows(PhpFormatException.class, () -> vars.put(2, 1));
            assertThrows(PhpFormatException.class, vars::keys);
        }
    }
}
