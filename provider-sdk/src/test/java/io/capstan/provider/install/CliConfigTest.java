package io.capstan.provider.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.diag.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliConfigTest {

    private static Result<CliConfig> parse(String text) {
        return CliConfig.parse(text.getBytes(StandardCharsets.UTF_8), "test.tfrc");
    }

    @Test
    void readsMirrorsDirectAndCacheDir() {
        Result<CliConfig> r = parse("""
                plugin_cache_dir = "/var/cache/tf"
                disable_checkpoint = true
                provider_installation {
                  filesystem_mirror {
                    path    = "/opt/mirror"
                    include = ["registry.terraform.io/hashicorp/*"]
                  }
                  network_mirror {
                    url = "https://mirror.example.com/"
                  }
                  direct {
                    exclude = ["registry.terraform.io/hashicorp/*"]
                  }
                }
                """);
        assertThat(r.diagnostics().isEmpty()).as(r.diagnostics().toString()).isTrue();
        CliConfig c = r.value();
        assertThat(c.pluginCacheDir()).isEqualTo(Path.of("/var/cache/tf"));
        assertThat(c.installation()).hasSize(3);
        InstallMethod.FilesystemMirror fm = (InstallMethod.FilesystemMirror) c.installation().get(0);
        assertThat(fm.dir()).isEqualTo(Path.of("/opt/mirror"));
        assertThat(fm.accepts(ProviderAddress.of("hashicorp/aws"))).isTrue();
        assertThat(fm.accepts(ProviderAddress.of("acme/aws"))).isFalse();
        assertThat(c.installation().get(1)).isInstanceOf(InstallMethod.NetworkMirror.class);
        assertThat(c.installation().get(2).accepts(ProviderAddress.of("hashicorp/aws"))).isFalse();
        assertThat(c.installation().get(2).accepts(ProviderAddress.of("acme/aws"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "filesystem_mirror { include = [\"*/*\"] }|must have an argument named \"path\"",
        "ftp_mirror { }|Unknown provider installation method",
        "direct { include = [\"*/aws\"] }|not a valid provider source pattern",
        "direct { colour = 1 }|does not accept an argument named \"colour\"",
    })
    void reportsMistakes(String method, String message) {
        Result<CliConfig> r = parse("provider_installation {\n  " + method + "\n}\n");
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.diagnostics().toString()).contains(message);
    }

    @Test
    void noBlockMeansImpliedMirrorsThenDirectForTheRest(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        new FakeMirror(home.resolve(".terraform.d/plugins"), "linux_amd64").unpacked("hashicorp/fake", "1.0.0");
        Map<String, String> env = Map.of("XDG_DATA_DIRS", tmp.resolve("none").toString());
        CliConfig c = CliConfig.load(env, home).value();
        assertThat(c.installation()).isNull();
        InstallSources s = InstallSources.resolve(c, tmp.resolve("work"), env, home);
        assertThat(s.methods()).hasSize(2);
        assertThat(s.available(ProviderAddress.of("hashicorp/fake"), "linux_amd64")).containsOnlyKeys(Version.parse("1.0.0"));
        assertThat(s.searched(ProviderAddress.of("hashicorp/fake")))
                .containsExactly(home.resolve(".terraform.d/plugins").toString());
        assertThat(s.searched(ProviderAddress.of("hashicorp/other"))).hasSize(2).last().asString().contains("network");
        assertThat(InstallSources.impliedDirs(tmp, Map.of(), home)).contains(home.resolve(".local/share/terraform/plugins"),
                Path.of("/usr/share/terraform/plugins"), tmp.resolve("terraform.d/plugins"));
    }

    @Test
    void loadsTheFileNamedByTheEnvironmentAndTheCacheVariableWins(@TempDir Path tmp) throws Exception {
        Path rc = tmp.resolve("cli.tfrc");
        Files.writeString(rc, "plugin_cache_dir = \"/a\"\nprovider_installation {\n  direct {}\n}\n");
        CliConfig c = CliConfig.load(Map.of("TF_CLI_CONFIG_FILE", rc.toString()), tmp).value();
        assertThat(c.pluginCacheDir()).isEqualTo(Path.of("/a"));
        assertThat(c.installation()).hasSize(1);
        CliConfig d = CliConfig.load(Map.of("TF_CLI_CONFIG_FILE", rc.toString(), "TF_PLUGIN_CACHE_DIR", "/b"), tmp).value();
        assertThat(d.pluginCacheDir()).isEqualTo(Path.of("/b"));
        assertThat(List.copyOf(d.installation())).hasSize(1);
    }

    @Test
    void readsDevOverridesWrittenAsHcl1WithQuotedKeysAndExpandsTheEnvironment() {
        Result<CliConfig> r = CliConfig.parse("""
                # comment
                provider_installation {
                  dev_overrides {
                    "capstan/time" = "/opt/dev/time/"   # trailing comment
                    "example.com/acme/thing" = "${ROOT}/a/../thing", hashicorp/null = "$ROOT/null"
                    // another comment
                    "x" = "relative/dir"
                  }
                  filesystem_mirror {
                    path = "/opt/mirror"
                  }
                }
                plugin_cache_dir = "/cache"
                """.getBytes(StandardCharsets.UTF_8), "cli.tfrc", Map.of("ROOT", "/src"));
        assertThat(r.diagnostics().isEmpty()).as(r.diagnostics().toString()).isTrue();
        CliConfig c = r.value();
        assertThat(c.devOverrides()).containsExactly(
                Map.entry(ProviderAddress.of("capstan/time"), Path.of("/opt/dev/time")),
                Map.entry(ProviderAddress.of("example.com/acme/thing"), Path.of("/src/thing")),
                Map.entry(ProviderAddress.of("hashicorp/null"), Path.of("/src/null")),
                Map.entry(ProviderAddress.of("hashicorp/x"), Path.of("relative/dir")));
        assertThat(c.installation()).hasSize(1).first().isInstanceOf(InstallMethod.FilesystemMirror.class);
        assertThat(c.pluginCacheDir()).isEqualTo(Path.of("/cache"));
    }

    @Test
    void devOverridesMistakesAreReportedAsTerraformReportsThem() {
        Result<CliConfig> late = parse("""
                provider_installation {
                  direct {}
                  dev_overrides {
                    "capstan/time" = "/x"
                  }
                }
                """);
        assertThat(late.diagnostics().toString()).contains("Invalid provider_installation method block",
                "The dev_overrides block at 3:3 must appear before all other installation methods, because development "
                        + "overrides always have the highest priority.");
        assertThat(late.value().devOverrides()).isEmpty();

        Result<CliConfig> bad = CliConfig.parse("""
                provider_installation {
                  dev_overrides {
                    "capstan/Time!" = "/x"
                    "capstan/foo" = "${NOPE_X}/a/../b/"
                    "capstan/bar" = "$NOPE_X/c"
                  }
                }
                """.getBytes(StandardCharsets.UTF_8), "cli.tfrc", Map.of());
        assertThat(bad.diagnostics().toString()).contains("Invalid provider installation dev overrides",
                "The entry \"capstan/Time!\" in 1:1 is not a valid provider source string.");
        assertThat(bad.diagnostics().toString()).containsOnlyOnce("Interpolated environment variable not set")
                .contains("The environment variable NOPE_X is not set or empty and can result in undesired behavior");
        assertThat(bad.value().devOverrides()).containsExactly(Map.entry(ProviderAddress.of("capstan/foo"), Path.of("/b")),
                Map.entry(ProviderAddress.of("capstan/bar"), Path.of("/c")));

        Result<CliConfig> unquoted = parse("provider_installation {\n  dev_overrides {\n    \"a/b\" = /x\n  }\n}\n");
        assertThat(unquoted.diagnostics().toString()).contains("must be a quoted directory path");
    }

    @Test
    void expandsAsGoDoes() {
        java.util.Set<String> unset = new java.util.HashSet<>();
        io.capstan.hcl.diag.Diagnostics d = new io.capstan.hcl.diag.Diagnostics();
        Map<String, String> env = Map.of("A", "1", "A_B", "2", "EMPTY", "");
        assertThat(CliConfig.expand("$A/${A_B}/$A_B/x$EMPTY/$/${}/${A", env, unset, d)).isEqualTo("1/2/2/x/$//A");
        assertThat(d.isEmpty()).isTrue();
    }
}
