package org.sysvipc.php;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** PHP's textual forms of numbers, as serialize() and msg_send() write them. */
final class PhpNumbers {
    /** The most bytes {@link #writeSerialized} writes, as for {@code -2.2250738585072014E-308}. */
    static final int MAX_SERIALIZED_LENGTH = 24;
    /** The most bytes {@link #writeDecimal} writes, as for {@code -9223372036854775808}. */
    static final int MAX_DECIMAL_LENGTH = 20;

    /** serialize() switches to E-notation past this many integer digits (zend_gcvt's precision 17). */
    private static final int MAX_FIXED_DIGITS = 17;
    /** Ten to the powers 0 to 18, every long power of ten. */
    private static final long[] LONG_POWERS_OF_TEN = new long[19];
    /** Ten to the powers 0 to 22, every power of ten that a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = new double[23];

    static {
        LONG_POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < LONG_POWERS_OF_TEN.length; i++) {
            LONG_POWERS_OF_TEN[i] = LONG_POWERS_OF_TEN[i - 1] * 10;
        }
        EXACT_POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < EXACT_POWERS_OF_TEN.length; i++) {
            EXACT_POWERS_OF_TEN[i] = EXACT_POWERS_OF_TEN[i - 1] * 10; // exact: the product is a double
        }
    }

    private PhpNumbers() {
    }

    /**
     * Writes the integer in decimal at {@code at}, which has room for {@link #MAX_DECIMAL_LENGTH}
     * bytes, and returns where it ends.
     */
    static int writeDecimal(long value, byte[] to, int at) {
        if (value < 0) {
            to[at++] = '-';
        }
        long rest = value < 0 ? value : -value; // negative, so that Long.MIN_VALUE fits
        int digits = 1;
        for (long shorter = rest / 10; shorter != 0; shorter /= 10) {
            digits++;
        }
        int end = at + digits;
        for (int i = end - 1; i >= at; i--) {
            to[i] = (byte) ('0' - rest % 10);
            rest /= 10;
        }
        return end;
    }

    /**
     * Writes the float as {@code serialize()} writes it with {@code serialize_precision = -1} (PHP 7.1
     * and later): the shortest decimal that reads back as the same double, in zend_gcvt's layout. The
     * text goes at {@code at}, which has room for {@link #MAX_SERIALIZED_LENGTH} bytes; returns where it ends.
     *
     * @param scratch a builder to reuse for Java's digits, whatever it holds
     */
    static int writeSerialized(double value, byte[] to, int at, StringBuilder scratch) {
        if (Double.isNaN(value)) {
            return writeAscii("NAN", to, at);
        }
        if (Double.isInfinite(value)) {
            return writeAscii(value > 0 ? "INF" : "-INF", to, at);
        }
        if (Double.doubleToRawLongBits(value) < 0) {
            to[at++] = '-';
        }
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            to[at++] = '0';
            return at;
        }
        // Double.toString gives the shortest digits that read back as the magnitude (JDK 19 and later),
        // as "123.45" or "1.2345E-7"; the value is 0.<digits> times ten to the power pointAt. A builder
        // takes the same text, and (JDK 25) without making a String.
        scratch.setLength(0);
        StringBuilder java = scratch.append(magnitude);
        long digits = 0;
        int count = 0;
        int pointAt = 0;
        boolean fraction = false;
        int i = 0;
        for (; i < java.length() && java.charAt(i) != 'E'; i++) {
            char c = java.charAt(i);
            if (c == '.') {
                fraction = true;
                continue;
            }
            if (!fraction) {
                pointAt++;
            }
            if (c == '0' && count == 0) {
                pointAt--; // a leading zero
            } else {
                digits = digits * 10 + (c - '0');
                count++;
            }
        }
        if (i < java.length()) {
            pointAt += Integer.parseInt(java, i + 1, java.length(), 10);
        }
        while (digits % 10 == 0) {
            digits /= 10;
            count--;
        }
        if (count == 2) {
            // Double.toString never answers with one digit: where a one-digit decimal would do, it picks
            // the closest two-digit one instead (4.9E-324 for 5e-324), so look for the one digit
            long floor = digits / 10;
            int power = pointAt - 1;
            boolean floorReadsBack = readsBackAs(floor, power, magnitude);
            boolean ceilingReadsBack = readsBackAs(floor + 1, power, magnitude);
            if (floorReadsBack && ceilingReadsBack) {
                BigDecimal exact = new BigDecimal(magnitude);
                BigDecimal floorDistance = BigDecimal.valueOf(floor, -power).subtract(exact).abs();
                BigDecimal ceilingDistance = BigDecimal.valueOf(floor + 1, -power).subtract(exact).abs();
                floorReadsBack = floorDistance.compareTo(ceilingDistance) <= 0;
            }
            if (floorReadsBack || ceilingReadsBack) {
                digits = floorReadsBack ? floor : floor + 1;
                count = 1;
                if (digits == 10) {
                    digits = 1;
                    pointAt++;
                }
            }
        }
        if (pointAt > MAX_FIXED_DIGITS || pointAt < -3) {
            long below = LONG_POWERS_OF_TEN[count - 1];
            to[at++] = (byte) ('0' + digits / below);
            to[at++] = '.';
            at = count == 1 ? writeAscii("0", to, at) : writeDigits(digits % below, count - 1, to, at);
            int exponent = pointAt - 1;
            to[at++] = 'E';
            to[at++] = (byte) (exponent < 0 ? '-' : '+');
            at = writeDecimal(Math.abs(exponent), to, at);
        } else if (pointAt <= 0) {
            at = writeAscii("0.", to, at);
            at = writeDigits(0, -pointAt, to, at);
            at = writeDigits(digits, count, to, at);
        } else if (count <= pointAt) {
            at = writeDigits(digits, count, to, at);
            at = writeDigits(0, pointAt - count, to, at);
        } else {
            long below = LONG_POWERS_OF_TEN[count - pointAt];
            at = writeDigits(digits / below, pointAt, to, at);
            to[at++] = '.';
            at = writeDigits(digits % below, count - pointAt, to, at);
        }
        return at;
    }

    /** Whether the decimal {@code digit} times ten to the {@code power} reads back as {@code magnitude}. */
    private static boolean readsBackAs(long digit, int power, double magnitude) {
        double exact = exactDecimal(digit, power);
        double read = Double.isNaN(exact) ? Double.parseDouble(digit + "E" + power) : exact;
        return read == magnitude;
    }

    /**
     * {@return {@code significand} times ten to the {@code exponent}, correctly rounded, where that
     * is one floating-point operation on exact operands: a significand below 2<sup>53</sup> and an
     * exponent within ±22 (Clinger's fast path); NaN otherwise}
     *
     * @param significand not negative
     */
    static double exactDecimal(long significand, int exponent) {
        if (significand >= 1L << 53 || exponent < -22 || exponent > 22) {
            return Double.NaN;
        }
        return exponent >= 0 ? significand * EXACT_POWERS_OF_TEN[exponent]
                : significand / EXACT_POWERS_OF_TEN[-exponent];
    }

    /** Writes exactly {@code count} digits of {@code value}, with leading zeros, and returns the end. */
    private static int writeDigits(long value, int count, byte[] to, int at) {
        int end = at + count;
        for (int i = end - 1; i >= at; i--) {
            to[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }

    private static int writeAscii(String text, byte[] to, int at) {
        for (int i = 0; i < text.length(); i++) {
            to[at++] = (byte) text.charAt(i);
        }
        return at;
    }

    /**
     * The float as PHP's internal {@code spprintf("%F")} writes it, which {@code msg_send} uses when
     * it does not serialize: six decimals, correctly rounded (ties to even); no sign on -0.0;
     * {@code inf} for both infinities and {@code nan}.
     */
    static String printfF(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return "inf";
        }
        String digits = new BigDecimal(Math.abs(value)).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        return value < 0 ? "-" + digits : digits;
    }
}
