package org.sysvipc.php;

import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one serialize() value. Iterative, with an explicit stack, so that nesting costs heap (bounded
 * by the depth limit) and never the thread's stack.
 */
final class PhpDecoder {
    /** The fewest bytes an array element takes: {@code i:0;N;}. */
    private static final int MIN_ELEMENT_BYTES = 6;

    private final byte[] in;
    private final int start;
    private final int end;
    private final int maxDepth;
    private final CharsetDecoder utf8 = PhpStrings.strictDecoder();
    private int pos;

    /** An array being read. */
    private static final class Frame {
        final Map<Object, Object> array;
        final int openedAt;
        long remaining;
        Object key;
        boolean keyRead;
        /** Keys that are not UTF-8 are byte[]s, which a map compares by identity: this finds repeats. */
        Map<ByteBuffer, byte[]> byteKeys;

        Frame(int count, int openedAt) {
            this.array = LinkedHashMap.newLinkedHashMap(count);
            this.remaining = count;
            this.openedAt = openedAt;
        }
    }

    PhpDecoder(byte[] in, int offset, int length, int maxDepth) {
        this.in = in;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
        this.maxDepth = maxDepth;
    }

    Object decode() {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        while (true) {
            Frame top = stack.peek();
            Object value;
            if (top != null && top.remaining == 0) {
                expect('}', "'}' closing the array opened at byte " + (top.openedAt - start));
                stack.pop();
                value = top.array;
            } else if (top != null && !top.keyRead) {
                readKey(top);
                continue;
            } else {
                int at = pos;
                byte tag = peekTag();
                if (tag == 'a') {
                    if (stack.size() >= maxDepth) {
                        throw error("arrays nested deeper than " + maxDepth, at);
                    }
                    pos += 2;
                    long count = readUnsigned(':');
                    expect('{', "'{'");
                    if (count > (end - pos - 1) / MIN_ELEMENT_BYTES) {
                        throw error("an array of " + count + " elements cannot fit the " + (end - pos)
                                + " bytes left", at);
                    }
                    stack.push(new Frame((int) count, at));
                    continue;
                }
                value = readScalar(tag, at);
            }
            Frame parent = stack.peek();
            if (parent == null) {
                if (pos != end) {
                    throw error("unexpected data after the value", pos);
                }
                return value;
            }
            put(parent, value);
        }
    }

    private static void put(Frame frame, Object value) {
        frame.array.put(frame.key, value);
        frame.remaining--;
        frame.keyRead = false;
        frame.key = null;
    }

    private void readKey(Frame frame) {
        int at = pos;
        byte tag = peekTag();
        Object key;
        if (tag == 'i') {
            pos += 2;
            key = readInteger();
        } else if (tag == 's') {
            pos += 2;
            int length = readLength();
            int from = pos;
            pos += length;
            expectStringEnd();
            Long numeric = PhpStrings.numericKey(in, from, length);
            key = numeric != null ? numeric : PhpStrings.toJava(in, from, length, utf8);
        } else {
            throw error("an array key must be an int (i:) or a string (s:), found '" + printable(tag) + "'", at);
        }
        if (key instanceof byte[] bytes) {
            if (frame.byteKeys == null) {
                frame.byteKeys = new HashMap<>();
            }
            // a repeated key keeps its place and takes the later value, as in PHP
            key = frame.byteKeys.computeIfAbsent(ByteBuffer.wrap(bytes), b -> bytes);
        }
        frame.key = key;
        frame.keyRead = true;
    }

    private Object readScalar(byte tag, int at) {
        switch (tag) {
            case 'N' -> {
                pos++;
                expect(';', "';' after N");
                return null;
            }
            case 'b' -> {
                pos += 2;
                byte b = next("0 or 1");
                if (b != '0' && b != '1') {
                    throw error("a bool must be 0 or 1, found '" + printable(b) + "'", pos - 1);
                }
                expect(';', "';'");
                return b == '1';
            }
            case 'i' -> {
                pos += 2;
                return readInteger();
            }
            case 'd' -> {
                pos += 2;
                return readFloat();
            }
            case 's' -> {
                pos += 2;
                int length = readLength();
                int from = pos;
                pos += length;
                expectStringEnd();
                return PhpStrings.toJava(in, from, length, utf8);
            }
            case 'O', 'C' -> throw error("PHP objects are not supported", at);
            case 'E' -> throw error("PHP enums are not supported", at);
            case 'r', 'R' -> throw error("PHP references are not supported", at);
            case 'S' -> throw error("the escaped string format 'S:' is not supported", at);
            default -> throw error("no value starts with '" + printable(tag) + "'", at);
        }
    }

    /** The tag byte, checked to be followed by ':' (or ';' for N). */
    private byte peekTag() {
        if (pos >= end) {
            throw error("the input ends where a value should start", pos);
        }
        byte tag = in[pos];
        if (tag == 'N') {
            return tag;
        }
        if ("bidsaOCErRS".indexOf(tag) < 0) {
            throw error("no value starts with '" + printable(tag) + "'", pos);
        }
        if (pos + 1 >= end) {
            throw error("the input ends inside a value", end);
        }
        if (in[pos + 1] != ':') {
            throw error("expected ':' after '" + printable(tag) + "'", pos + 1);
        }
        return tag;
    }

    /** {@code [+-]?[0-9]+;} as a long. */
    private long readInteger() {
        int from = pos;
        boolean negative = false;
        if (pos < end && (in[pos] == '-' || in[pos] == '+')) {
            negative = in[pos] == '-';
            pos++;
        }
        int digitsFrom = pos;
        long value = 0; // accumulated negatively, so that Long.MIN_VALUE fits
        while (pos < end && isDigit(in[pos])) {
            int digit = in[pos] - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw error("the integer does not fit 64 bits", from);
            }
            value = value * 10 - digit;
            pos++;
        }
        if (pos == digitsFrom) {
            throw error("expected digits", pos);
        }
        if (!negative && value == Long.MIN_VALUE) {
            throw error("the integer does not fit 64 bits", from);
        }
        expect(';', "';' after the integer");
        return negative ? value : -value;
    }

    /** A string's length and the opening quote: {@code [0-9]+:"}, checked against the bytes left. */
    private int readLength() {
        int at = pos;
        long length = readUnsigned(':');
        expect('"', "'\"' opening the string");
        if (length > end - pos - 2) {
            throw error("a string of " + length + " bytes cannot fit the " + Math.max(0, end - pos) + " bytes left", at);
        }
        return (int) length;
    }

    /** Unsigned digits then {@code terminator}; capped well before overflow. */
    private long readUnsigned(char terminator) {
        int from = pos;
        long value = 0;
        while (pos < end && isDigit(in[pos])) {
            value = value * 10 + (in[pos] - '0');
            if (value > Integer.MAX_VALUE) {
                throw error("the length or count is too large", from);
            }
            pos++;
        }
        if (pos == from) {
            throw error("expected digits", pos);
        }
        expect(terminator, "'" + terminator + "'");
        return value;
    }

    private void expectStringEnd() {
        expect('"', "'\"' closing the string (is the length right?)");
        expect(';', "';' after the string");
    }

    /**
     * PHP's float grammar: {@code NAN}, {@code INF}, {@code -INF}, or
     * {@code [+-]?(digits | digits?.digits | digits.digits?)([eE][+-]?digits)?}, then ';'.
     */
    private double readFloat() {
        int from = pos;
        int semicolon = from;
        while (semicolon < end && in[semicolon] != ';') {
            semicolon++;
        }
        if (semicolon == end) {
            throw error("the float has no ending ';'", from);
        }
        String text = new String(in, from, semicolon - from, StandardCharsets.ISO_8859_1);
        double value = switch (text) {
            case "NAN" -> Double.NaN;
            case "INF" -> Double.POSITIVE_INFINITY;
            case "-INF" -> Double.NEGATIVE_INFINITY;
            default -> {
                int bad = floatSyntaxError(text);
                if (bad >= 0) {
                    throw error("malformed float \"" + abbreviate(text) + "\"", from + bad);
                }
                yield Double.parseDouble(text);
            }
        };
        pos = semicolon + 1;
        return value;
    }

    /** The index of the first character that breaks the grammar, or -1 if it is a valid float. */
    private static int floatSyntaxError(String text) {
        int i = 0;
        int n = text.length();
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int integerDigits = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            integerDigits++;
        }
        int fractionDigits = 0;
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                fractionDigits++;
            }
        }
        if (integerDigits + fractionDigits == 0) {
            return Math.min(i, n);
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return i;
            }
        }
        return i == n ? -1 : i;
    }

    private void expect(char c, String what) {
        if (pos >= end) {
            throw error("the input ends where " + what + " should be", pos);
        }
        if (in[pos] != c) {
            throw error("expected " + what + ", found '" + printable(in[pos]) + "'", pos);
        }
        pos++;
    }

    private byte next(String what) {
        if (pos >= end) {
            throw error("the input ends where " + what + " should be", pos);
        }
        return in[pos++];
    }

    private PhpFormatException error(String reason, int at) {
        return new PhpFormatException(reason, at - start);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff);
    }

    private static String abbreviate(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), 40); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return text.length() > 40 ? out + "..." : out.toString();
    }
}
