package io.capstan.hcl.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An arbitrary-precision binary floating point number with a 512-bit mantissa, rounded
 * to nearest even after every operation: the arithmetic of Go's {@code big.Float} as cty
 * configures it for Terraform numbers. That is why {@code 0.1 + 0.2 == 0.3} holds while
 * {@code 1 / 3} prints 155 digits. Values are immutable; zero keeps its sign (as Go does,
 * so {@code jsonencode(-0)} is {@code "-0"}) and infinities exist, NaN does not.
 */
public final class BigNumber implements Comparable<BigNumber> {
    /** Mantissa precision in bits, as cty's number parsing uses. */
    public static final int PREC = 512;
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    public static final BigNumber ZERO = new BigNumber(false, BigInteger.ZERO, 0, false);
    public static final BigNumber ONE = of(1);
    public static final BigNumber POSITIVE_INFINITY = new BigNumber(false, BigInteger.ZERO, 0, true);
    public static final BigNumber NEGATIVE_INFINITY = new BigNumber(true, BigInteger.ZERO, 0, true);

    private final boolean negative;
    private final BigInteger mag; // odd (or zero): trailing zero bits are folded into exp
    private final int exp;
    private final boolean infinite;
    private final int prec; // mantissa bits this number was rounded to (53 for float64 results)

    private BigNumber(boolean negative, BigInteger mag, int exp, boolean infinite) {
        this(negative, mag, exp, infinite, PREC);
    }

    private BigNumber(boolean negative, BigInteger mag, int exp, boolean infinite, int prec) {
        this.negative = negative;
        this.mag = mag;
        this.exp = exp;
        this.infinite = infinite;
        this.prec = prec;
    }

    /** The precision in bits: 512 for parsed numbers, 53 for float64 results, 64+ for integers. */
    public int precision() {
        return prec;
    }

    /** Thrown for the operations Go's big.Float rejects with ErrNaN (0/0, inf-inf...). */
    public static final class NaNException extends ArithmeticException {
        public NaNException(String message) {
            super(message);
        }
    }

    /** An integer with Go's SetInt64 precision (64 bits), as cty's NumberIntVal. */
    public static BigNumber of(long v) {
        return of(BigInteger.valueOf(v));
    }

    /** An integer with Go's SetInt precision (its bit length, at least 64). */
    public static BigNumber of(BigInteger v) {
        return round(v.signum() < 0, v.abs(), 0, false, Math.max(64, v.bitLength()));
    }

    public static BigNumber of(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
        }
        if (Double.isNaN(d)) {
            throw new NaNException("NaN");
        }
        if (d == 0) {
            return new BigNumber(1 / d < 0, BigInteger.ZERO, 0, false, 53);
        }
        BigDecimal b = new BigDecimal(Math.abs(d));
        BigNumber r = b.scale() <= 0 ? round(false, b.toBigIntegerExact(), 0, false, 53)
                : divide(false, b.unscaledValue(), BigInteger.TEN.pow(b.scale()), 0, 53);
        return d < 0 ? r.negate() : r;
    }

    /** The nearest 512-bit number to an exact decimal. */
    public static BigNumber of(BigDecimal d) {
        boolean neg = d.signum() < 0;
        BigDecimal a = d.abs();
        BigInteger unscaled = a.unscaledValue();
        int scale = a.scale();
        if (scale <= 0) {
            return round(neg, unscaled.multiply(BigInteger.TEN.pow(-scale)), 0, false);
        }
        return divide(neg, unscaled, BigInteger.TEN.pow(scale), 0);
    }

    /**
     * Parses decimal number text as Terraform number literals and {@code tonumber} accept it
     * ({@code 1}, {@code -1.5e3}, {@code +Inf}); returns null when the text is not a number.
     */
    public static BigNumber parse(String s) {
        Objects.requireNonNull(s);
        String t = s;
        switch (t) {
            case "+Inf", "Inf", "inf", "+inf" -> { return POSITIVE_INFINITY; }
            case "-Inf", "-inf" -> { return NEGATIVE_INFINITY; }
            default -> { }
        }
        if (t.isEmpty() || !DECIMAL.matcher(t).matches()) {
            return null;
        }
        BigDecimal d = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
        BigNumber r = of(d);
        if (t.startsWith("-") && r.isZero()) {
            return r.negate();
        }
        return r;
    }

    // --- rounding core -------------------------------------------------------------------

    private static BigNumber divide(boolean neg, BigInteger num, BigInteger den, int exp2) {
        return divide(neg, num, den, exp2, PREC);
    }

    private static BigNumber divide(boolean neg, BigInteger num, BigInteger den, int exp2, int prec) {
        if (num.signum() == 0) {
            return neg ? ZERO.negate() : ZERO;
        }
        int shift = prec + 2 + den.bitLength() - num.bitLength();
        if (shift < 0) {
            shift = 0;
        }
        BigInteger[] qr = num.shiftLeft(shift).divideAndRemainder(den);
        return round(neg, qr[0], exp2 - shift, qr[1].signum() != 0, prec);
    }

    /** Rounds neg * m * 2^e (plus a sticky fraction below m's last bit) to PREC bits. */
    private static BigNumber round(boolean neg, BigInteger m, long e, boolean sticky) {
        return round(neg, m, e, sticky, PREC);
    }

    private static BigNumber round(boolean neg, BigInteger m, long e, boolean sticky, int prec) {
        if (m.signum() == 0) {
            return new BigNumber(neg, BigInteger.ZERO, 0, false, prec);
        }
        int excess = m.bitLength() - prec;
        if (excess > 0) {
            BigInteger kept = m.shiftRight(excess);
            boolean half = m.testBit(excess - 1);
            boolean below = sticky || m.getLowestSetBit() < excess - 1;
            if (half && (below || kept.testBit(0))) {
                kept = kept.add(BigInteger.ONE);
            }
            m = kept;
            e += excess;
        }
        int tz = m.getLowestSetBit();
        if (tz > 0) {
            m = m.shiftRight(tz);
            e += tz;
        }
        if (e > Integer.MAX_VALUE / 2) {
            return neg ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
        }
        return new BigNumber(neg, m, (int) e, false, prec);
    }

    // --- arithmetic ----------------------------------------------------------------------

    public BigNumber negate() {
        return new BigNumber(!negative, mag, exp, infinite, prec);
    }

    public BigNumber abs() {
        return negative ? negate() : this;
    }

    public BigNumber add(BigNumber o) {
        if (infinite || o.infinite) {
            if (infinite && o.infinite && negative != o.negative) {
                throw new NaNException("addition of infinities with opposite signs");
            }
            return infinite ? this : o;
        }
        if (isZero() && o.isZero()) {
            return negative && o.negative ? this : ZERO;
        }
        if (isZero()) {
            return o;
        }
        if (o.isZero()) {
            return this;
        }
        int e = Math.min(exp, o.exp);
        BigInteger a = signed().shiftLeft(exp - e);
        BigInteger b = o.signed().shiftLeft(o.exp - e);
        BigInteger s = a.add(b);
        return round(s.signum() < 0, s.abs(), e, false, Math.max(prec, o.prec));
    }

    public BigNumber subtract(BigNumber o) {
        return add(o.negate());
    }

    public BigNumber multiply(BigNumber o) {
        boolean neg = negative != o.negative;
        if (infinite || o.infinite) {
            if (isZero() || o.isZero()) {
                throw new NaNException("multiplication of zero with infinity");
            }
            return neg ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
        }
        return round(neg, mag.multiply(o.mag), (long) exp + o.exp, false, Math.max(prec, o.prec));
    }

    public BigNumber divide(BigNumber o) {
        boolean neg = negative != o.negative;
        if (infinite && o.infinite || isZero() && o.isZero()) {
            throw new NaNException("can't divide zero by zero or infinity by infinity");
        }
        if (infinite || o.isZero()) {
            return neg ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
        }
        if (o.infinite || isZero()) {
            return neg ? ZERO.negate() : ZERO;
        }
        return divide(neg, mag, o.mag, exp - o.exp, Math.max(prec, o.prec));
    }

    /** Terraform's {@code %}: {@code a - b * trunc(a / b)}, with {@code a % 0 == a}. */
    public BigNumber remainder(BigNumber o) {
        if (infinite || o.infinite) {
            return multiply(o);
        }
        if (o.isZero()) {
            return this;
        }
        BigNumber q = divide(o).truncate();
        return subtract(o.multiply(q));
    }

    /** Rounds toward zero to an integer. */
    public BigNumber truncate() {
        if (infinite || exp >= 0 || isZero()) {
            return this;
        }
        BigInteger t = mag.shiftRight(-exp);
        return round(negative, t, 0, false, prec);
    }

    public BigNumber floor() {
        BigNumber t = truncate();
        return negative && !t.equals(this) ? t.subtract(ONE) : t;
    }

    public BigNumber ceil() {
        BigNumber t = truncate();
        return !negative && !t.equals(this) ? t.add(ONE) : t;
    }

    // --- inspection ----------------------------------------------------------------------

    private BigInteger signed() {
        return negative ? mag.negate() : mag;
    }

    public boolean isZero() {
        return !infinite && mag.signum() == 0;
    }

    public boolean isInfinite() {
        return infinite;
    }

    public boolean isNegative() {
        return negative;
    }

    public int signum() {
        if (isZero()) {
            return 0;
        }
        return negative ? -1 : 1;
    }

    public boolean isInteger() {
        return !infinite && (isZero() || exp >= 0);
    }

    /** The exact value; infinities throw. */
    public BigDecimal toBigDecimal() {
        if (infinite) {
            throw new ArithmeticException("infinite");
        }
        BigDecimal m = new BigDecimal(signed());
        if (exp >= 0) {
            return m.multiply(new BigDecimal(BigInteger.TWO.pow(exp)));
        }
        return new BigDecimal(signed().multiply(BigInteger.valueOf(5).pow(-exp)), -exp).stripTrailingZeros();
    }

    /** Integer part (truncated), for integer-taking functions. */
    public BigInteger toBigInteger() {
        if (infinite) {
            throw new ArithmeticException("infinite");
        }
        BigInteger v = exp >= 0 ? mag.shiftLeft(exp) : mag.shiftRight(-exp);
        return negative ? v.negate() : v;
    }

    /** True when this is an integer that fits a Java int. */
    public boolean fitsInt() {
        return isInteger() && toBigInteger().bitLength() < 32;
    }

    public int intValue() {
        return toBigInteger().intValue();
    }

    public double doubleValue() {
        if (infinite) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return toBigDecimal().doubleValue();
    }

    @Override
    public int compareTo(BigNumber o) {
        int sa = infinite ? (negative ? -2 : 2) : signum();
        int sb = o.infinite ? (o.negative ? -2 : 2) : o.signum();
        if (sa != sb || Math.abs(sa) == 2 || sa == 0) {
            return Integer.compare(sa, sb);
        }
        int e = Math.min(exp, o.exp);
        return signed().shiftLeft(exp - e).compareTo(o.signed().shiftLeft(o.exp - e));
    }

    /** Numeric equality (so {@code -0 == 0}), as cty compares numbers. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BigNumber b && compareTo(b) == 0;
    }

    @Override
    public int hashCode() {
        return isZero() ? 0 : Objects.hash(negative, mag, exp, infinite);
    }

    // --- formatting ----------------------------------------------------------------------

    /** Shortest decimal digits and decimal point position that read back as this number. */
    record Digits(String digits, int point) {
    }

    Digits shortest() {
        if (isZero()) {
            return new Digits("", 0);
        }
        // Work with mant*2^e where mant has PREC+1 bits, its lsb being half an ulp.
        int s = mag.bitLength() - (prec + 1);
        BigInteger m = s < 0 ? mag.shiftLeft(-s) : mag.shiftRight(s);
        long e = (long) exp + s;
        Digits d = decimal(m, e);
        Digits lower = decimal(m.subtract(BigInteger.ONE), e);
        Digits upper = decimal(m.add(BigInteger.ONE), e);
        boolean inclusive = !m.testBit(1);
        // Align lower/upper digit strings to d's decimal point.
        String dm = d.digits;
        String lm = align(lower, d.point);
        String um = align(upper, d.point);
        for (int i = 0; i < dm.length(); i++) {
            char c = dm.charAt(i);
            char l = at(lm, i);
            char u = at(um, i);
            boolean okdown = l != c || inclusive && i + 1 == lm.length();
            boolean okup = c != u && (inclusive || c + 1 < u || i + 1 < um.length());
            if (okdown && okup) {
                return roundDigits(d, i + 1, shouldRoundUp(dm, i + 1));
            } else if (okdown) {
                return roundDigits(d, i + 1, false);
            } else if (okup) {
                return roundDigits(d, i + 1, true);
            }
        }
        return d;
    }

    private static boolean shouldRoundUp(String digits, int n) {
        if (digits.charAt(n) == '5' && n + 1 == digits.length()) {
            return n > 0 && (digits.charAt(n - 1) - '0') % 2 != 0;
        }
        return digits.charAt(n) >= '5';
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '0';
    }

    /** Lower/upper may have a different decimal exponent than d; pad so indexes line up. */
    private static String align(Digits x, int point) {
        int diff = point - x.point;
        if (diff > 0) {
            return "0".repeat(diff) + x.digits;
        }
        if (diff < 0) {
            return x.digits; // cannot happen for neighbours of d except at a power of ten
        }
        return x.digits;
    }

    private static Digits roundDigits(Digits d, int n, boolean up) {
        String s = d.digits.substring(0, n);
        int point = d.point;
        if (up) {
            char[] cs = s.toCharArray();
            int i = n - 1;
            while (i >= 0 && cs[i] == '9') {
                cs[i] = '0';
                i--;
            }
            if (i < 0) {
                s = "1" + new String(cs);
                point++;
            } else {
                cs[i]++;
                s = new String(cs);
            }
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        return new Digits(s.substring(0, end), point);
    }

    /** Exact decimal expansion of m*2^e as digits (no leading/trailing zeros) and point. */
    private static Digits decimal(BigInteger m, long e) {
        // Drop the mantissa's trailing zero bits first (same value): a small integer held as
        // m = n << 500, e = -500 would otherwise cost a 5^500 product and hundreds of
        // divisions in stripTrailingZeros, which made number-to-string the hot spot of
        // template rendering (~250 us per interpolated number).
        if (m.signum() != 0 && e < 0) {
            int tz = (int) Math.min(m.getLowestSetBit(), -e);
            m = m.shiftRight(tz);
            e += tz;
        }
        // m * 2^-k == m * 5^k / 10^k, exact and cheap.
        BigDecimal v = e >= 0 ? new BigDecimal(m.shiftLeft((int) e))
                : new BigDecimal(m.multiply(BigInteger.valueOf(5).pow((int) -e)), (int) -e);
        if (v.signum() == 0) {
            return new Digits("", 0);
        }
        v = v.stripTrailingZeros();
        String digits = v.unscaledValue().toString();
        int point = digits.length() - v.scale();
        return new Digits(digits, point);
    }

    /** Go's {@code Text('f', -1)}: the shortest exact-enough plain decimal ("+Inf" for infinity). */
    @Override
    public String toString() {
        if (infinite) {
            return negative ? "-Inf" : "+Inf";
        }
        String sign = negative ? "-" : "";
        if (isZero()) {
            return sign + "0";
        }
        // An integer that fits in a long and in this precision is its own shortest form (every
        // neighbour within half an ulp is the same integer): no 512-bit digit search for count.index
        if (exp >= 0 && mag.bitLength() + exp <= Math.min(prec, 62)) {
            long v = mag.longValue() << exp;
            return Long.toString(negative ? -v : v);
        }
        return sign + plain(shortest());
    }

    static String plain(Digits d) {
        String ds = d.digits;
        int p = d.point;
        if (p <= 0) {
            return "0." + "0".repeat(-p) + ds;
        }
        if (p >= ds.length()) {
            return ds + "0".repeat(p - ds.length());
        }
        return ds.substring(0, p) + "." + ds.substring(p);
    }

    /** Go's {@code %v}/{@code %g} of a big.Float with shortest precision ("1e+06", "0.5"). */
    public String toGString(boolean upper) {
        if (infinite) {
            return negative ? "-Inf" : "+Inf";
        }
        String sign = negative ? "-" : "";
        if (isZero()) {
            return sign + "0";
        }
        Digits d = shortest();
        int x = d.point - 1;
        if (x < -4 || x >= 6) {
            return sign + eFormat(d.digits, x, upper);
        }
        return sign + plain(d);
    }

    static String eFormat(String digits, int x, boolean upper) {
        StringBuilder sb = new StringBuilder();
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append(upper ? 'E' : 'e').append(x < 0 ? '-' : '+');
        int ax = Math.abs(x);
        if (ax < 10) {
            sb.append('0');
        }
        sb.append(ax);
        return sb.toString();
    }

    /** Fixed-point with a given number of fraction digits, rounding half to even on the exact value (Go's %.Nf). */
    public String toFixed(int fractionDigits) {
        if (infinite) {
            return negative ? "-Inf" : "+Inf";
        }
        BigDecimal v = toBigDecimal().setScale(fractionDigits, RoundingMode.HALF_EVEN);
        String s = v.abs().toPlainString();
        return (negative ? "-" : "") + s;
    }

    /** Scientific with a given number of fraction digits (Go's %.Ne). */
    public String toExponent(int fractionDigits, boolean upper) {
        if (infinite) {
            return negative ? "-Inf" : "+Inf";
        }
        String sign = negative ? "-" : "";
        if (isZero()) {
            return sign + "0" + (fractionDigits > 0 ? "." + "0".repeat(fractionDigits) : "") + (upper ? "E+00" : "e+00");
        }
        BigDecimal v = toBigDecimal().abs().round(new java.math.MathContext(fractionDigits + 1, RoundingMode.HALF_EVEN));
        String digits = v.unscaledValue().toString();
        int x = digits.length() - v.scale() - 1;
        if (digits.length() < fractionDigits + 1) {
            digits = digits + "0".repeat(fractionDigits + 1 - digits.length());
        }
        digits = digits.substring(0, fractionDigits + 1);
        StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
        if (fractionDigits > 0) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append(upper ? 'E' : 'e').append(x < 0 ? '-' : '+');
        if (Math.abs(x) < 10) {
            sb.append('0');
        }
        return sb.append(Math.abs(x)).toString();
    }
}
