package io.capstan.hcl.value;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every successful case in the conformance corpus: the recorded type JSON and value
 * JSON decode into a Value and encode back to the same JSON, element order included (which
 * checks set ordering and number printing), and the type round-trips too.
 */
class ValueJsonConformanceTest {
    static Stream<ConformanceCases.Case> cases() {
        return ConformanceCases.all().stream().filter(c -> !c.isError());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void typeAndValueRoundTrip(ConformanceCases.Case c) throws Exception {
        JsonNode typeJson = c.expect().get("type");
        Type t = TypeJson.fromJson(typeJson);
        assertThat(TypeJson.toJson(t)).isEqualTo(typeJson);

        JsonNode valueJson = c.expect().get("value");
        Value v = ValueJson.decode(valueJson.toString(), t);
        assertThat(v.type()).isEqualTo(t);
        String encoded = ValueJson.encode(v);
        JsonNode back = ConformanceCases.MAPPER.readTree(encoded);
        assertThat(ConformanceCases.sameJson(back, valueJson))
                .as("encoded %s expected %s", encoded, valueJson).isTrue();
    }
}
