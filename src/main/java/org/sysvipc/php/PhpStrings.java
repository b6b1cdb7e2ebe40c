package org.sysvipc.php;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * PHP strings (bytes) as Java values: a {@link String} when the bytes are well-formed UTF-8, so that
 * encoding the String as UTF-8 gives the same bytes back; a {@code byte[]} otherwise.
 */
final class PhpStrings {
    private PhpStrings() {
    }

    /** A decoder that refuses malformed UTF-8 (overlong forms, surrogates, truncation) instead of replacing it. */
    static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The bytes as a String if they are well-formed UTF-8, else a copy of them. */
    static Object toJava(byte[] data, int offset, int length, CharsetDecoder decoder) {
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            if (data[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(data, offset, length, StandardCharsets.US_ASCII);
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(data, offset, length));
            return chars.toString();
        } catch (CharacterCodingException notUtf8) {
            byte[] copy = new byte[length];
            System.arraycopy(data, offset, copy, 0, length);
            return copy;
        }
    }

    /**
     * The UTF-8 bytes of {@code text}.
     *
     * @throws IllegalArgumentException if it has an unpaired surrogate, which UTF-8 cannot encode
     */
    static byte[] utf8(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("the string has an unpaired surrogate at index " + i
                        + ", which UTF-8 cannot encode; pass the bytes as a byte[]");
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The integer a string key stands for, as PHP turns array keys such as {@code "5"} or
     * {@code "-12"} into int keys: an optional minus, then digits without a leading zero (or just
     * {@code 0}), within 64 bits. {@code "05"}, {@code "-0"}, {@code "+1"} and {@code " 1"} stay strings.
     *
     * @return the integer, or null if the key stays a string
     */
    static Long numericKey(byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        boolean negative = false;
        if (i < end && data[i] == '-') {
            negative = true;
            i++;
        }
        int digits = end - i;
        if (digits < 1 || digits > 19) {
            return null;
        }
        if (data[i] == '0' && (digits > 1 || negative)) {
            return null;
        }
        long magnitude = 0; // accumulated negatively, so that Long.MIN_VALUE fits
        for (; i < end; i++) {
            int digit = data[i] - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            if (magnitude < (Long.MIN_VALUE + digit) / 10) {
                return null;
            }
            magnitude = magnitude * 10 - digit;
        }
        if (negative) {
            return magnitude;
        }
        return magnitude == Long.MIN_VALUE ? null : -magnitude;
    }
}
