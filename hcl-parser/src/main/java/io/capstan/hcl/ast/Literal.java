package io.capstan.hcl.ast;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A constant known at parse time: a number (exact, from the source text), a bool, null or
 * a string (template literal parts, traversal keys, JSON keys).
 */
public sealed interface Literal {

    /** A number, exactly as written in the source. */
    record Num(BigDecimal value) implements Literal {
        public Num {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return value.toPlainString();
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements Literal {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** The {@code null} keyword. */
    record Null() implements Literal {
        @Override
        public String toString() {
            return "null";
        }
    }

    /** A string (already unescaped). */
    record Str(String value) implements Literal {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    static Literal of(String s) {
        return new Str(s);
    }

    static Literal of(long n) {
        return new Num(BigDecimal.valueOf(n));
    }
}
