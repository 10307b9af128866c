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
}
