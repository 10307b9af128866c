package io.capstan.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.engine.state.StateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan whose configuration was loaded ahead on another thread ({@link Engine#preloadConfiguration}, as
 * {@code plan} does while it reads the state) is the plan of the same engine loading it itself: the same
 * diagnostics in the same order, the same changes.
 */
class ConfigPreloadTest {
    @TempDir
    Path dir;

    private record Outcome(List<String> diagnostics, List<String> changes) {
    }

    private Outcome plan(boolean preload) {
        try (Providers providers = new Providers(new ProviderResolver(dir, List.of()))) {
            Engine engine = new Engine(dir, providers);
            if (preload) {
                engine.preloadConfiguration();
            }
            Plan p = engine.plan(StateFile.empty(), PlanOptions.defaults());
            return new Outcome(p.diagnostics().asList().stream().map(Object::toString).toList(),
                    p.changes().stream().map(c -> c.address() + " " + c.action()).toList());
        }
    }

    private Outcome same() {
        Outcome loadedHere = plan(false);
        Outcome preloaded = plan(true);
        assertThat(preloaded).isEqualTo(loadedHere);
        return preloaded;
    }

    @Test
    void validConfiguration() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  count = 3
                  input = "v${count.index}"
                }
                resource "terraform_data" "b" {
                  input = terraform_data.a[1].output
                }
                output "o" {
                  value = terraform_data.b.input
                }
                """);
        Files.writeString(dir.resolve("other.tf"), """
                locals {
                  x = "y"
                }
                """);
        Outcome o = same();
        assertThat(o.diagnostics()).isEmpty();
        assertThat(o.changes()).containsExactly("terraform_data.a[0] CREATE", "terraform_data.a[1] CREATE",
                "terraform_data.a[2] CREATE", "terraform_data.b CREATE");
    }

    @Test
    void configurationErrorsAndWarnings() throws Exception {
        Files.writeString(dir.resolve("a.tf"), """
                resource "terraform_data" "a" {
                  input = terraform_data.missing.output
                }
                """);
        Files.writeString(dir.resolve("b.tf"), """
                resource "terraform_data" "b" {
                  input = "x"
                  nope  = 1
                }
                variable "v" {
                  type = string
                  default = 1
                """);
        Outcome o = same();
        assertThat(o.diagnostics()).isNotEmpty();
        assertThat(o.changes()).isEmpty();
    }

    @Test
    void noConfigurationFiles() {
        assertThat(same().changes()).isEmpty();
    }
}
