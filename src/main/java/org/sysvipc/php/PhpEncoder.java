package org.sysvipc.php;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes one value as serialize() does. Iterative, with an explicit stack, so that deep nesting (or a
 * cycle, which the depth limit stops) never overflows the thread's stack.
 *
 * <p>Each thread keeps an encoder and reuses its buffer and stack, so that serializing allocates
 * little beyond the result. A serialize() called while the thread's encoder is busy (from a Map's own
 * code, say) gets a new encoder.
 */
final class PhpEncoder {
    /** Takes the serialized bytes, which are valid only during the call. */
    @FunctionalInterface
    interface Output<R> {
        R accept(byte[] bytes, int length);
    }

    private static final int INITIAL_CAPACITY = 256;
    /** A thread's encoder keeps its buffer up to this size; a larger one, grown for a large value, goes. */
    private static final int RETAINED_CAPACITY = 16 * 1024;
    private static final int RETAINED_DEPTH = 64;
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    /** The keys of a map this large or smaller are checked for repeats by comparing each with those before it. */
    private static final int MAX_LINEAR_KEY_CHECK = 16;
    private static final ThreadLocal<PhpEncoder> THREAD_ENCODER = ThreadLocal.withInitial(PhpEncoder::new);

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int length;
    /** The most bytes this encode may write: the largest byte[], or less in tests. */
    private int maxLength = MAX_ARRAY_LENGTH;
    /** The arrays being written, outermost first; frames past depth are spares. */
    private Frame[] frames = new Frame[8];
    private int depth;
    /** Where each key of the open small maps starts and ends in the buffer, the innermost map's last. */
    private int[] keyBounds = new int[2 * MAX_LINEAR_KEY_CHECK];
    private int keyBoundsUsed;
    /** Java's digits of the float being written. */
    private final StringBuilder floatDigits = new StringBuilder(32);
    private boolean busy;

    /** An array being written. */
    private static final class Frame {
        /** A list's values, or null for a map. */
        Object[] values;
        Map<?, ?> map;
        Iterator<? extends Map.Entry<?, ?>> entries;
        int count;
        int next;
        /** Where this map's keys start in keyBounds. */
        int keysFrom;
        /** The keys written so far and their indexes, for a map too large to compare them one by one. */
        Map<ByteBuffer, Integer> keyIndexes;

        void clear() {
            values = null;
            map = null;
            entries = null;
            keyIndexes = null;
        }
    }

    private PhpEncoder() {
    }

    /**
     * Serializes the value and hands the bytes to {@code output}.
     *
     * @throws IllegalArgumentException as {@link PhpSerializer#serialize(Object)} describes
     */
    static <R> R encode(Object value, int maxDepth, Output<R> output) {
        return encode(value, maxDepth, MAX_ARRAY_LENGTH, output);
    }

    /** As {@link #encode(Object, int, Output)}, refusing to write more than {@code maxLength} bytes. */
    static <R> R encode(Object value, int maxDepth, int maxLength, Output<R> output) {
        PhpEncoder threadEncoder = THREAD_ENCODER.get();
        PhpEncoder encoder = threadEncoder.busy ? new PhpEncoder() : threadEncoder;
        encoder.busy = true;
        encoder.maxLength = Math.min(maxLength, MAX_ARRAY_LENGTH);
        try {
            encoder.write(value, maxDepth);
            return output.accept(encoder.buffer, encoder.length);
        } finally {
            encoder.reset();
        }
    }

    private void write(Object root, int maxDepth) {
        Object value = root;
        boolean haveValue = true;
        while (true) {
            if (haveValue) {
                writeValue(value, maxDepth);
            }
            if (depth == 0) {
                return;
            }
            Frame top = frames[depth - 1];
            if (top.next == top.count) {
                if (top.entries != null && top.entries.hasNext()) {
                    throw new ConcurrentModificationException("the map grew while it was serialized");
                }
                writeByte('}');
                pop(top);
                haveValue = false;
                continue;
            }
            int index = top.next++;
            if (top.values != null) {
                writeInteger(index);
                value = top.values[index];
            } else {
                if (!top.entries.hasNext()) {
                    throw new ConcurrentModificationException("the map shrank while it was serialized");
                }
                Map.Entry<?, ?> entry = top.entries.next();
                writeKey(top, index, entry.getKey());
                value = entry.getValue();
            }
            haveValue = true;
        }
    }

    /** Writes a scalar whole, or an array's header and pushes its frame. */
    private void writeValue(Object value, int maxDepth) {
        switch (value) {
            case null -> writeAscii("N;");
            case Boolean b -> writeAscii(b ? "b:1;" : "b:0;");
            case Long l -> writeInteger(l);
            case Integer i -> writeInteger(i);
            case Short s -> writeInteger(s);
            case Byte b -> writeInteger(b);
            case Double d -> writeFloat(d);
            case Float f -> writeFloat(f);
            case String s -> writeString(s);
            case byte[] bytes -> writeString(bytes);
            case List<?> list -> {
                requireDepth(maxDepth);
                Object[] values = list.toArray(); // a snapshot, so the count written is the count of values
                writeArrayHeader(values.length);
                Frame frame = push();
                frame.values = values;
                frame.count = values.length;
            }
            case Map<?, ?> map -> {
                requireDepth(maxDepth);
                int count = map.size();
                writeArrayHeader(count);
                Frame frame = push();
                frame.map = map;
                frame.entries = map.entrySet().iterator();
                frame.count = count;
                frame.keysFrom = keyBoundsUsed;
            }
            default -> throw new IllegalArgumentException("PHP has no value for a " + value.getClass().getName()
                    + "; serialize null, Boolean, Long, Integer, Short, Byte, Double, Float, String, byte[],"
                    + " List or Map");
        }
    }

    private void requireDepth(int maxDepth) {
        if (depth >= maxDepth) {
            throw new IllegalArgumentException("arrays nested deeper than " + maxDepth
                    + " (does a list or map contain itself?)");
        }
    }

    private Frame push() {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, 2 * depth);
        }
        Frame frame = frames[depth];
        if (frame == null) {
            frame = new Frame();
            frames[depth] = frame;
        }
        depth++;
        frame.next = 0;
        return frame;
    }

    private void pop(Frame frame) {
        if (frame.map != null) {
            keyBoundsUsed = frame.keysFrom;
        }
        frame.clear();
        depth--;
    }

    /**
     * Writes a map's key as PHP sees it, and refuses it if it is a key written before in the map: two
     * Java keys that PHP sees as one ("5" and 5L) would leave PHP only one of their values. Two keys
     * are one in PHP exactly when they serialize to the same bytes.
     */
    private void writeKey(Frame frame, int index, Object key) {
        int start = length;
        switch (PhpSerializer.arrayKey(key)) {
            case Long l -> writeInteger(l);
            case String s -> writeString(s);
            case byte[] b -> writeString(b);
            default -> throw new AssertionError(key);
        }
        int end = length;
        if (frame.count <= MAX_LINEAR_KEY_CHECK) {
            for (int i = frame.keysFrom; i < keyBoundsUsed; i += 2) {
                if (Arrays.equals(buffer, keyBounds[i], keyBounds[i + 1], buffer, start, end)) {
                    throw sameKeys(frame.map, (i - frame.keysFrom) / 2, key);
                }
            }
            if (keyBoundsUsed == keyBounds.length) {
                keyBounds = Arrays.copyOf(keyBounds, 2 * keyBounds.length);
            }
            keyBounds[keyBoundsUsed++] = start;
            keyBounds[keyBoundsUsed++] = end;
        } else {
            if (frame.keyIndexes == null) {
                frame.keyIndexes = HashMap.newHashMap(frame.count);
            }
            Integer earlier = frame.keyIndexes.putIfAbsent(ByteBuffer.wrap(Arrays.copyOfRange(buffer, start, end)), index);
            if (earlier != null) {
                throw sameKeys(frame.map, earlier, key);
            }
        }
    }

    private static IllegalArgumentException sameKeys(Map<?, ?> map, int earlierIndex, Object key) {
        Object earlier = null;
        int index = 0;
        for (Object candidate : map.keySet()) {
            if (index++ == earlierIndex) {
                earlier = candidate;
                break;
            }
        }
        return new IllegalArgumentException("the keys " + describe(earlier) + " and " + describe(key)
                + " are the same PHP array key");
    }

    private static String describe(Object key) {
        return key instanceof String s ? "\"" + s + "\""
                : key instanceof byte[] b ? "byte[" + b.length + "]"
                : key == null ? "null"
                : key + " (" + key.getClass().getSimpleName() + ")";
    }

    private void writeInteger(long value) {
        ensureRoom(2 + PhpNumbers.MAX_DECIMAL_LENGTH + 1);
        buffer[length++] = 'i';
        buffer[length++] = ':';
        length = PhpNumbers.writeDecimal(value, buffer, length);
        buffer[length++] = ';';
    }

    private void writeFloat(double value) {
        ensureRoom(2 + PhpNumbers.MAX_SERIALIZED_LENGTH + 1);
        buffer[length++] = 'd';
        buffer[length++] = ':';
        length = PhpNumbers.writeSerialized(value, buffer, length, floatDigits);
        buffer[length++] = ';';
    }

    private void writeArrayHeader(int count) {
        ensureRoom(2 + PhpNumbers.MAX_DECIMAL_LENGTH + 2);
        buffer[length++] = 'a';
        buffer[length++] = ':';
        length = PhpNumbers.writeDecimal(count, buffer, length);
        buffer[length++] = ':';
        buffer[length++] = '{';
    }

    private void writeString(String text) {
        long byteCount = PhpStrings.utf8Length(text);
        writeStringHeader(byteCount);
        ensureRoom(byteCount + 2);
        length = PhpStrings.writeUtf8(text, buffer, length);
        buffer[length++] = '"';
        buffer[length++] = ';';
    }

    private void writeString(byte[] bytes) {
        writeStringHeader(bytes.length);
        ensureRoom(bytes.length + 2L);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
        buffer[length++] = '"';
        buffer[length++] = ';';
    }

    private void writeStringHeader(long byteCount) {
        ensureRoom(2 + PhpNumbers.MAX_DECIMAL_LENGTH + 2);
        buffer[length++] = 's';
        buffer[length++] = ':';
        length = PhpNumbers.writeDecimal(byteCount, buffer, length);
        buffer[length++] = ':';
        buffer[length++] = '"';
    }

    private void writeAscii(String text) {
        ensureRoom(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[length++] = (byte) text.charAt(i);
        }
    }

    private void writeByte(char c) {
        ensureRoom(1);
        buffer[length++] = (byte) c;
    }

    private void ensureRoom(long bytes) {
        if (bytes > buffer.length - length) {
            long needed = length + bytes;
            if (needed > maxLength) {
                throw new OutOfMemoryError("cannot serialize the value to PHP's format: its bytes would pass "
                        + maxLength + (maxLength == MAX_ARRAY_LENGTH ? ", the most a Java byte array holds" : "")
                        + " (" + length + " written, " + bytes + " more needed)");
            }
            buffer = copyOf(buffer, (int) Math.min(maxLength, Math.max(needed, 2L * buffer.length)));
        }
    }

    /**
     * {@link Arrays#copyOf(byte[], int)}, whose OutOfMemoryError, if the heap cannot hold the copy,
     * says that serializing needed it and how large it was.
     */
    static byte[] copyOf(byte[] bytes, int length) {
        try {
            return Arrays.copyOf(bytes, length);
        } catch (OutOfMemoryError e) {
            OutOfMemoryError clear = new OutOfMemoryError("cannot serialize the value to PHP's format: the Java heap"
                    + " has no room for a buffer of " + length + " bytes (" + e.getMessage() + ")");
            clear.initCause(e);
            throw clear;
        }
    }

    /** Lets go of the value's objects, and of a buffer or stack grown too large to keep. */
    private void reset() {
        for (int i = 0; i < depth; i++) {
            frames[i].clear(); // after a failure; a value written whole has closed them all
        }
        depth = 0;
        length = 0;
        keyBoundsUsed = 0;
        if (buffer.length > RETAINED_CAPACITY) {
            buffer = new byte[INITIAL_CAPACITY];
        }
        if (frames.length > RETAINED_DEPTH) {
            frames = Arrays.copyOf(frames, RETAINED_DEPTH);
        }
        if (keyBounds.length > 2 * RETAINED_DEPTH * MAX_LINEAR_KEY_CHECK) {
            keyBounds = new int[2 * MAX_LINEAR_KEY_CHECK];
        }
        busy = false;
    }
}
