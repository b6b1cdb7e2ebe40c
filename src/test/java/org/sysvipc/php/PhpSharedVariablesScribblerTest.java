package org.sysvipc.php;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sysvipc.SharedMemory;
import org.sysvipc.testing.CProgram;
import org.sysvipc.testing.IpcCleanup;

/**
 * PhpSharedVariables against a hostile peer in another process: a C program (scribbler.c) that
 * writes the header's and the chunks' length and size fields, value after value, as fast as it
 * can, while this process gets, puts, removes and lists the variables. Whatever a read sees, the
 * only failures are PhpFormatException (and a missing key or a full segment): never an
 * IndexOutOfBoundsException, never a read outside the segment, never a hang. A fixed number of
 * operations ({@code -Dsysvipc.scribbler.operations=N}), not a time.
 */
class PhpSharedVariablesScribblerTest {
    private static final int OPERATIONS = Integer.getInteger("sysvipc.scribbler.operations", 20_000);
    /**
     * Operations go on past {@link #OPERATIONS} until this many were refused (the peer's writes were
     * seen), up to 50 times as many: a scribbler the scheduler kept off the CPU is not a pass.
     */
    private static final int MIN_REFUSED = 50;
    private static final long SEED = Long.getLong("sysvipc.fuzz.seed", System.nanoTime());
    private static final int SIZE = 160 * 1024;
    /** Above the 64 KiB that get() copies into its kept buffer, so that the other path is read too. */
    private static final String LARGE = "L".repeat(70_000);
    private static final Map<Long, Object> VARIABLES = variables();

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @TempDir
    static Path build;
    private static CProgram scribbler;

    @BeforeAll
    static void compileTheScribbler() throws IOException {
        try (InputStream in = PhpSharedVariablesScribblerTest.class.getResourceAsStream("scribbler.c")) {
            scribbler = CProgram.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8), build, "-O2");
        }
    }

    private static Map<Long, Object> variables() {
        Map<Long, Object> variables = new LinkedHashMap<>();
        variables.put(1L, LARGE);
        variables.put(2L, "small");
        variables.put(3L, Map.of("hits", 41L));
        variables.put(4L, List.of(1L, 2.5, "three"));
        return variables;
    }

    /** A chunk of the valid image: where it is, and its length and size fields. */
    private record Chunk(long at, long length, long size) {
    }

    /**
     * A field the scribbler flips between its valid value and a hostile one, and the operation that
     * reads it: the three behind the IndexOutOfBoundsExceptions seen, and the header's.
     */
    enum TornField {
        /** get's copy of a value above 64 KiB. */
        LARGE_VALUES_LENGTH(1, 8, chunk -> Long.MAX_VALUE, (vars, key) -> vars.get(key)),
        /** get's copy of a small value. */
        SMALL_VALUES_LENGTH(2, 8, chunk -> (long) SIZE, (vars, key) -> vars.get(key)),
        /** put's removal of the value it replaces, which moves the chunks after it down. */
        REPLACED_CHUNKS_SIZE(2, 16, chunk -> -chunk.at() - 8, (vars, key) -> vars.put(key, "SMALL")),
        /** remove's move of the chunks after the removed one. */
        REMOVED_CHUNKS_SIZE(3, 16, chunk -> -chunk.at() - 8, (vars, key) -> vars.remove(key)),
        /** Where the variables end, for every operation. */
        HEADER_END(4, -1, chunk -> SIZE + 1L, (vars, key) -> vars.put(key, List.of())),
        /** The free bytes, for put. */
        HEADER_FREE(4, -2, chunk -> -1L, (vars, key) -> vars.put(key, "x".repeat(100)));

        final long key;
        /** The field's offset in the key's chunk; -1 and -2 name the header's end and free instead. */
        final long offset;
        final java.util.function.ToLongFunction<Chunk> hostile;
        final java.util.function.ObjLongConsumer<PhpSharedVariables> operation;

        TornField(long key, long offset, java.util.function.ToLongFunction<Chunk> hostile,
                java.util.function.ObjLongConsumer<PhpSharedVariables> operation) {
            this.key = key;
            this.offset = offset;
            this.hostile = hostile;
            this.operation = operation;
        }
    }

    @ParameterizedTest
    @EnumSource(TornField.class)
    void aFieldTornBetweenItsCheckAndItsUseEndsInPhpFormatExceptionAndNothingElse(TornField torn) throws Exception {
        Image image = image();
        Chunk chunk = image.chunks().get(List.copyOf(VARIABLES.keySet()).indexOf(torn.key));
        long offset = torn.offset == -1 ? 16 : torn.offset == -2 ? 24 : chunk.at() + torn.offset;
        long valid = image.segment().get(JAVA_LONG_UNALIGNED, offset);
        Outcomes outcomes = scribbleWhile(image, List.of(field(offset, valid, torn.hostile.applyAsLong(chunk))),
                (vars, i) -> torn.operation.accept(vars, torn.key));
        assertTrue(outcomes.refused() >= MIN_REFUSED, "the scribbler's writes were seen too seldom: " + outcomes);
    }

    @Test
    void randomFieldsRandomValuesRandomOperations() throws Exception {
        Random random = new Random(SEED);
        Image image = image();
        List<Long> offsets = new ArrayList<>(List.of(0L, 8L, 16L, 24L, 32L));
        for (Chunk chunk : image.chunks()) {
            offsets.addAll(List.of(chunk.at(), chunk.at() + 8, chunk.at() + 16, chunk.at() + 24));
        }
        List<String> fields = new ArrayList<>();
        for (long offset : offsets) {
            long valid = image.segment().get(JAVA_LONG_UNALIGNED, offset);
            long[] values = LongStream.concat(LongStream.of(valid), random.longs(3, -100, SIZE + 100)).toArray();
            long[] interesting = {0, -1, 1, 8, 23, 24, 39, 40, 41, SIZE - 1, SIZE, SIZE + 1, Integer.MAX_VALUE,
                Long.MAX_VALUE, Long.MIN_VALUE, valid + 8, valid - 8, 1L << 40, random.nextLong()};
            fields.add(field(offset, LongStream.concat(LongStream.of(values), LongStream.of(interesting)).toArray()));
        }
        List<Long> keys = List.copyOf(VARIABLES.keySet());
        Outcomes outcomes = scribbleWhile(image, fields, (vars, i) -> {
            long key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(6)) {
                case 0 -> vars.keys();
                case 1 -> vars.contains(key);
                case 2, 3 -> vars.get(key);
                case 4 -> vars.put(key, PhpFuzzTest.randomValue(random, 2));
                default -> vars.remove(key);
            }
        });
        assertTrue(outcomes.refused() >= MIN_REFUSED, "the scribbler's writes were seen too seldom: " + outcomes);
    }

    @FunctionalInterface
    private interface Operation {
        void apply(PhpSharedVariables vars, int iteration);
    }

    private record Outcomes(long passed, long refused) {
    }

    /** The variables, put in a new segment, with their valid bytes and chunks. */
    private record Image(SharedMemory memory, MemorySegment segment, byte[] bytes, long end, long free,
            List<Chunk> chunks) {
    }

    private Image image() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(SIZE));
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            VARIABLES.forEach(vars::put);
        }
        try (SharedMemory.Attachment attachment = memory.attachReadOnly()) {
            MemorySegment segment = attachment.segment();
            byte[] bytes = segment.toArray(JAVA_BYTE);
            MemorySegment copy = MemorySegment.ofArray(bytes);
            long end = copy.get(JAVA_LONG_UNALIGNED, 16);
            List<Chunk> chunks = new ArrayList<>();
            for (long at = copy.get(JAVA_LONG_UNALIGNED, 8); at < end; at += copy.get(JAVA_LONG_UNALIGNED, at + 16)) {
                chunks.add(new Chunk(at, copy.get(JAVA_LONG_UNALIGNED, at + 8), copy.get(JAVA_LONG_UNALIGNED, at + 16)));
            }
            assertEquals(VARIABLES.size(), chunks.size());
            return new Image(memory, copy, bytes, end, copy.get(JAVA_LONG_UNALIGNED, 24), chunks);
        }
    }

    private static String field(long offset, long... values) {
        return offset + "=" + LongStream.of(values).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    /**
     * Starts the scribbler on {@code fields} of the image's segment, and runs {@link #OPERATIONS}
     * operations, each on the valid image written back first (the scribbler's writes go on meanwhile).
     */
    private static Outcomes scribbleWhile(Image image, List<String> fields, Operation operation) throws Exception {
        List<String> args = new ArrayList<>(List.of(Integer.toString(image.memory().id())));
        args.addAll(fields);
        long[] counts = new long[2];
        CProgram.Started peer = null;
        try (SharedMemory.Attachment raw = image.memory().attach();
                PhpSharedVariables vars = PhpSharedVariables.attach(image.memory())) {
            CProgram.Started started = scribbler.start(args.toArray(String[]::new));
            peer = started;
            String ready = new BufferedReader(new InputStreamReader(peer.process().getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertEquals("ready", ready, () -> "the scribbler did not start: " + started.stderr());
            MemorySegment segment = raw.segment();
            // generous: a hang is a loop that never ends, not a slow operation
            assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
                for (int i = 0; i < OPERATIONS || counts[1] < MIN_REFUSED && i < 50 * OPERATIONS; i++) {
                    if (MemorySegment.mismatch(image.segment(), 0, SIZE, segment, 0, SIZE) >= 0) {
                        MemorySegment.copy(image.segment(), 0, segment, 0, SIZE);
                    }
                    try {
                        operation.apply(vars, i);
                        counts[0]++;
                    } catch (PhpFormatException | NoSuchElementException | PhpSharedMemoryFullException expected) {
                        counts[1]++;
                    } catch (RuntimeException unexpected) {
                        throw new AssertionError("operation " + i + " (seed " + SEED + ") failed with " + unexpected,
                                unexpected);
                    }
                }
            });
            assertTrue(started.process().isAlive(), () -> "the scribbler ended early: " + started.stderr());
        } finally {
            if (peer != null) {
                peer.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Outcomes outcomes = new Outcomes(counts[0], counts[1]);
        System.out.printf("scribbler: %d operations passed, %d refused (seed %d)%n", counts[0], counts[1], SEED);
        return outcomes;
    }
}
