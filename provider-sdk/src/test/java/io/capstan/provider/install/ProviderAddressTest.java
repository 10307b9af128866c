package io.capstan.provider.install;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderAddressTest {

    @ParameterizedTest(name = "{0} -> {1} (shown as {2})")
    @CsvSource({
        "aws, registry.terraform.io/hashicorp/aws, hashicorp/aws",
        "hashicorp/aws, registry.terraform.io/hashicorp/aws, hashicorp/aws",
        "HashiCorp/AWS, registry.terraform.io/hashicorp/aws, hashicorp/aws",
        "capstan/random, registry.terraform.io/capstan/random, capstan/random",
        "example.com/acme/thing, example.com/acme/thing, example.com/acme/thing",
        "localhost:8080/acme/thing, localhost:8080/acme/thing, localhost:8080/acme/thing",
        "terraform, terraform.io/builtin/terraform, terraform.io/builtin/terraform",
        "terraform.io/builtin/terraform, terraform.io/builtin/terraform, terraform.io/builtin/terraform",
    })
    void parsesWithTerraformsDefaults(String source, String full, String display) {
        ProviderAddress a = ProviderAddress.parse(source).address();
        assertThat(a).isNotNull();
        assertThat(a.toString()).isEqualTo(full);
        assertThat(a.forDisplay()).isEqualTo(display);
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @CsvSource({"a/b/c/d", "hashicorp/", "/aws", "hashi corp/aws", "-bad/aws", "hashicorp/aws-"})
    void rejectsMalformed(String source) {
        ProviderAddress.Parsed p = ProviderAddress.parse(source);
        assertThat(p.address()).isNull();
        assertThat(p.error()).isNotBlank();
    }

    @ParameterizedTest(name = "pattern {0} matches {1}: {2}")
    @CsvSource({
        "registry.terraform.io/hashicorp/*, hashicorp/aws, true",
        "registry.terraform.io/hashicorp/*, acme/aws, false",
        "hashicorp/aws, aws, true",
        "*/*, acme/thing, true",
        "*/*, example.com/acme/thing, false",
        "example.com/*/*, example.com/acme/thing, true",
    })
    void patternsMatch(String pattern, String source, boolean expected) {
        assertThat(ProviderPattern.parse(pattern).matches(ProviderAddress.of(source))).isEqualTo(expected);
    }
}
