package io.capstan.hcl.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
    @ParameterizedTest
    @ValueSource(strings = {"foo", "_", "_x1", "a-b", "foo_bar-2", "é", "naïve", "a\u0301", "日本", "Ab9"})
    void valid(String s) {
        assertThat(Identifiers.valid(s)).as(s).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1a", "-a", "a b", "a.b", "a\"", "\u0301a", "a\u00a0", "a$", "a\u200b"})
    void invalid(String s) {
        assertThat(Identifiers.valid(s)).as(s).isFalse();
    }
}
