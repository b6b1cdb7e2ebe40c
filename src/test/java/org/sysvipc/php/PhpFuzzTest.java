package org.sysvipc.php;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.SharedMemory;
import org.sysvipc.testing.IpcCleanup;

/**
 * Random and mutated input for the codec and the variable store's reader: the only failure either
 * may report is PhpFormatException (and, for the store, a missing key or a full segment), and neither
 * may hang; mutations of the inputs shaped to amplify allocation stay within the decoder's bound on
 * bytes allocated per input byte. (PhpSharedVariablesScribblerTest has the store against a peer
 * process writing while it reads.) A second or so each by default; {@code -Dsysvipc.fuzz.seconds=N} runs each for N seconds,
 * and {@code -Dsysvipc.fuzz.seed=S} repeats a run.
 */
class PhpFuzzTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private static final double SECONDS = Double.parseDouble(System.getProperty("sysvipc.fuzz.seconds", "1.5"));
    private static final long SEED = Long.getLong("sysvipc.fuzz.seed", System.nanoTime());
    private static final PhpSerializer PHP = PhpSerializer.standard().withMaxDepth(64);

    private static Duration budget() {
        return Duration.ofMillis((long) (SECONDS * 1000));
    }

    /** Generous: a hang is a loop that never ends, not a slow iteration. */
    private static Duration hangLimit() {
        return budget().multipliedBy(4).plusSeconds(20);
    }

    @Test
    void theCodecSurvivesRandomAndMutatedInput() {
        Random random = new Random(SEED);
        List<byte[]> seeds = new ArrayList<>();
        for (Object value : PhpValues.values()) {
            seeds.add(PHP.serialize(value));
        }
        for (int i = 0; i < 50; i++) {
            seeds.add(PHP.serialize(randomValue(random, 4)));
        }
        long[] counts = new long[2];
        assertTimeoutPreemptively(hangLimit(), () -> {
            long deadline = System.nanoTime() + budget().toNanos();
            while (System.nanoTime() < deadline) {
                for (int batch = 0; batch < 200; batch++) {
                    byte[] input = random.nextInt(10) == 0 ? randomBytes(random)
                            : mutate(random, seeds.get(random.nextInt(seeds.size())));
                    counts[decode(input) ? 0 : 1]++;
                }
            }
        }, () -> "seed " + SEED);
        assertTrue(counts[0] > 0 && counts[1] > 0, "decoded " + counts[0] + ", refused " + counts[1]);
        System.out.printf("codec fuzz: %d inputs decoded, %d refused in %.1f s (seed %d)%n", counts[0], counts[1], SECONDS, SEED);
    }

    @Test
    void mutatedAmplifyingInputsAllocateWithinTheBound() {
        Random random = new Random(SEED + 2);
        List<byte[]> seeds = new ArrayList<>();
        for (AmplifyingInputs.Shape shape : AmplifyingInputs.SHAPES) {
            for (int size : new int[] {256, 1024, 4096}) {
                seeds.add(shape.make(size));
            }
        }
        PhpSerializer standard = PhpSerializer.standard();
        long[] inputs = new long[1];
        double[] worst = new double[1];
        assertTimeoutPreemptively(hangLimit(), () -> {
            long deadline = System.nanoTime() + budget().toNanos();
            while (System.nanoTime() < deadline) {
                byte[] input = mutate(random, seeds.get(random.nextInt(seeds.size())));
                DecodingAllocation.Result result = DecodingAllocation.measure(standard, input);
                if (!result.withinBound()) {
                    throw new AssertionError("input " + hex(input) + " allocated " + result.allocated() + " bytes");
                }
                if (input.length >= 1024) {
                    worst[0] = Math.max(worst[0], result.perInputByte());
                }
                inputs[0]++;
            }
        }, () -> "seed " + SEED);
        assertTrue(inputs[0] > 0);
        System.out.printf("amplifying fuzz: %d inputs, at most %.2f bytes allocated per input byte (of 1 KiB or more)"
                + " in %.1f s (seed %d)%n", inputs[0], worst[0], SECONDS, SEED);
    }

    /** Decodes; a value must re-encode to bytes that decode to the same value. Returns whether it decoded. */
    private static boolean decode(byte[] input) {
        Object value;
        try {
            value = PHP.unserialize(input);
        } catch (PhpFormatException expected) {
            if (expected.position() < 0 || expected.position() > input.length) {
                throw new AssertionError("position " + expected.position() + " outside the input " + hex(input), expected);
            }
            return false;
        } catch (Throwable unexpected) {
            throw new AssertionError("input " + hex(input) + " failed with " + unexpected, unexpected);
        }
        try {
            byte[] again = PHP.serialize(value);
            Object back = PHP.unserialize(again);
            if (!PhpValues.same(value, back)) {
                throw new AssertionError("input " + hex(input) + " decoded as " + PhpValues.show(value)
                        + " but its serialization as " + PhpValues.show(back));
            }
        } catch (RuntimeException unexpected) {
            throw new AssertionError("re-encoding input " + hex(input) + " failed", unexpected);
        }
        return true;
    }

    @Test
    void theStoreReaderSurvivesCorruptSegments() {
        Random random = new Random(SEED + 1);
        int size = 600;
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(size));
        byte[] valid;
        List<Long> keys = new ArrayList<>();
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            for (long k = -2; k < 6; k++) {
                vars.put(k, randomValue(random, 2));
                keys.add(k);
            }
        }
        long[] outcomes = new long[2];
        try (SharedMemory.Attachment raw = memory.attach(); PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            MemorySegment segment = raw.segment();
            valid = segment.toArray(JAVA_BYTE);
            assertTimeoutPreemptively(hangLimit(), () -> {
                long deadline = System.nanoTime() + budget().toNanos();
                while (System.nanoTime() < deadline) {
                    MemorySegment.copy(MemorySegment.ofArray(valid), 0, segment, 0, valid.length);
                    corrupt(random, segment, size);
                    byte[] before = segment.toArray(JAVA_BYTE);
                    try {
                        exercise(random, vars, keys, memory);
                        outcomes[0]++;
                    } catch (PhpFormatException | NoSuchElementException | PhpSharedMemoryFullException expected) {
                        outcomes[1]++;
                    } catch (Throwable unexpected) {
                        throw new AssertionError("segment " + hex(before) + " failed with " + unexpected, unexpected);
                    }
                }
            }, () -> "seed " + SEED);
        }
        System.out.printf("store fuzz: %d corrupt segments passed, %d refused in %.1f s (seed %d)%n",
                outcomes[0], outcomes[1], SECONDS, SEED);
        assertTrue(outcomes[1] > 0, "no corruption was caught");
    }

    private static void exercise(Random random, PhpSharedVariables vars, List<Long> keys, SharedMemory memory) {
        switch (random.nextInt(6)) {
            case 0 -> vars.keys();
            case 1 -> vars.contains(keys.get(random.nextInt(keys.size())));
            case 2 -> vars.get(keys.get(random.nextInt(keys.size())));
            case 3 -> vars.put(keys.get(random.nextInt(keys.size())), randomValue(random, 1));
            case 4 -> vars.remove(keys.get(random.nextInt(keys.size())));
            default -> PhpSharedVariables.attach(memory).close();
        }
    }

    private static final long[] INTERESTING = {0, 1, -1, 8, 23, 24, 31, 32, 39, 40, 41, 599, 600, 601, 4096,
        Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 20};

    private static void corrupt(Random random, MemorySegment segment, int size) {
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                segment.set(JAVA_BYTE, random.nextInt(size), (byte) random.nextInt());
            } else if (kind == 1) {
                // a header field or a chunk field near the start
                long field = random.nextInt(2) == 0 ? 8 * (1 + random.nextInt(4)) : 8 * random.nextInt(size / 8);
                segment.set(JAVA_LONG_UNALIGNED, Math.min(field, size - 8), INTERESTING[random.nextInt(INTERESTING.length)]);
            } else if (kind == 2) {
                segment.set(JAVA_LONG_UNALIGNED, 8 * (1 + random.nextInt(4)), random.nextLong(-100, 700));
            } else {
                int at = random.nextInt(size);
                segment.set(JAVA_BYTE, at, (byte) "0123456789;:\"{}aisdbN".charAt(random.nextInt(21)));
            }
        }
    }

    private static byte[] mutate(Random random, byte[] seed) {
        List<Byte> bytes = new ArrayList<>(seed.length + 8);
        for (byte b : seed) {
            bytes.add(b);
        }
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = bytes.isEmpty() ? 0 : random.nextInt(bytes.size());
            switch (random.nextInt(7)) {
                case 0 -> {
                    if (!bytes.isEmpty()) {
                        bytes.set(at, (byte) random.nextInt());
                    }
                }
                case 1 -> bytes.add(at, (byte) "0123456789;:\"{}aisdbNE.-+".charAt(random.nextInt(25)));
                case 2 -> {
                    if (!bytes.isEmpty()) {
                        bytes.remove(at);
                    }
                }
                case 3 -> { // truncate
                    while (bytes.size() > at) {
                        bytes.remove(bytes.size() - 1);
                    }
                }
                case 4 -> { // a length or count made huge or off by a little
                    for (int i = at; i < bytes.size(); i++) {
                        if (bytes.get(i) >= '0' && bytes.get(i) <= '9') {
                            String digits = random.nextBoolean() ? "99999999999" : String.valueOf(random.nextInt(20));
                            bytes.remove(i);
                            for (int d = digits.length() - 1; d >= 0; d--) {
                                bytes.add(i, (byte) digits.charAt(d));
                            }
                            break;
                        }
                    }
                }
                case 5 -> { // splice in a piece of itself
                    if (!bytes.isEmpty()) {
                        int from = random.nextInt(bytes.size());
                        int to = Math.min(bytes.size(), from + random.nextInt(16));
                        bytes.addAll(at, new ArrayList<>(bytes.subList(from, to)));
                    }
                }
                default -> { // deep nesting
                    byte[] open = "a:1:{i:0;".getBytes(StandardCharsets.US_ASCII);
                    int depth = random.nextInt(100);
                    for (int d = 0; d < depth; d++) {
                        for (int j = open.length - 1; j >= 0; j--) {
                            bytes.add(at, open[j]);
                        }
                    }
                }
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(40)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextBoolean() ? (byte) random.nextInt() : (byte) "0123456789;:\"{}aisdbN".charAt(random.nextInt(21));
        }
        return bytes;
    }

    static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> random.nextBoolean() ? Double.longBitsToDouble(random.nextLong()) : random.nextInt(1000) / 8.0;
            case 4 -> "s" + random.nextInt(1000);
            case 5 -> {
                byte[] b = new byte[random.nextInt(6)];
                random.nextBytes(b);
                yield b;
            }
            case 6 -> (long) random.nextInt(10);
            case 7 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth - 1));
                }
                yield list;
            }
            default -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(random.nextBoolean() ? (Object) ("k" + random.nextInt(5)) : (Object) (long) random.nextInt(5),
                            randomValue(random, depth - 1));
                }
                yield map;
            }
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
