package org.sysvipc.php;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one value as serialize() does. Iterative, with an explicit stack, so that deep nesting (or a
 * cycle, which the depth limit stops) never overflows the thread's stack.
 */
final class PhpEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    private final int maxDepth;

    /** An array being written: its keys as PHP sees them (null for a list), its values, and the next index. */
    private static final class Frame {
        final Object[] keys;
        final Object[] values;
        int next;

        Frame(Object[] keys, Object[] values) {
            this.keys = keys;
            this.values = values;
        }
    }

    PhpEncoder(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    byte[] encode(Object root) {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        Object value = root;
        boolean haveValue = true;
        while (true) {
            if (haveValue) {
                Frame opened = write(value, stack.size());
                if (opened != null) {
                    stack.push(opened);
                }
            }
            Frame top = stack.peek();
            if (top == null) {
                return out.toByteArray();
            }
            if (top.next == top.values.length) {
                out.write('}');
                stack.pop();
                haveValue = false;
                continue;
            }
            int index = top.next++;
            if (top.keys == null) {
                writeLong('i', index);
            } else {
                writeKey(top.keys[index]);
            }
            value = top.values[index];
            haveValue = true;
        }
    }

    /** Writes a scalar whole, or an array's header and returns its frame. */
    private Frame write(Object value, int depth) {
        switch (value) {
            case null -> ascii("N;");
            case Boolean b -> ascii(b ? "b:1;" : "b:0;");
            case Long l -> writeLong('i', l);
            case Integer i -> writeLong('i', i);
            case Short s -> writeLong('i', s);
            case Byte b -> writeLong('i', b);
            case Double d -> ascii("d:" + PhpNumbers.serialized(d) + ";");
            case Float f -> ascii("d:" + PhpNumbers.serialized(f) + ";");
            case String s -> writeString(PhpStrings.utf8(s));
            case byte[] bytes -> writeString(bytes);
            case List<?> list -> {
                requireDepth(depth);
                Object[] values = list.toArray(); // a snapshot, so the count written is the count of values
                ascii("a:" + values.length + ":{");
                return new Frame(null, values);
            }
            case Map<?, ?> map -> {
                requireDepth(depth);
                Object[] keys = new Object[map.size()];
                Object[] values = new Object[map.size()];
                int i = 0;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (i == keys.length) {
                        throw new ConcurrentModificationException("the map grew while it was serialized");
                    }
                    keys[i] = entry.getKey();
                    values[i++] = entry.getValue();
                }
                if (i != keys.length) {
                    throw new ConcurrentModificationException("the map shrank while it was serialized");
                }
                Object[] phpKeys = phpKeys(keys);
                ascii("a:" + values.length + ":{");
                return new Frame(phpKeys, values);
            }
            default -> throw new IllegalArgumentException("PHP has no value for a " + value.getClass().getName()
                    + "; serialize null, Boolean, Long, Integer, Short, Byte, Double, Float, String, byte[],"
                    + " List or Map");
        }
        return null;
    }

    private void requireDepth(int depth) {
        if (depth >= maxDepth) {
            throw new IllegalArgumentException("arrays nested deeper than " + maxDepth
                    + " (does a list or map contain itself?)");
        }
    }

    /**
     * The keys as PHP sees them; two Java keys that PHP sees as one ("5" and 5L) are refused, since
     * PHP would keep only one of their values.
     */
    private static Object[] phpKeys(Object[] keys) {
        Object[] phpKeys = new Object[keys.length];
        Map<Object, Object> seen = HashMap.newHashMap(keys.length);
        for (int i = 0; i < keys.length; i++) {
            Object normal = PhpSerializer.arrayKey(keys[i]);
            phpKeys[i] = normal;
            Object identity = switch (normal) {
                case byte[] bytes -> ByteBuffer.wrap(bytes);
                case String s -> ByteBuffer.wrap(PhpStrings.utf8(s));
                default -> normal;
            };
            Object previous = seen.put(identity, keys[i]);
            if (previous != null) {
                throw new IllegalArgumentException("the keys " + describe(previous) + " and " + describe(keys[i])
                        + " are the same PHP array key");
            }
        }
        return phpKeys;
    }

    private static String describe(Object key) {
        return key instanceof String s ? "\"" + s + "\""
                : key instanceof byte[] b ? "byte[" + b.length + "]"
                : key + " (" + key.getClass().getSimpleName() + ")";
    }

    private void writeKey(Object key) {
        switch (key) {
            case Long l -> writeLong('i', l);
            case String s -> writeString(PhpStrings.utf8(s));
            case byte[] b -> writeString(b);
            default -> throw new AssertionError(key);
        }
    }

    private void writeLong(char tag, long value) {
        ascii(tag + ":" + value + ";");
    }

    private void writeString(byte[] bytes) {
        ascii("s:" + bytes.length + ":\"");
        out.writeBytes(bytes);
        ascii("\";");
    }

    private void ascii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
