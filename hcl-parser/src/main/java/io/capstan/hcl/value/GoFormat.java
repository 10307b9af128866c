package io.capstan.hcl.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Renderings that must match Go's formatting byte for byte because users (or set hashes)
 * see them: {@code strconv.Quote} and big.Float's {@code %g} with a precision.
 */
public final class GoFormat {
    private GoFormat() {
    }

    /** Go's strconv.Quote: printable Unicode kept, control characters escaped. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 11 -> sb.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else if (!isPrint(c)) {
                        sb.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    /**
     * Go's order of strings (its {@code <}, {@code sort.Strings}): bytewise in UTF-8, which is code
     * point order, not Java's UTF-16 order for characters beyond U+FFFF.
     */
    public static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static boolean isPrint(int c) {
        int t = Character.getType(c);
        return !(t == Character.CONTROL || t == Character.FORMAT || t == Character.UNASSIGNED
                || t == Character.SURROGATE || t == Character.PRIVATE_USE
                || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR
                || (t == Character.SPACE_SEPARATOR && c != ' '));
    }

    /** big.Float {@code Text('g', prec)} (used by cty's set hash with prec 10). */
    public static String gWithPrecision(BigNumber n, int prec) {
        if (n.isInfinite()) {
            return n.isNegative() ? "-Inf" : "+Inf";
        }
        String sign = n.isNegative() ? "-" : "";
        if (n.isZero()) {
            return sign + "0";
        }
        BigDecimal r = n.toBigDecimal().abs().round(new MathContext(prec, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        String digits = r.unscaledValue().toString();
        int point = digits.length() - r.scale();
        int eprec = prec;
        if (eprec > digits.length() && digits.length() >= point) {
            eprec = digits.length();
        }
        int x = point - 1;
        if (x < -4 || x >= eprec) {
            return sign + BigNumber.eFormat(digits, x, false);
        }
        return sign + BigNumber.plain(new BigNumber.Digits(digits, point));
    }
}
