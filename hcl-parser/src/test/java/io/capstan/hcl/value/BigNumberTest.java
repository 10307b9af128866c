package io.capstan.hcl.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Terraform's number behaviour (512-bit binary floats) as users see it in output. */
class BigNumberTest {
    private static final String THIRD = "0.33333333333333333333333333333333333333333333333333333333333333333333333333333333"
            + "333333333333333333333333333333333333333333333333333333333333333333333333335";

    private static BigNumber n(String s) {
        return BigNumber.parse(s);
    }

    private static BinaryOperator<BigNumber> op(String o) {
        return switch (o) {
            case "+" -> BigNumber::add;
            case "-" -> BigNumber::subtract;
            case "*" -> BigNumber::multiply;
            case "/" -> BigNumber::divide;
            default -> BigNumber::remainder;
        };
    }

    @ParameterizedTest(name = "{0} {1} {2} = {3}")
    @CsvSource({
        "0.1, +, 0.2, 0.3",
        "1, /, 3, " + THIRD,
        "7, /, 2, 3.5",
        "10, %, 3.3, 0.10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000048",
        "7, %, -3, 1",
        "-7, %, -3, -1",
        "1, %, 0, 1",
        "12345678901234567890, *, 98765432109876543210, 1219326311370217952237463801111263526900",
        "1e100, +, 1, 10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
        "1, /, 0, +Inf",
        "-1, /, 0, -Inf",
        "0.3, /, 0.1, 3",
        "1, -, 0.9, 0.10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003",
    })
    void arithmeticPrintsLikeTerraform(String a, String o, String b, String expected) {
        assertThat(op(o).apply(n(a), n(b)).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} prints {1}")
    @CsvSource({
        "1e3, 1000", "-0, -0", "0.000001, 0.000001", "1e21, 1000000000000000000000", "100.000, 100", "007, 7",
        "9007199254740993, 9007199254740993", "1e-10, 0.0000000001",
    })
    void literalsPrintExactly(String lit, String printed) {
        assertThat(n(lit).toString()).isEqualTo(printed);
    }

    @Test
    void zeroDividedByZeroIsAnError() {
        assertThatThrownBy(() -> n("0").divide(n("0")))
                .hasMessage("can't divide zero by zero or infinity by infinity");
    }

    @Test
    void comparisonIsNumericAndSignOfZeroIgnored() {
        assertThat(n("-0")).isEqualTo(n("0"));
        assertThat(n("1e3")).isEqualTo(n("1000"));
        assertThat(n("1").divide(n("3"))).isNotEqualTo(n("0.3333333333333333"));
        assertThat(n("-1").divide(n("0")).compareTo(n("-1e308"))).isNegative();
    }

    @ParameterizedTest(name = "%v of {0} is {1}")
    @CsvSource({"1000000, 1e+06", "123456.5, 123456.5", "1e100, 1e+100", "0.000015, 1.5e-05", "100000, 100000"})
    void goVerbVFormatting(String lit, String printed) {
        assertThat(n(lit).toGString(false)).isEqualTo(printed);
    }

    @Test
    void float64ResultsPrintWithFloat64Precision() {
        assertThat(BigNumber.of(Math.pow(2, 100)).toString()).isEqualTo("1267650600228229400000000000000");
        assertThat(BigNumber.of(Math.pow(2, 0.5)).toString()).isEqualTo("1.4142135623730951");
    }

    @ParameterizedTest(name = "{0} prints {1}")
    @CsvSource({
        "42, 42", "-42, -42", "1000, 1000", "4611686018427387903, 4611686018427387903",
        "4611686018427387904, 4611686018427387904", "-9223372036854775808, -9223372036854775808",
        "18446744073709551617, 18446744073709551617",
    })
    void integersPrintExactlyOnBothSidesOfTheLongRange(String lit, String printed) {
        assertThat(n(lit).toString()).isEqualTo(printed);
        assertThat(BigNumber.of(new java.math.BigInteger(lit)).toString()).isEqualTo(printed);
    }

    @Test
    void float64IntegersPrintTheirShortestDigits() {
        // within 53 bits an integer is exact; beyond, float64 precision leaves trailing zeros (as Go)
        assertThat(BigNumber.of(4503599627370497.0).toString()).isEqualTo("4503599627370497");
        assertThat(BigNumber.of(Math.pow(2, 60)).toString()).isEqualTo("1152921504606847000");
        assertThat(BigNumber.of(-Math.pow(2, 61) - 4096).toString()).isEqualTo("-2305843009213698000");
        assertThat(BigNumber.of(9007199254740993L).toString()).isEqualTo("9007199254740993");
    }

    @Test
    void rejectsNonDecimalText() {
        assertThat(BigNumber.parse("0x10")).isNull();
        assertThat(BigNumber.parse(" 1")).isNull();
        assertThat(BigNumber.parse("1_000")).isNull();
        assertThat(BigNumber.parse("Inf")).isEqualTo(BigNumber.POSITIVE_INFINITY);
    }
}
