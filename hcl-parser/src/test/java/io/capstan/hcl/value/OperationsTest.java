package io.capstan.hcl.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operators: results, Terraform's errors, and propagation of unknowns and marks. */
class OperationsTest {
    private static final Value SECRET = Value.of(3).mark(Mark.SENSITIVE);
    private static final Value UNKNOWN_NUM = Value.unknown(Type.NUMBER);

    @Test
    void arithmeticConvertsStringsToNumbers() {
        assertThat(Operations.add(Value.of("1"), Value.of(2))).isEqualTo(Value.of(3));
        assertThat(Operations.multiply(Value.of("1.5"), Value.of("2"))).isEqualTo(Value.of(3));
        assertThat(Operations.negate(Value.of("5"))).isEqualTo(Value.of(-5));
    }

    @Test
    void arithmeticErrorsMatchTerraform() {
        assertThatThrownBy(() -> Operations.add(Value.of("a"), Value.of(1)))
                .isInstanceOfSatisfying(OperationException.class, e -> {
                    assertThat(e.summary()).isEqualTo("Invalid operand");
                    assertThat(e.detail()).isEqualTo("Unsuitable value for left operand: a number is required.");
                });
        assertThatThrownBy(() -> Operations.add(Value.DYNAMIC_NULL, Value.of(1)))
                .isInstanceOfSatisfying(OperationException.class, e -> {
                    assertThat(e.summary()).isEqualTo("Operation failed");
                    assertThat(e.detail()).isEqualTo("Error during operation: argument must not be null.");
                });
        assertThatThrownBy(() -> Operations.divide(Value.of(0), Value.of(0)))
                .isInstanceOfSatisfying(OperationException.class, e -> assertThat(e.summary()).isEqualTo("Operation failed"));
        assertThatThrownBy(() -> Operations.lessThan(Value.of("a"), Value.of("b")))
                .isInstanceOfSatisfying(OperationException.class, e -> assertThat(e.summary()).isEqualTo("Invalid operand"));
    }

    @Test
    void equalityAcrossTypesIsFalseNotAnError() {
        assertThat(Operations.equal(Value.of(1), Value.of("1"))).isEqualTo(Value.FALSE);
        assertThat(Operations.equal(Value.of(1), Value.DYNAMIC_NULL)).isEqualTo(Value.FALSE);
        assertThat(Operations.equal(Value.DYNAMIC_NULL, Value.nullOf(Type.STRING))).isEqualTo(Value.TRUE);
        Value a = Value.object(Map.of("a", Value.of(1)));
        Value m = Value.map(Type.NUMBER, Map.of("a", Value.of(1)));
        assertThat(Operations.equal(a, m)).isEqualTo(Value.FALSE);
        assertThat(Operations.equal(Value.set(Type.NUMBER, List.of(Value.of(1), Value.of(2))),
                Value.set(Type.NUMBER, List.of(Value.of(2), Value.of(1))))).isEqualTo(Value.TRUE);
        assertThat(Operations.notEqual(Value.DYNAMIC_NULL, Value.DYNAMIC_NULL)).isEqualTo(Value.FALSE);
    }

    @Test
    void unknownsPropagate() {
        assertThat(Operations.add(UNKNOWN_NUM, Value.of(1))).isEqualTo(Value.unknown(Type.NUMBER));
        assertThat(Operations.lessThan(UNKNOWN_NUM, Value.of(1))).isEqualTo(Value.unknown(Type.BOOL));
        assertThat(Operations.equal(Value.DYNAMIC_UNKNOWN, Value.of(1))).isEqualTo(Value.unknown(Type.BOOL));
        assertThat(Operations.equal(Value.tuple(List.of(UNKNOWN_NUM)), Value.tuple(List.of(Value.of(1), Value.of(2)))))
                .as("a length difference settles it").isEqualTo(Value.FALSE);
        assertThat(Operations.and(Value.FALSE, Value.unknown(Type.BOOL))).isEqualTo(Value.FALSE);
        assertThat(Operations.or(Value.TRUE, Value.unknown(Type.BOOL))).isEqualTo(Value.TRUE);
        assertThat(Operations.and(Value.TRUE, Value.unknown(Type.BOOL))).isEqualTo(Value.unknown(Type.BOOL));
    }

    @Test
    void marksPropagateThroughEveryOperator() {
        assertThat(Operations.add(SECRET, Value.of(1)).isSensitive()).isTrue();
        assertThat(Operations.negate(SECRET).isSensitive()).isTrue();
        assertThat(Operations.greaterThan(Value.of(1), SECRET).isSensitive()).isTrue();
        assertThat(Operations.equal(Value.tuple(List.of(SECRET)), Value.EMPTY_TUPLE).isSensitive())
                .as("nested marks reach the result").isTrue();
        assertThat(Operations.not(Value.TRUE.mark(Mark.SENSITIVE))).isEqualTo(Value.FALSE.mark(Mark.SENSITIVE));
        assertThat(Operations.add(UNKNOWN_NUM, SECRET).isSensitive()).isTrue();
    }

    @Test
    void logicalOperatorsConvertStrings() {
        assertThat(Operations.and(Value.of("true"), Value.TRUE)).isEqualTo(Value.TRUE);
        assertThatThrownBy(() -> Operations.not(Value.of("yes"))).isInstanceOf(OperationException.class);
        assertThatThrownBy(() -> Operations.and(Value.TRUE, Value.DYNAMIC_NULL))
                .isInstanceOfSatisfying(OperationException.class, e -> assertThat(e.summary()).isEqualTo("Operation failed"));
    }
}
