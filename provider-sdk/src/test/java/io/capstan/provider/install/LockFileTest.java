package io.capstan.provider.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.diag.Result;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LockFileTest {
    /** Written by terraform 1.11 (two providers, one without constraints, one with zh hashes). */
    private static final String TERRAFORM_WRITTEN = """
            # This file is maintained automatically by "terraform init".
            # Manual edits may be lost in future updates.

            provider "registry.terraform.io/hashicorp/aws" {
              version     = "5.100.0"
              constraints = ">= 5.0.0, ~> 5.100, < 6.0.0"
              hashes = [
                "h1:edXOJWE4ORX8Fm+dpVpICzMZJat4AX0VRCAy/xkcOc0=",
                "zh:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
              ]
            }

            provider "registry.terraform.io/hashicorp/fake" {
              version = "1.2.5"
              hashes = [
                "h1:2Z6htULVyd5lU7S4MhuqltKgtoeQVvWwD8erGBUzFi0=",
              ]
            }
            """;

    @Test
    void roundTripsTerraformsTextByteForByte() {
        Result<LockFile> r = LockFile.parse(TERRAFORM_WRITTEN.getBytes(StandardCharsets.UTF_8), ".terraform.lock.hcl");
        assertThat(r.diagnostics().isEmpty()).as(r.diagnostics().toString()).isTrue();
        LockedProvider aws = r.value().get(ProviderAddress.of("hashicorp/aws"));
        assertThat(aws.version()).isEqualTo(Version.parse("5.100.0"));
        assertThat(aws.constraints()).isEqualTo(">= 5.0.0, ~> 5.100, < 6.0.0");
        assertThat(aws.hashes()).hasSize(2);
        assertThat(r.value().render()).isEqualTo(TERRAFORM_WRITTEN);
    }

    @Test
    void sortsProvidersAndHashesWhenWriting() {
        LockFile f = LockFile.EMPTY
                .with(new LockedProvider(ProviderAddress.of("b/x"), Version.parse("1.0.0"), "", List.of("h1:b", "h1:a")))
                .with(new LockedProvider(ProviderAddress.of("a/x"), Version.parse("2.0.0"), "~> 2.0", List.of("h1:c")));
        assertThat(f.render()).isEqualTo("""
                # This file is maintained automatically by "terraform init".
                # Manual edits may be lost in future updates.

                provider "registry.terraform.io/a/x" {
                  version     = "2.0.0"
                  constraints = "~> 2.0"
                  hashes = [
                    "h1:c",
                  ]
                }

                provider "registry.terraform.io/b/x" {
                  version = "1.0.0"
                  hashes = [
                    "h1:a",
                    "h1:b",
                  ]
                }
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "provider \"hashicorp/aws\" {\n  version = \"1.0.0\"\n}\n",
        "provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"one\"\n}\n",
        "provider \"registry.terraform.io/hashicorp/aws\" {\n}\n",
        "provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"1.0.0\"\n  colour = \"red\"\n}\n",
        "provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"1.0.0\"\n}\n"
                + "provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"1.0.0\"\n}\n",
    })
    void reportsInvalidLockFiles(String text) {
        Result<LockFile> r = LockFile.parse(text.getBytes(StandardCharsets.UTF_8), ".terraform.lock.hcl");
        assertThat(r.hasErrors()).isTrue();
    }
}
