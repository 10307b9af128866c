package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginServerNegotiationTest {

    @ParameterizedTest(name = "host offers \"{0}\", plugin serves {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "5,6;  5 6;  6",
        "5;    5 6;  5",
        "6,5;  5;    5",
        "'';   5 6;  6",
        "4,x,6; 6;   6",
    })
    void picksTheHighestCommonVersion(String offered, String served, int expected) throws Exception {
        Set<Integer> ours = new java.util.HashSet<>();
        for (String s : served.split(" ")) {
            ours.add(Integer.parseInt(s));
        }
        assertThat(PluginServer.negotiate(offered, ours)).isEqualTo(expected);
    }

    @Test
    void noCommonVersionIsAnError() {
        assertThatThrownBy(() -> PluginServer.negotiate("4", Set.of(5, 6)))
                .hasMessageContaining("Incompatible API version with plugin");
    }

    @Test
    void withoutTheCookieTheServerExplainsItIsNotAProgramAndPrintsNoHandshake() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> PluginServer.start(Map.of(), new PrintStream(out), HandshakeConfig.TERRAFORM,
                Map.of(6, List.of()), false))
                .isInstanceOf(PluginServeException.class)
                .hasMessageStartingWith("This binary is a plugin.");
        assertThat(out.size()).isZero();
    }
}
