package org.sysvipc.php;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** PHP's textual forms of numbers, as serialize() and msg_send() write them. */
final class PhpNumbers {
    /** serialize() switches to E-notation past this many integer digits (zend_gcvt's precision 17). */
    private static final int MAX_FIXED_DIGITS = 17;

    private PhpNumbers() {
    }

    /**
     * The float as {@code serialize()} writes it with {@code serialize_precision = -1} (PHP 7.1 and
     * later): the shortest decimal that reads back as the same double, in zend_gcvt's layout.
     */
    static String serialized(double value) {
        if (Double.isNaN(value)) {
            return "NAN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "INF" : "-INF";
        }
        boolean negative = Double.doubleToRawLongBits(value) < 0;
        double magnitude = Math.abs(value);
        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        if (magnitude == 0) {
            return out.append('0').toString();
        }
        BigDecimal shortest = shortest(magnitude);
        String digits = shortest.unscaledValue().toString();
        // the value is 0.<digits> times ten to the power pointAt
        int pointAt = digits.length() - shortest.scale();
        if (pointAt > MAX_FIXED_DIGITS || pointAt < -3) {
            out.append(digits.charAt(0)).append('.');
            out.append(digits.length() == 1 ? "0" : digits.substring(1));
            int exponent = pointAt - 1;
            out.append('E').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        } else if (pointAt <= 0) {
            out.append("0.").repeat('0', -pointAt).append(digits);
        } else if (digits.length() <= pointAt) {
            out.append(digits).repeat('0', pointAt - digits.length());
        } else {
            out.append(digits, 0, pointAt).append('.').append(digits, pointAt, digits.length());
        }
        return out.toString();
    }

    /**
     * The shortest decimal that reads back as {@code magnitude} (positive, finite), the closest to it
     * among those, with trailing zeros stripped: what zend_dtoa's mode 0 gives.
     */
    private static BigDecimal shortest(double magnitude) {
        BigDecimal java = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros();
        if (java.precision() != 2) {
            return java;
        }
        // Double.toString never answers with one digit: where a one-digit decimal would do, it picks
        // the closest two-digit one instead (4.9E-324 for 5e-324), so look for the one digit
        BigDecimal exact = new BigDecimal(magnitude);
        BigDecimal best = null;
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal candidate = java.round(new MathContext(1, mode));
            if (candidate.signum() != 0 && Double.parseDouble(candidate.toString()) == magnitude
                    && (best == null || distance(candidate, exact).compareTo(distance(best, exact)) < 0)) {
                best = candidate;
            }
        }
        return best == null ? java : best.stripTrailingZeros();
    }

    private static BigDecimal distance(BigDecimal a, BigDecimal b) {
        return a.subtract(b).abs();
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
