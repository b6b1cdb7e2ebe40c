package org.sysvipc.php;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PHP's {@code serialize()} and {@code unserialize()} format, to and from plain Java values: what
 * {@code msg_send}, {@code msg_receive}, {@code shm_put_var} and {@code shm_get_var} put in message
 * queues and shared memory.
 *
 * {@snippet :
 * PhpSerializer php = PhpSerializer.standard();
 * byte[] bytes = php.serialize(Map.of("name", "ada", "age", 36));   // a:2:{s:4:"name";s:3:"ada";s:3:"age";i:36;}
 * Map<?, ?> back = (Map<?, ?>) php.unserialize(bytes);              // {name=ada, age=36} (36 is a Long)
 * }
 *
 * <h2>Values</h2>
 * <table class="striped">
 * <caption>PHP values and their Java forms</caption>
 * <thead><tr><th>PHP</th><th>format</th><th>decoded as</th><th>encoded from</th></tr></thead>
 * <tbody>
 * <tr><td>null</td><td>{@code N;}</td><td>{@code null}</td><td>{@code null}</td></tr>
 * <tr><td>bool</td><td>{@code b:0;} {@code b:1;}</td><td>{@link Boolean}</td><td>{@link Boolean}</td></tr>
 * <tr><td>int (64-bit)</td><td>{@code i:-42;}</td><td>{@link Long}</td><td>{@link Long}, {@link Integer},
 *     {@link Short}, {@link Byte}</td></tr>
 * <tr><td>float</td><td>{@code d:0.1;} {@code d:1.0E+25;} {@code d:INF;} {@code d:-INF;} {@code d:NAN;}</td>
 *     <td>{@link Double}</td><td>{@link Double}, {@link Float} (widened)</td></tr>
 * <tr><td>string</td><td>{@code s:<byte count>:"<bytes>";}</td><td>{@link String} if the bytes are
 *     well-formed UTF-8, else {@code byte[]}</td><td>{@link String} (as UTF-8), {@code byte[]}</td></tr>
 * <tr><td>array</td><td>{@code a:<count>:{<key><value>...}}</td><td>{@code LinkedHashMap<Object, Object>}
 *     in PHP's order, keys {@link Long} or string forms</td><td>{@link Map}, {@link List} (keys 0, 1, ...)</td></tr>
 * </tbody>
 * </table>
 *
 * <p><b>Strings are bytes.</b> PHP strings carry no encoding. A decoded string is a {@link String}
 * exactly when its bytes are well-formed UTF-8 (no overlong forms, no encoded surrogates), so encoding
 * that String as UTF-8 gives the very same bytes; any other string decodes to a {@code byte[]}. So
 * decoding and encoding again reproduces PHP's bytes exactly, whatever they are.
 * {@link #bytes(Object)} gives the bytes of either form.
 *
 * <p><b>Floats</b> are written as PHP 7.1 and later write them ({@code serialize_precision = -1}): the
 * shortest decimal that reads back as the same double, in E-notation when its decimal exponent is below -4 or
 * above 16 ({@code d:1.0E-5;}, {@code d:1.0E+25;}); {@code -0.0} as {@code d:-0;}. Any float form PHP
 * reads is read ({@code 1e5}, {@code .5}, {@code +1}).
 *
 * <p><b>Array keys</b> are normalised as PHP does: a string key that is a canonical decimal integer
 * within 64 bits ({@code "5"}, {@code "-3"}, but not {@code "05"}, {@code "-0"} or {@code "+1"})
 * becomes the int key; {@link #arrayKey(Object)} applies the same rule, so
 * {@code map.get(PhpSerializer.arrayKey("5"))} finds the entry PHP wrote as {@code $a["5"]}. A map
 * with two keys that PHP sees as one (such as {@code "5"} and {@code 5L}) is refused. A key that is
 * not UTF-8 decodes to a {@code byte[]}, which a map compares by identity: find it by iterating.
 * {@link #isList(Map)} and {@link #toList(Map)} view an array with keys 0, 1, ... as a list.
 *
 * <h2>Untrusted input</h2>
 * {@link #unserialize(byte[])} reads only the bytes given and never trusts a length or count beyond
 * the bytes that are present: an array's count must fit the bytes left together with what the arrays
 * around it still need, so nested arrays cannot each claim the same bytes. No input makes it allocate
 * more than a constant times the input's size (about 20 bytes per input byte at most, for the
 * shapes that cost the most objects per byte, such as deep nesting and many empty arrays). It bounds
 * the nesting of arrays by {@link #maxDepth()}, and uses no recursion. Any malformed input ends in a
 * {@link PhpFormatException} naming the byte offset of the fault, as do objects ({@code O:},
 * {@code C:}), enums ({@code E:}) and references ({@code R:}, {@code r:}), which have no Java form here,
 * an integer beyond 64 bits (which PHP clamps with a warning) and bytes after the value.
 *
 * <p>Instances are immutable and thread-safe. The values they serialize are read as they are: a map
 * that another thread changes meanwhile ends in a {@link java.util.ConcurrentModificationException}.
 */
public final class PhpSerializer {
    /** The default bound on nested arrays, PHP's default {@code unserialize_max_depth}. */
    public static final int DEFAULT_MAX_DEPTH = 4096;

    private static final PhpSerializer STANDARD = new PhpSerializer(DEFAULT_MAX_DEPTH);

    private final int maxDepth;

    private PhpSerializer(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /**
     * {@return the serializer with the default depth bound, {@value #DEFAULT_MAX_DEPTH}}
     */
    public static PhpSerializer standard() {
        return STANDARD;
    }

    /**
     * {@return a serializer that accepts arrays nested at most {@code maxDepth} deep, both ways}
     *
     * @param maxDepth the most arrays nested inside each other, from 0 (no arrays)
     * @throws IllegalArgumentException if maxDepth is negative
     */
    public PhpSerializer withMaxDepth(int maxDepth) {
        if (maxDepth < 0) {
            throw new IllegalArgumentException("a depth bound is not negative, was " + maxDepth);
        }
        return maxDepth == this.maxDepth ? this : new PhpSerializer(maxDepth);
    }

    /**
     * {@return the most arrays nested inside each other that this serializer reads or writes}
     */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * Serializes a value as PHP's {@code serialize()} does.
     *
     * @param value null, a {@link Boolean}, {@link Long}, {@link Integer}, {@link Short}, {@link Byte},
     *              {@link Double}, {@link Float}, {@link String}, {@code byte[]}, or a {@link List} or
     *              {@link Map} of these (map keys: integers, {@link String}s or {@code byte[]}s)
     * @return the serialized bytes
     * @throws IllegalArgumentException if a value or key has another type, a String has an unpaired
     *         surrogate, two keys of one map are the same PHP key, or arrays nest deeper than
     *         {@link #maxDepth()} (as a list that contains itself does)
     * @throws java.util.ConcurrentModificationException if a map in the value changes while it is
     *         serialized, as one another thread puts to or removes from does: maps are read as they
     *         are, not copied (lists are copied with {@code toArray()} first), so serialize a map that
     *         others change under their lock, or a copy of it
     * @throws OutOfMemoryError if the serialized bytes would be more than a Java byte array holds
     *         ({@code Integer.MAX_VALUE - 8}), or more than the heap has room for; its message says
     *         which, and how many bytes
     */
    public byte[] serialize(Object value) {
        return PhpEncoder.encode(value, maxDepth, PhpEncoder::copyOf);
    }

    /**
     * Serializes a value as {@link #serialize(Object)} does and hands the bytes to {@code output}
     * without copying them: they are valid only during the call.
     */
    <R> R serialize(Object value, PhpEncoder.Output<R> output) {
        return PhpEncoder.encode(value, maxDepth, output);
    }

    /**
     * Unserializes one value, which must span all the bytes.
     *
     * @param data the serialized bytes
     * @return the value, in the Java forms the class description lists
     * @throws PhpFormatException if the bytes are not one serialized value of the supported types
     */
    public Object unserialize(byte[] data) {
        return unserialize(data, 0, data.length);
    }

    /**
     * Unserializes one value, which must span the {@code length} bytes from {@code offset}; positions
     * in a {@link PhpFormatException} count from {@code offset}.
     *
     * @param data   the array holding the serialized bytes
     * @param offset where they start
     * @param length how many there are
     * @return the value, in the Java forms the class description lists
     * @throws IndexOutOfBoundsException if the range is not within {@code data}
     * @throws PhpFormatException        if the bytes are not one serialized value of the supported types
     */
    public Object unserialize(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        return new PhpDecoder(data, offset, length, maxDepth).decode();
    }

    /**
     * {@return the key as a PHP array stores it: integers as a {@link Long}; a {@link String} or
     * {@code byte[]} that is a canonical decimal integer within 64 bits as that {@link Long}; any other
     * {@link String} or {@code byte[]} as it is}
     *
     * @param key an integer ({@link Long}, {@link Integer}, {@link Short}, {@link Byte}), a {@link String}
     *            or a {@code byte[]}
     * @throws IllegalArgumentException if the key has another type (PHP's casts of bools, floats and
     *                                  null are left to the caller, to make them visible)
     */
    public static Object arrayKey(Object key) {
        return switch (key) {
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case String s -> {
                Long numeric = PhpStrings.numericKey(s);
                yield numeric != null ? numeric : s;
            }
            case byte[] bytes -> {
                Long numeric = PhpStrings.numericKey(bytes, 0, bytes.length);
                yield numeric != null ? numeric : bytes;
            }
            case null -> throw new IllegalArgumentException("a PHP array key is an integer or a string, not null");
            default -> throw new IllegalArgumentException("a PHP array key is an integer or a string, not a "
                    + key.getClass().getName());
        };
    }

    /**
     * {@return whether the array is a list in PHP's sense ({@code array_is_list}): its keys are 0, 1,
     * 2, ... in this order}
     *
     * @param array a decoded PHP array
     */
    public static boolean isList(Map<?, ?> array) {
        long expected = 0;
        for (Object key : array.keySet()) {
            if (!(key instanceof Long l) || l != expected++) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return the values of a list array, in order, as a new mutable list}
     *
     * @param array a decoded PHP array whose keys are 0, 1, 2, ... in this order
     * @throws IllegalArgumentException if the array is not such a list
     */
    public static List<Object> toList(Map<?, ?> array) {
        if (!isList(array)) {
            throw new IllegalArgumentException("the array's keys are not 0, 1, 2, ... in order: " + array.keySet());
        }
        return new ArrayList<>(array.values());
    }

    /**
     * {@return the bytes of a PHP string in either of its decoded forms: a {@link String} as UTF-8, a
     * {@code byte[]} as a copy}
     *
     * @param string a {@link String} or a {@code byte[]}
     * @throws IllegalArgumentException if it is neither, or a String with an unpaired surrogate
     */
    public static byte[] bytes(Object string) {
        return switch (string) {
            case String s -> PhpStrings.utf8(s);
            case byte[] b -> b.clone();
            case null -> throw new IllegalArgumentException("null is not a PHP string");
            default -> throw new IllegalArgumentException("a PHP string is a String or a byte[], not a "
                    + string.getClass().getName());
        };
    }
}
