package io.capstan.cli;

import static io.capstan.cli.TeamStateTest.ok;
import static io.capstan.cli.TeamStateTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data "terraform_remote_state"} with {@code backend = "s3"} (s3proxy, as the team-state
 * tests run it): terraform 1.11.4 applies a configuration into the bucket, in the default
 * workspace and in "dev"; a second configuration reads both through the data source, once with
 * terraform and once with Capstan. The data sources' recorded attributes (backend, config,
 * defaults, outputs, workspace) and {@code output -json} must be equal.
 */
class RemoteStateS3DifferentialTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String A = "resource \"terraform_data\" \"x\" {\n  input = terraform.workspace\n}\n"
      + "output \"plain\" {\n  value = terraform_data.x.output\n}\n"
      + "output \"obj\" {\n  value = { n = 1.5, l = [\"a\", \"b\"], m = { k = true } }\n}\n"
      + "output \"secret\" {\n  value     = \"s3cr3t\"\n  sensitive = true\n}\n";

  /** The s3 arguments as HCL attribute lines (endpoints as terraform 1.11's object). */
  private static String s3Arguments(Map<String, String> args, String indent) {
    StringBuilder b = new StringBuilder();
    args.forEach((k, v) -> {
      if (k.equals("endpoints.s3")) {
        b.append(indent).append("endpoints = { s3 = \"").append(v).append("\" }\n");
      } else if (!k.equals("use_lockfile")) {
        b.append(indent).append(k).append(" = ").append(v.equals("true") ? v : "\"" + v + "\"").append('\n');
      }
    });
    return b.toString();
  }

  private static String b(Map<String, String> args, String missingWorkspace) {
    String cfg = s3Arguments(args, "    ");
    return "data \"terraform_remote_state\" \"a\" {\n  backend = \"s3\"\n  config = {\n" + cfg + "  }\n"
        + "  defaults = {\n    extra = \"dflt\"\n  }\n}\n\n"
        + "data \"terraform_remote_state\" \"dev\" {\n  backend   = \"s3\"\n  workspace = \"dev\"\n  config = {\n"
        + cfg + "  }\n}\n\n"
        + "data \"terraform_remote_state\" \"missing\" {\n  backend   = \"s3\"\n  workspace = \"" + missingWorkspace
        + "\"\n  config = {\n" + cfg + "    use_lockfile = true\n  }\n  defaults = {\n    d = 1\n  }\n}\n\n"
        + "output \"missing\" {\n  value = data.terraform_remote_state.missing.outputs\n}\n"
        + "output \"plain\" {\n  value = data.terraform_remote_state.a.outputs.plain\n}\n"
        + "output \"obj\" {\n  value = data.terraform_remote_state.a.outputs.obj\n}\n"
        + "output \"extra\" {\n  value = data.terraform_remote_state.a.outputs.extra\n}\n"
        + "output \"dev\" {\n  value = data.terraform_remote_state.dev.outputs.plain\n}\n"
        + "output \"secret\" {\n  value     = data.terraform_remote_state.a.outputs.secret\n  sensitive = true\n}\n";
  }

  /** The data sources' attributes as recorded in a local state file, by data source name. */
  private static JsonNode dataAttributes(Path state) throws Exception {
    var out = JSON.createObjectNode();
    for (JsonNode r : JSON.readTree(state.toFile()).path("resources")) {
      if (r.path("mode").asText().equals("data")) {
        out.set(r.path("name").asText(), r.path("instances").path(0).path("attributes"));
      }
    }
    return out;
  }

  @Test
  void readsWhatTerraformStoredInS3AsTerraformDoes(@TempDir Path dir) throws Exception {
    String tf = TeamStateTest.terraformOrSkip("terraform_remote_state on s3");
    try (RealServers.Server server = RealServers.start("s3")) {
      Path a = Files.createDirectories(dir.resolve("a"));
      Files.writeString(a.resolve("main.tf"), "terraform {\n  backend \"s3\" {\n"
          + s3Arguments(server.arguments(), "    ") + "    use_lockfile = true\n  }\n}\n\n" + A);
      run(a, "init.log", 0, tf, "init", "-input=false", "-no-color");
      run(a, "apply.log", 0, tf, "apply", "-auto-approve", "-input=false", "-no-color");
      run(a, "ws.log", 0, tf, "workspace", "new", "-no-color", "dev");
      run(a, "apply-dev.log", 0, tf, "apply", "-auto-approve", "-input=false", "-no-color");

      Path tfB = Files.createDirectories(dir.resolve("tf"));
      Path csB = Files.createDirectories(dir.resolve("cs"));
      Files.writeString(tfB.resolve("main.tf"), b(server.arguments(), "missing-tf"));
      Files.writeString(csB.resolve("main.tf"), b(server.arguments(), "missing-cs"));
      run(tfB, "init.log", 0, tf, "init", "-input=false", "-no-color");
      run(tfB, "apply.log", 0, tf, "apply", "-auto-approve", "-input=false", "-no-color");
      run(tfB, "output.json", 0, tf, "output", "-json");
      ok(csB, "apply.log", "apply", "-auto-approve");
      ok(csB, "output.json", "output", "-json");

      JsonNode tfOut = JSON.readTree(tfB.resolve("output.json").toFile());
      JsonNode csOut = JSON.readTree(csB.resolve("output.json").toFile());
      assertThat(csOut).isEqualTo(tfOut);
      assertThat(tfOut.path("plain").path("value").asText()).isEqualTo("default");
      assertThat(tfOut.path("dev").path("value").asText()).isEqualTo("dev");
      JsonNode tfData = dataAttributes(tfB.resolve("terraform.tfstate"));
      JsonNode csData = dataAttributes(csB.resolve("terraform.tfstate"));
      assertThat(csData.path("a")).isEqualTo(tfData.path("a"));
      assertThat(csData.path("dev")).isEqualTo(tfData.path("dev"));
      assertThat(csData.path("missing").path("outputs")).isEqualTo(tfData.path("missing").path("outputs"));

      // a workspace that did not exist: terraform's s3 backend creates it (an empty state, serial 1)
      // and the data source has only its defaults; Capstan does the same
      assertThat(tfOut.path("missing").path("value").toString()).isEqualTo("{\"d\":1}");
      try (io.capstan.state.Backend s3 = io.capstan.state.Backends.open(
          new io.capstan.state.BackendConfig("s3", server.arguments(), Map.of()))) {
        for (String ws : java.util.List.of("missing-tf", "missing-cs")) {
          JsonNode created = JSON.readTree(s3.read(ws).orElseThrow(() -> new AssertionError(ws + " not created")));
          assertThat(created.path("serial").asLong()).as(ws).isEqualTo(1);
          assertThat(created.path("resources").size()).as(ws).isZero();
          assertThat(created.path("outputs").size()).as(ws).isZero();
        }
        assertThat(s3.workspaces()).contains("missing-tf", "missing-cs");
      }
    }
  }
}
