package io.capstan.cli;

import static io.capstan.cli.Differential.cap;
import static io.capstan.cli.Differential.capOk;
import static io.capstan.cli.Differential.capStdout;
import static io.capstan.cli.Differential.terraform;
import static io.capstan.cli.Differential.tf;
import static io.capstan.cli.Differential.tfOk;
import static io.capstan.cli.Differential.tfStdout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} with the providers, as terraform 1.11.4's: without {@code init} it reports each
 * missing provider and nothing else (a locked one whose package is gone: terraform's one error); once they are installed it asks them for their schemas
 * ("Unsupported argument", "Invalid data source") and for their validation of each block, with
 * locals known and variables, module outputs and {@code count.index} unknown ("with
 * module.m.time_sleep.inner," once for a module with {@code count}). A destroy of a configuration
 * whose provider rejects a block is refused, with or without refresh, and nothing is destroyed.
 * {@code state list}'s "Unknown resource" error is byte-identical in colour too.
 * Outputs are compared byte for byte (human) and as sets of diagnostics ({@code -json}, whose
 * order is terraform's walk order, which varies). Skipped, with a printed reason, without terraform.
 */
class ValidateProvidersDifferentialTest {
    private static final String HEAD = "terraform {\n  required_providers {\n"
            + "    time = { source = \"capstan/time\" }\n  }\n}\n\n";
    private static final String CONFIG = HEAD + """
            variable "v" {
              default = "x"
            }

            locals {
              d = "bogus"
              e = "${var.v}s"
            }

            resource "time_sleep" "bad" {
              count           = 2
              create_duration = local.d
              foo             = 1
            }

            resource "time_sleep" "known" {
              create_duration = local.d
            }

            resource "time_sleep" "unknown" {
              create_duration  = local.e
              destroy_duration = "${count.index}s"
              count            = 1
            }

            data "time_nope" "x" {
            }

            module "m" {
              source = "./m"
              count  = 2
            }

            resource "time_sleep" "from_module" {
              create_duration = module.m[0].o
            }
            """;
    private static final String MODULE = HEAD + """
            resource "time_sleep" "inner" {
              destroy_duration = "nah"
            }

            output "o" {
              value = "bogus2"
            }
            """;

    @TempDir
    Path tmp;

    private Path[] dirs(String config) throws IOException {
        Path t = Files.createDirectories(tmp.resolve("terraform"));
        Path c = Files.createDirectories(tmp.resolve("capstan"));
        for (Path d : new Path[] {t, c}) {
            Files.writeString(d.resolve("main.tf"), config);
            Files.createDirectories(d.resolve("m"));
            Files.writeString(d.resolve("m/main.tf"), MODULE);
        }
        return new Path[] {t, c};
    }

    private String[] init() throws IOException {
        return Differential.init(Differential.mirrors(tmp, "time"));
    }

    @Test
    void withoutInitEachMissingProviderIsReportedAsTerraformDoes() throws Exception {
        terraform();
        Path[] d = dirs(HEAD + "resource \"time_sleep\" \"s\" {\n  create_duration = \"bogus\"\n}\n\n"
                + "resource \"random_id\" \"r\" {\n  byte_length = 2\n}\n");
        Differential.Run t = tf(d[0], "validate", "-no-color");
        Differential.Run c = cap(d[1], "validate", "-no-color");
        assertThat(t.exit()).as(t.out()).isEqualTo(1);
        assertThat(t.out()).contains("Error: Missing required provider", "registry.terraform.io/capstan/time",
                "registry.terraform.io/hashicorp/random");
        assertThat(c.exit()).isEqualTo(1);
        // terraform reports the two in its map's order
        assertThat(ProviderValidationDifferentialTest.blocks(c.out()))
                .isEqualTo(ProviderValidationDifferentialTest.blocks(t.out()));
        assertThat(c.out()).hasSameSizeAs(t.out());
        assertThat(diagnostics(capStdout(d[1], "validate", "-json").out()))
                .isEqualTo(diagnostics(tfStdout(d[0], "validate", "-json").out()));
    }

    /** A provider the lock file selects whose package is gone from the data directory: terraform's one error. */
    @Test
    void aLockedProviderWithoutItsPackageIsReportedAsTerraformDoes() throws Exception {
        terraform();
        Path[] d = dirs(HEAD + "resource \"time_sleep\" \"s\" {\n  create_duration = \"1s\"\n}\n");
        String[] init = init();
        tfOk(d[0], init);
        capOk(d[1], init);
        for (Path dir : d) {
            Files.move(dir.resolve(".terraform"), dir.resolve("moved-away"));
        }
        Differential.Run t = tf(d[0], "validate", "-no-color");
        Differential.Run c = cap(d[1], "validate", "-no-color");
        assertThat(t.exit()).as(t.out()).isEqualTo(1);
        assertThat(t.out()).contains("there is no package for registry.terraform.io/capstan/time 0.1.0 cached in "
                + ".terraform/providers");
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.out()).isEqualTo(t.out());
        assertThat(capStdout(d[1], "validate", "-json").out()).isEqualTo(tfStdout(d[0], "validate", "-json").out());
    }

    @Test
    void installedProvidersCheckEachBlockAsTerraformsValidateDoes() throws Exception {
        terraform();
        Path[] d = dirs(CONFIG);
        String[] init = init();
        tfOk(d[0], init);
        capOk(d[1], init);
        Differential.Run t = tf(d[0], "validate", "-no-color");
        Differential.Run c = cap(d[1], "validate", "-no-color");
        assertThat(t.exit()).as(t.out()).isEqualTo(1);
        assertThat(t.out()).contains("Error: Unsupported argument", "Error: Invalid data source",
                "with time_sleep.known,", "with module.m.time_sleep.inner,").doesNotContain("with time_sleep.unknown",
                "with time_sleep.from_module");
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.out()).isEqualTo(t.out());
        assertThat(diagnostics(capStdout(d[1], "validate", "-json").out()))
                .isEqualTo(diagnostics(tfStdout(d[0], "validate", "-json").out()));
    }

    @Test
    void aValidConfigurationIsValidWithItsProviders() throws Exception {
        terraform();
        Path[] d = dirs(HEAD + "locals {\n  d = \"1s\"\n}\n\nresource \"time_sleep\" \"ok\" {\n"
                + "  create_duration = local.d\n}\n");
        String[] init = init();
        tfOk(d[0], init);
        capOk(d[1], init);
        assertThat(capOk(d[1], "validate", "-no-color")).isEqualTo(tfOk(d[0], "validate", "-no-color"))
                .isEqualTo("Success! The configuration is valid.\n\n");
    }

    @Test
    void aDestroyOfABlockTheProviderRejectsIsRefused() throws Exception {
        terraform();
        Path[] d = dirs(HEAD + "resource \"time_sleep\" \"s\" {\n  create_duration = \"1ms\"\n}\n");
        String[] init = init();
        tfOk(d[0], init);
        capOk(d[1], init);
        tfOk(d[0], "apply", "-auto-approve", "-input=false", "-no-color");
        capOk(d[1], "apply", "-auto-approve", "-input=false", "-no-color");
        for (Path dir : d) {
            Files.writeString(dir.resolve("main.tf"), Files.readString(dir.resolve("main.tf")).replace("1ms", "bogus"));
        }
        for (String refresh : new String[] {"-refresh=true", "-refresh=false"}) {
            Differential.Run t = tf(d[0], "destroy", "-auto-approve", "-input=false", "-no-color", refresh);
            Differential.Run c = cap(d[1], "destroy", "-auto-approve", "-input=false", "-no-color", refresh);
            assertThat(t.exit()).as(t.out()).isEqualTo(1);
            assertThat(t.out()).contains("with time_sleep.s,");
            assertThat(c.exit()).as(c.out()).isEqualTo(1);
            assertThat(c.out()).as(refresh).isEqualTo(t.out());
            assertThat(tfOk(d[0], "state", "list")).isEqualTo("time_sleep.s\n");
            assertThat(capOk(d[1], "state", "list")).as("nothing destroyed").isEqualTo("time_sleep.s\n");
        }
    }

    @Test
    void stateListsUnknownResourceErrorIsTerraformsInColourToo() throws Exception {
        terraform();
        Path[] d = dirs("resource \"terraform_data\" \"a\" {}\n");
        tfOk(d[0], "apply", "-auto-approve", "-input=false", "-no-color");
        capOk(d[1], "apply", "-auto-approve", "-input=false", "-no-color");
        for (String[] args : new String[][] {{"state", "list", "terraform_data.nope"},
                {"state", "list", "-no-color", "terraform_data.nope"}}) {
            Differential.Run t = tf(d[0], args);
            Differential.Run c = cap(d[1], args);
            assertThat(t.exit()).isEqualTo(1);
            assertThat(t.out()).contains("Unknown resource");
            assertThat(c.exit()).isEqualTo(1);
            assertThat(c.out()).as(String.join(" ", args)).isEqualTo(t.out());
        }
    }

    /** A {@code validate -json} document's fields, its diagnostics as a sorted list (their order is the walk's). */
    private static List<String> diagnostics(String json) throws IOException {
        JsonNode n = new ObjectMapper().readTree(json);
        List<String> out = new ArrayList<>();
        out.add("valid=" + n.path("valid") + " errors=" + n.path("error_count") + " warnings=" + n.path("warning_count"));
        List<String> diags = new ArrayList<>();
        n.path("diagnostics").forEach(x -> diags.add(x.toString()));
        diags.sort(null);
        out.addAll(diags);
        return out;
    }
}
