package org.sysvipc.php;

import java.nio.charset.StandardCharsets;

/**
 * PHP strings (bytes) as Java values: a {@link String} when the bytes are well-formed UTF-8, so that
 * encoding the String as UTF-8 gives the same bytes back; a {@code byte[]} otherwise.
 */
final class PhpStrings {
    private PhpStrings() {
    }

    /** The bytes as a String if they are well-formed UTF-8, else a copy of them. */
    static Object toJava(byte[] data, int offset, int length) {
        if (isUtf8(data, offset, length)) {
            return new String(data, offset, length, StandardCharsets.UTF_8);
        }
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        return copy;
    }

    /**
     * Whether the bytes are well-formed UTF-8 as The Unicode Standard's table 3-7 has it, the form
     * Java's strict UTF-8 decoder accepts: no overlong forms, no surrogates, nothing past U+10FFFF,
     * no sequence cut short.
     */
    static boolean isUtf8(byte[] data, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int lead = data[i] & 0xff;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int following;
            int secondMin = 0x80;
            int secondMax = 0xbf;
            if (lead >= 0xc2 && lead <= 0xdf) {
                following = 1;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                following = 2;
                if (lead == 0xe0) {
                    secondMin = 0xa0; // below: overlong
                } else if (lead == 0xed) {
                    secondMax = 0x9f; // above: surrogates
                }
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                following = 3;
                if (lead == 0xf0) {
                    secondMin = 0x90; // below: overlong
                } else if (lead == 0xf4) {
                    secondMax = 0x8f; // above: past U+10FFFF
                }
            } else {
                return false; // a continuation byte, an overlong lead (c0, c1), or past U+10FFFF (f5 to ff)
            }
            if (end - i <= following) {
                return false;
            }
            int second = data[i + 1] & 0xff;
            if (second < secondMin || second > secondMax) {
                return false;
            }
            for (int k = 2; k <= following; k++) {
                int next = data[i + k] & 0xff;
                if (next < 0x80 || next > 0xbf) {
                    return false;
                }
            }
            i += following + 1;
        }
        return true;
    }

    /**
     * The UTF-8 bytes of {@code text}.
     *
     * @throws IllegalArgumentException if it has an unpaired surrogate, which UTF-8 cannot encode
     */
    static byte[] utf8(String text) {
        utf8Length(text);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The number of bytes in the UTF-8 form of {@code text}.
     *
     * @throws IllegalArgumentException if it has an unpaired surrogate, which UTF-8 cannot encode
     */
    static long utf8Length(String text) {
        long length = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 2; // two chars, four bytes
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("the string has an unpaired surrogate at index " + i
                        + ", which UTF-8 cannot encode; pass the bytes as a byte[]");
            } else {
                length += c < 0x800 ? 1 : 2;
            }
        }
        return length;
    }

    /**
     * Writes the UTF-8 form of {@code text}, which {@link #utf8Length} has checked, at {@code at} and
     * returns where it ends: the bytes {@code text.getBytes(UTF_8)} gives, without making an array.
     */
    static int writeUtf8(String text, byte[] to, int at) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                to[at++] = (byte) c;
            } else if (c < 0x800) {
                to[at++] = (byte) (0xc0 | c >> 6);
                to[at++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c)) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                to[at++] = (byte) (0xf0 | codePoint >> 18);
                to[at++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
                to[at++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
                to[at++] = (byte) (0x80 | codePoint & 0x3f);
            } else {
                to[at++] = (byte) (0xe0 | c >> 12);
                to[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                to[at++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return at;
    }

    /**
     * The integer a string key stands for, as {@link #numericKey(byte[], int, int)} decides.
     *
     * @return the integer, or null if the key stays a string
     */
    static Long numericKey(String text) {
        // most keys are not numbers: tell them apart without making their bytes
        if (text.isEmpty() || text.length() > 20) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && !(c == '-' && i == 0)) {
                return null;
            }
        }
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        return numericKey(ascii, 0, ascii.length);
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
