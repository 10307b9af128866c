package io.capstan.provider.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Constraint parsing, normalization and selection. The expected normalized strings and
 * selections were recorded from {@code terraform init} 1.11 against a mirror holding
 * 1.0.0, 1.2.0, 1.2.5, 2.0.0 and 2.1.0-beta1.
 */
class VersionConstraintsTest {
    private static final List<Version> MIRROR = Stream.of("1.0.0", "1.2.0", "1.2.5", "2.0.0", "2.1.0-beta1")
            .map(Version::parse).toList();

    static Stream<Arguments> recordedFromTerraform() {
        return Stream.of(
                Arguments.of("1.2", "1.2.0", "1.2.0"),
                Arguments.of("= 1.2.0", "1.2.0", "1.2.0"),
                Arguments.of("!= 1.2.5, >= 1.0", ">= 1.0.0, != 1.2.5", "2.0.0"),
                Arguments.of("~> 1.0", "~> 1.0", "1.2.5"),
                Arguments.of("~> 1.2.0", "~> 1.2.0", "1.2.5"),
                Arguments.of("> 1.0.0, >1.0.0, <= 2.0", "> 1.0.0, <= 2.0.0", "2.0.0"),
                Arguments.of("2.1.0-beta1", "2.1.0-beta1", "2.1.0-beta1"),
                Arguments.of(">= 2.0.0", ">= 2.0.0", "2.0.0"),
                Arguments.of("~>1", "~> 1.0", "1.2.5"),
                Arguments.of("1.2.0, 1.2", "1.2.0", "1.2.0"),
                Arguments.of(">= 1.0, != 2.0.0", ">= 1.0.0, != 2.0.0", "1.2.5"),
                Arguments.of("< 2.0.0, >= 1.0.0", ">= 1.0.0, < 2.0.0", "1.2.5"),
                Arguments.of("<= 1.2.5, != 1.2.5, >= 1.2.5, > 1.2.5, ~> 1.2.5, 1.2.5",
                        "> 1.2.5, >= 1.2.5, 1.2.5, ~> 1.2.5, <= 1.2.5, != 1.2.5", null),
                Arguments.of("<= 1.2.5, != 1.2.5, >= 1.2.5, > 1.2.5, ~> 1.2.5, 1.2.5, < 1.2.5",
                        "> 1.2.5, >= 1.2.5, 1.2.5, ~> 1.2.5, <= 1.2.5, < 1.2.5, != 1.2.5", null),
                Arguments.of("~> 1.2, ~> 1.2.0, ~> 1", "~> 1.0, ~> 1.2.0, ~> 1.2", "1.2.5"),
                Arguments.of("1.2.5, < 1.2.5, ~> 1.2, >= 1.2.5", "~> 1.2, >= 1.2.5, 1.2.5, < 1.2.5", null),
                Arguments.of("2.0.0-beta, 2.0.0, 2.0.0-alpha, 1.2.5+x", "1.2.5+x, 2.0.0-alpha, 2.0.0-beta, 2.0.0", null),
                Arguments.of(">= 2.0.0-a", ">= 2.0.0-a", "2.0.0"),
                Arguments.of("> 2.0.0", "> 2.0.0", null),
                Arguments.of("~> 2.1.0-beta1", "~> 2.1.0-beta1", null),
                Arguments.of("~> 3.0", "~> 3.0", null),
                Arguments.of("1.2.0-alpha", "1.2.0-alpha", null),
                Arguments.of(">= 1.0.0-beta1", ">= 1.0.0-beta1", "2.0.0"),
                Arguments.of("", "", "2.0.0"),
                Arguments.of(">= 5.0, < 6.0, ~> 5.100", ">= 5.0.0, ~> 5.100, < 6.0.0", null));
    }

    @ParameterizedTest(name = "\"{0}\" normalizes to \"{1}\" and selects {2}")
    @MethodSource("recordedFromTerraform")
    void normalizesAndSelectsLikeTerraform(String written, String normalized, String selected) {
        VersionConstraints.Parsed p = VersionConstraints.parse(written);
        assertThat(p.error()).isNull();
        assertThat(p.constraints().toString()).isEqualTo(normalized);
        Version v = p.constraints().newestAllowed(MIRROR);
        assertThat(v == null ? null : v.toString()).isEqualTo(selected);
    }

    @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
    @CsvSource(delimiter = '|', value = {
        "v1.2.0|a \"v\" prefix should not be used",
        ">= 1.x|expected an operator and a version",
        "1.2.3.4|expected an operator and a version",
        ">= 1.0,|has an empty term",
        "=> 1.0|expected an operator and a version",
    })
    void rejectsMalformedConstraints(String written, String message) {
        VersionConstraints.Parsed p = VersionConstraints.parse(written);
        assertThat(p.ok()).isFalse();
        assertThat(p.error()).contains(message);
    }

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource({
        "'~> 1.2.0', 1.2.9, true",
        "'~> 1.2.0', 1.3.0, false",
        "'~> 1.2', 1.9.0, true",
        "'~> 1.2', 2.0.0, false",
        "'~> 1.2', 1.1.9, false",
        "'>= 1.0, < 2.0', 2.0.0, false",
        "'!= 1.0.0', 1.0.0, false",
        "'!= 1.0.0', 1.0.1, true",
        "'1.0.0', 1.0.0+build, true",
        "'>= 1.0.0', 1.1.0-rc1, false",
        "'1.1.0-rc1', 1.1.0-rc1, true",
        "'1.1.0-rc.2', 1.1.0-rc.10, false",
    })
    void allows(String constraints, String version, boolean expected) {
        assertThat(VersionConstraints.parse(constraints).constraints().allows(Version.parse(version))).isEqualTo(expected);
    }

    @Test
    void prereleaseOrderingFollowsSemver() {
        List<String> sorted = Stream.of("1.0.0", "1.0.0-rc.10", "1.0.0-rc.2", "1.0.0-alpha", "1.0.0-alpha.1", "0.9.9")
                .map(Version::parse).sorted().map(Version::toString).toList();
        assertThat(sorted).containsExactly("0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-rc.2", "1.0.0-rc.10", "1.0.0");
    }

    @Test
    void mergedModuleConstraintsNormalizeTogether() {
        VersionConstraints root = VersionConstraints.parse(">= 5.0, < 6.0").constraints();
        VersionConstraints child = VersionConstraints.parse("~> 5.100").constraints();
        assertThat(root.and(child).toString()).isEqualTo(">= 5.0.0, ~> 5.100, < 6.0.0");
        assertThat(root.and(root).toString()).isEqualTo(">= 5.0.0, < 6.0.0");
    }
}
