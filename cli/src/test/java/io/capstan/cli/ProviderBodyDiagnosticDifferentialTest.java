package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider's diagnostic with no attribute path (terraform's "whole containing body"
 * diagnostic) points where terraform 1.11.4 points it: at the block body's opening brace, with the
 * block as context ({@code on main.tf line 7, in resource "warn_thing" "f":}), and so in the
 * {@code -json} diagnostic's {@code range} and {@code snippet}. {@link WarnProvider}'s create
 * fails that way, and its validation warns that way. Skipped, with a printed reason, when
 * terraform is absent.
 */
class ProviderBodyDiagnosticDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void aDiagnosticWithNoAttributePathPointsAtTheBodysOpeningBrace() throws Exception {
        TwinDirs d = SavedPlanDifferentialTest.warnDirs(tmp, """
                terraform {
                  required_providers {
                    warn = { source = "capstan/warn" }
                  }
                }

                resource "warn_thing" "f" {
                  name = "f"
                  fail = true
                  note = "careful"
                }
                """);
        Differential.Run[] apply = d.both("apply", "-input=false", "-no-color", "-auto-approve");
        assertThat(apply[0].exit()).as(apply[0].out()).isEqualTo(1);
        assertThat(apply[0].out()).contains("Error: Thing refused", "on main.tf line 7, in resource \"warn_thing\" \"f\":",
                "Warning: Thing noted");
        assertThat(apply[1].exit()).as(apply[1].out()).isEqualTo(1);
        assertThat(apply[1].out()).isEqualTo(apply[0].out());
        assertThat(SavedPlanDifferentialTest.diagnostics(Differential.capStdout(d.c(), "apply", "-input=false", "-json",
                "-auto-approve").out()))
                .isEqualTo(SavedPlanDifferentialTest.diagnostics(Differential.tfStdout(d.t(), "apply", "-input=false",
                        "-json", "-auto-approve").out()))
                .anyMatch(m -> m.contains("\"summary\":\"Thing refused\"") && m.contains("\"range\""));
    }
}
