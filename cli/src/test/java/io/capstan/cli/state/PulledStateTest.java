package io.capstan.cli.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.engine.state.StateCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link PulledState}'s one-pass check: a snapshot in terraform's encoding is printed as stored (the very
 * bytes, nothing decoded), and every near miss of that layout is decoded and written again, into the same
 * text. StatePullDifferentialTest compares the results with terraform's.
 */
class PulledStateTest {
    /** A state as Capstan's codec (and terraform) writes it. */
    private static final byte[] CANONICAL = StateCodec.write(StateAccess.decode(("""
            {"version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": "l",
             "outputs": {"o": {"value": {"a": [1, "x\\u003cy"], "b": {}}, "type": ["object", {"a": ["tuple",
               ["number", "string"]], "b": ["object", {}]}]}},
             "resources": [{"mode": "managed", "type": "terraform_data", "name": "a",
               "provider": "provider[\\"terraform.io/builtin/terraform\\"]",
               "instances": [{"index_key": "k", "schema_version": 0,
                 "attributes": {"id": "a\\u0026b", "list": [], "n": 1.5, "t": true, "z": null},
                 "sensitive_attributes": [], "dependencies": ["terraform_data.b", "terraform_data.c"]}]}],
             "check_results": null}
            """).getBytes(StandardCharsets.UTF_8)));

    @Test
    void terraformsEncodingIsPrintedAsStored() {
        assertThat(PulledState.isTerraformEncoding(CANONICAL)).isTrue();
        assertThat(PulledState.encode(CANONICAL)).isSameAs(CANONICAL);
    }

    @Test
    void everyNearMissIsWrittenAgainIntoTerraformsEncoding() {
        String text = new String(CANONICAL, StandardCharsets.UTF_8);
        String[] misses = {
            text.strip(), // no final newline
            text + "\n", // a blank line after it
            text.replace("\n  \"serial\"", "\n   \"serial\""), // one space too many
            text.replace("\n    ", "\n\t  "), // a tab
            text.replace("\"serial\": 3", "\"serial\" : 3"), // a space before the colon
            text.replace("\"serial\": 3", "\"serial\":  3"), // two after it
            text.replace("\"lineage\": \"l\",", "\"lineage\": \"l\" ,"),
            text.replace("\"list\": []", "\"list\": [ ]"),
            text.replace("\"list\": []", "\"list\": [\n\n]"),
            text.replace("a\\u0026b", "a&b"), // Go escapes & in raw JSON too
            text.replace("x\\u003cy", "x<y"),
            text.replace("\"1.11.4\"", "\"1.5.7\""), // terraform writes its own version
            text.replace("\n", "\r\n"),
            text.replace("\n", "\n  ").stripTrailing() + "\n", // everything one level deeper
        };
        for (String miss : misses) {
            byte[] b = miss.getBytes(StandardCharsets.UTF_8);
            assertThat(PulledState.isTerraformEncoding(b)).as(miss).isFalse();
            assertThat(new String(PulledState.encode(b), StandardCharsets.UTF_8)).as(miss).isEqualTo(text);
        }
    }
}
