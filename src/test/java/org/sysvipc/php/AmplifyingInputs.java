package org.sysvipc.php;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;

/**
 * serialize() inputs shaped to make a decoder allocate more than the input's size: counts and
 * lengths that claim much, nested so that every level claims the same bytes, and the shapes that cost
 * the most objects per byte. Each is made about {@code size} bytes long.
 */
final class AmplifyingInputs {
    /** One shape, made at any size. */
    record Shape(String name, IntFunction<byte[]> maker) {
        byte[] make(int size) {
            return maker.apply(size);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every shape. */
    static final List<Shape> SHAPES = List.of(
            new Shape("nested claims", AmplifyingInputs::nestedClaims),
            new Shape("halving nested claims", AmplifyingInputs::halvingNestedClaims),
            new Shape("string-length claims", AmplifyingInputs::stringLengthClaims),
            new Shape("many tiny elements", AmplifyingInputs::manyTinyElements),
            new Shape("many empty arrays", AmplifyingInputs::manyEmptyArrays),
            new Shape("many non-UTF-8 keys", AmplifyingInputs::manyByteKeys),
            new Shape("multi-byte strings", AmplifyingInputs::multiByteStrings),
            new Shape("deep nesting", AmplifyingInputs::deepNesting),
            new Shape("deep non-UTF-8 keys", AmplifyingInputs::deepByteKeys),
            new Shape("long float digits", AmplifyingInputs::longFloatDigits));

    /** The fewest bytes an array element takes, {@code i:0;N;}. */
    private static final int MIN_ELEMENT = 6;
    /** Below PHP's default unserialize_max_depth of 4096. */
    private static final int MAX_LEVELS = 4000;

    private AmplifyingInputs() {
    }

    /**
     * Arrays in arrays, each claiming as many elements as the bytes left could hold on their own,
     * with one element read before the next level so that each level's table is made.
     */
    static byte[] nestedClaims(int size) {
        return nested(size, left -> left / MIN_ELEMENT);
    }

    /** As {@link #nestedClaims}, each level claiming half of what the bytes left could hold. */
    static byte[] halvingNestedClaims(int size) {
        return nested(size, left -> left / (2 * MIN_ELEMENT));
    }

    private static byte[] nested(int size, java.util.function.LongUnaryOperator claim) {
        StringBuilder text = new StringBuilder(size);
        for (int level = 0; level < MAX_LEVELS; level++) {
            // the claim is for the bytes after "a:<count>:{", so guess its digits first
            long count = claim.applyAsLong(size - text.length() - 8);
            String opening = "a:" + count + ":{";
            count = claim.applyAsLong(size - text.length() - opening.length() - 1);
            opening = "a:" + count + ":{";
            String next = opening + "i:0;N;i:1;";
            if (count < 2 || text.length() + next.length() + MIN_ELEMENT > size) {
                break;
            }
            text.append(next);
        }
        return fill(text, size, "i:0;N;");
    }

    /**
     * A string that claims every byte left, as many as it may, which are there but do not end as a
     * string does: nothing should be made for it.
     */
    static byte[] stringLengthClaims(int size) {
        String opening = "a:1:{i:0;s:" + size + ":\"";
        opening = "a:1:{i:0;s:" + (size - opening.length() - 2) + ":\"";
        return fill(new StringBuilder(opening), size, "xxxxxxxx");
    }

    /** {@code a:n:{i:1000;N;i:1001;N;...}}: an entry and a boxed key for every 10 bytes or so. */
    static byte[] manyTinyElements(int size) {
        return array(size, i -> "i:" + (1000 + i) + ";N;");
    }

    /** {@code a:n:{i:0;a:0:{}i:1;a:0:{}...}}: a map for every 10 bytes or so. */
    static byte[] manyEmptyArrays(int size) {
        return array(size, i -> "i:" + i + ";a:0:{}");
    }

    /** Keys that are not UTF-8, which the decoder tracks by their bytes: {@code s:1:"\xNN";b:1;}. */
    static byte[] manyByteKeys(int size) {
        return array(size, i -> "s:2:\"" + (char) (0x80 + i % 64) + (char) (0x80 + i / 64 % 64) + "\";b:1;");
    }

    /** One string of two-byte UTF-8 characters outside Latin-1, which Java keeps as UTF-16. */
    static byte[] multiByteStrings(int size) {
        int characters = Math.max(0, (size - 16) / 2);
        byte[] body = "\u0100".repeat(characters).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(("s:" + body.length + ":\"").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.writeBytes("\";".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * {@code a:1:{i:0;a:1:{i:0;...s:n:"xx...";}}}} as deep as the default depth bound allows, the
     * innermost value a string that makes up the size.
     */
    static byte[] deepNesting(int size) {
        int levels = Math.min(MAX_LEVELS, (size - 16) / 10);
        int stringLength = Math.max(0, size - 10 * levels - 16);
        return ("a:1:{i:0;".repeat(levels) + "s:" + stringLength + ":\"" + "x".repeat(stringLength) + "\";"
                + "}".repeat(levels)).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Arrays in arrays, each under a key that is not UTF-8 ({@code a:1:{s:1:"\x80";...}}), as deep as
     * the default bound allows: each level's map, its key and what finds repeated keys.
     */
    static byte[] deepByteKeys(int size) {
        int levels = Math.min(MAX_LEVELS, (size - 2) / 15);
        return ("a:1:{s:1:\"\u0080\";".repeat(levels) + "N;" + "}".repeat(levels)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Floats with hundreds of digits, next to a halfway point between two doubles, so that reading
     * them takes big-number arithmetic ({@code 9007199254740993} is 2^53 + 1).
     */
    static byte[] longFloatDigits(int size) {
        return array(size, i -> "i:" + i + ";d:9007199254740993" + "0".repeat(500) + "1e-500;");
    }

    /** An array of as many {@code element(i)} as fit {@code size}, its count exact. */
    private static byte[] array(int size, IntFunction<String> element) {
        StringBuilder elements = new StringBuilder(size);
        int count = 0;
        while (elements.length() + element.apply(count).length() + 16 < size) {
            elements.append(element.apply(count++));
        }
        return ("a:" + count + ":{" + elements + "}").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Pads with {@code element}, then with {@code ;}, to exactly {@code size} bytes. */
    private static byte[] fill(StringBuilder text, int size, String element) {
        while (text.length() + element.length() <= size) {
            text.append(element);
        }
        text.append(";".repeat(Math.max(0, size - text.length())));
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
