package org.sysvipc.php;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one serialize() value. Iterative, with an explicit stack, so that nesting costs heap (bounded
 * by the depth limit) and never the thread's stack.
 *
 * <p>An array's count is trusted only as far as the bytes left can hold it together with what the
 * arrays around it still owe: every claim is checked against bytes no other open array claims, so
 * the open arrays' tables, sized by their counts, add up to a constant times the input's size.
 */
final class PhpDecoder {
    /** The fewest bytes an array element takes: {@code i:0;N;}. */
    private static final int MIN_ELEMENT_BYTES = 6;

    private final byte[] in;
    private final int start;
    private final int end;
    private final int maxDepth;
    private int pos;
    /** Frames of arrays read whole, to reuse, linked by their parent fields. */
    private Frame spareFrames;

    /** An array being read. */
    private static final class Frame {
        /** The array this one is in, or null; for a spare frame, the next spare. */
        Frame parent;
        Map<Object, Object> array;
        int openedAt;
        long remaining;
        /**
         * The fewest bytes the arrays around this one need after it ends: their elements still to
         * come and their closing braces.
         */
        long owedOutside;
        Object key;
        boolean keyRead;
        /**
         * Keys that are not UTF-8 are byte[]s, which a map compares by identity: this finds repeats.
         * Made at the array's second such key; the first waits in firstByteKey.
         */
        Map<ByteBuffer, byte[]> byteKeys;
        byte[] firstByteKey;
    }

    PhpDecoder(byte[] in, int offset, int length, int maxDepth) {
        this.in = in;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
        this.maxDepth = maxDepth;
    }

    Object decode() {
        Frame top = null; // the innermost array being read
        int depth = 0;
        while (true) {
            Object value;
            if (top != null && top.remaining == 0) {
                if (!skip('}')) {
                    throw expected("'}' closing the array opened at byte " + (top.openedAt - start));
                }
                value = top.array;
                top = close(top);
                depth--;
            } else if (top != null && !top.keyRead) {
                readKey(top);
                continue;
            } else {
                int at = pos;
                byte tag = peekTag();
                if (tag == 'a') {
                    if (depth >= maxDepth) {
                        throw error("arrays nested deeper than " + maxDepth, at);
                    }
                    pos += 2;
                    long count = readUnsigned(':');
                    expect('{', "'{'");
                    long owedOutside = top == null ? 0
                            : top.owedOutside + (top.remaining - 1) * MIN_ELEMENT_BYTES + 1;
                    if (count * MIN_ELEMENT_BYTES + 1 + owedOutside > end - pos) {
                        throw error("an array of " + count + " elements cannot fit the " + (end - pos)
                                + " bytes left" + (owedOutside == 0 ? ""
                                        : ", of which the arrays it is in need " + owedOutside), at);
                    }
                    top = open(top, (int) count, owedOutside, at);
                    depth++;
                    continue;
                }
                value = readScalar(tag, at);
            }
            if (top == null) {
                if (pos != end) {
                    throw error("unexpected data after the value", pos);
                }
                return value;
            }
            put(top, value);
        }
    }

    private Frame open(Frame parent, int count, long owedOutside, int openedAt) {
        Frame frame = spareFrames;
        if (frame != null) {
            spareFrames = frame.parent;
        } else {
            frame = new Frame();
        }
        frame.parent = parent;
        frame.array = LinkedHashMap.newLinkedHashMap(count);
        frame.openedAt = openedAt;
        frame.remaining = count;
        frame.owedOutside = owedOutside;
        return frame;
    }

    /** Keeps the frame of an array read whole as a spare, and returns the array it is in. */
    private Frame close(Frame frame) {
        Frame parent = frame.parent;
        frame.parent = spareFrames;
        frame.array = null;
        frame.byteKeys = null;
        frame.firstByteKey = null;
        spareFrames = frame;
        return parent;
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
            key = numeric != null ? numeric : PhpStrings.toJava(in, from, length);
        } else {
            throw error("an array key must be an int (i:) or a string (s:), found '" + printable(tag) + "'", at);
        }
        if (key instanceof byte[] bytes) {
            key = sameByteKey(frame, bytes);
        }
        frame.key = key;
        frame.keyRead = true;
    }

    /**
     * The byte[] key already in the array with these bytes, else this one: a repeated key keeps its
     * place and takes the later value, as in PHP.
     */
    private static byte[] sameByteKey(Frame frame, byte[] bytes) {
        if (frame.byteKeys == null) {
            if (frame.firstByteKey == null) {
                frame.firstByteKey = bytes;
                return bytes;
            }
            if (Arrays.equals(frame.firstByteKey, bytes)) {
                return frame.firstByteKey;
            }
            frame.byteKeys = new HashMap<>();
            frame.byteKeys.put(ByteBuffer.wrap(frame.firstByteKey), frame.firstByteKey);
        }
        byte[] earlier = frame.byteKeys.putIfAbsent(ByteBuffer.wrap(bytes), bytes);
        return earlier != null ? earlier : bytes;
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
                return PhpStrings.toJava(in, from, length);
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
        if (!skip(terminator)) {
            throw expected("'" + terminator + "'");
        }
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
        double value;
        if (isText(from, semicolon, "NAN")) {
            value = Double.NaN;
        } else if (isText(from, semicolon, "INF")) {
            value = Double.POSITIVE_INFINITY;
        } else if (isText(from, semicolon, "-INF")) {
            value = Double.NEGATIVE_INFINITY;
        } else {
            int bad = floatSyntaxError(from, semicolon);
            if (bad >= 0) {
                String text = new String(in, from, semicolon - from, StandardCharsets.ISO_8859_1);
                throw error("malformed float \"" + abbreviate(text) + "\"", bad);
            }
            value = parseFloat(from, semicolon);
        }
        pos = semicolon + 1;
        return value;
    }

    private boolean isText(int from, int to, String text) {
        if (to - from != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (in[from + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The position of the first byte in from..to that breaks the grammar, or -1 if it is a valid float. */
    private int floatSyntaxError(int from, int to) {
        int i = from;
        if (i < to && (in[i] == '+' || in[i] == '-')) {
            i++;
        }
        int integerDigits = 0;
        while (i < to && isDigit(in[i])) {
            i++;
            integerDigits++;
        }
        int fractionDigits = 0;
        if (i < to && in[i] == '.') {
            i++;
            while (i < to && isDigit(in[i])) {
                i++;
                fractionDigits++;
            }
        }
        if (integerDigits + fractionDigits == 0) {
            return i;
        }
        if (i < to && (in[i] == 'e' || in[i] == 'E')) {
            i++;
            if (i < to && (in[i] == '+' || in[i] == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < to && isDigit(in[i])) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return i;
            }
        }
        return i == to ? -1 : i;
    }

    /**
     * The value of the valid float text in from..to: straight from its digits where that is exact
     * (most short decimals), else by {@link Double#parseDouble}.
     */
    private double parseFloat(int from, int to) {
        int i = from;
        boolean negative = in[i] == '-';
        if (in[i] == '+' || in[i] == '-') {
            i++;
        }
        long significand = 0;
        int significantDigits = 0;
        int exponent = 0;
        boolean fraction = false;
        for (; i < to && in[i] != 'e' && in[i] != 'E'; i++) {
            if (in[i] == '.') {
                fraction = true;
                continue;
            }
            significand = significand * 10 + (in[i] - '0');
            if (significand != 0 && ++significantDigits > 17) {
                return parseDouble(from, to); // past what a long holds
            }
            if (fraction) {
                exponent--;
            }
        }
        if (i < to) {
            i++; // the 'e'
            boolean negativeExponent = in[i] == '-';
            if (in[i] == '+' || in[i] == '-') {
                i++;
            }
            int written = 0;
            for (; i < to; i++) {
                written = written * 10 + (in[i] - '0');
                if (written > 1000) {
                    return parseDouble(from, to); // far outside the exact range
                }
            }
            exponent += negativeExponent ? -written : written;
        }
        double magnitude = PhpNumbers.exactDecimal(significand, exponent);
        if (Double.isNaN(magnitude)) {
            return parseDouble(from, to);
        }
        return negative ? -magnitude : magnitude;
    }

    private double parseDouble(int from, int to) {
        return Double.parseDouble(new String(in, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /** Steps over {@code c} if it is next. */
    private boolean skip(char c) {
        if (pos < end && in[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** The error for a byte that is not {@code what} was expected, or for the input ending there. */
    private PhpFormatException expected(String what) {
        if (pos >= end) {
            return error("the input ends where " + what + " should be", pos);
        }
        return error("expected " + what + ", found '" + printable(in[pos]) + "'", pos);
    }

    private void expect(char c, String what) {
        if (!skip(c)) {
            throw expected(what);
        }
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
