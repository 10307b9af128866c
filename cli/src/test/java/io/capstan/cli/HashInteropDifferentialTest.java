package io.capstan.cli;

import static io.capstan.cli.TeamStateTest.capstan;
import static io.capstan.cli.TeamStateTest.ok;
import static io.capstan.cli.TeamStateTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One working directory, two tools: {@code init} by terraform 1.11.4 or by Capstan writes the
 * same {@code .terraform/terraform.tfstate} (terraform's backend hash and config), so the other
 * tool plans, applies and lists state there without asking for {@code init}, and both notice a
 * changed backend block. Local (no server), pg with the connection string left to
 * {@code -backend-config} (a partial configuration) and s3 on s3proxy (nested {@code endpoints}).
 */
class HashInteropDifferentialTest {
  private static final String RESOURCE = "\nresource \"terraform_data\" \"a\" {\n  input = \"one\"\n}\n";

  private static String terraform() {
    return TeamStateTest.terraformOrSkip("backend hash interop");
  }

  private static String cache(Path dir) throws Exception {
    return Files.readString(dir.resolve(".terraform/terraform.tfstate"));
  }

  /** Two directories with {@code main}, one initialised by each tool with the same arguments. */
  private static void initBoth(String tf, Path tfDir, Path csDir, String main, List<String> backendConfig)
      throws Exception {
    for (Path d : List.of(tfDir, csDir)) {
      Files.createDirectories(d);
      Files.writeString(d.resolve("main.tf"), main);
    }
    List<String> tfCmd = new ArrayList<>(List.of(tf, "init", "-input=false", "-no-color"));
    tfCmd.addAll(backendConfig);
    run(tfDir, "tf-init.log", 0, tfCmd.toArray(String[]::new));
    List<String> csCmd = new ArrayList<>(List.of("init", "-input=false"));
    csCmd.addAll(backendConfig);
    ok(csDir, "init.log", csCmd.toArray(String[]::new));
    assertThat(cache(csDir)).as("capstan's backend cache is terraform's").isEqualTo(cache(tfDir));
  }

  @Test
  void localBackendInitialisedByEitherToolServesTheOther(@TempDir Path dir) throws Exception {
    String tf = terraform();
    String main = "terraform {\n  backend \"local\" {\n    path = \"x.tfstate\"\n  }\n}\n" + RESOURCE;
    Path tfDir = dir.resolve("tf");
    Path csDir = dir.resolve("cs");
    initBoth(tf, tfDir, csDir, main, List.of());

    // terraform initialised: capstan applies and init keeps the cache as it is; terraform lists what capstan wrote
    String before = cache(tfDir);
    assertThat(ok(tfDir, "apply.log", "apply", "-auto-approve"))
        .contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
    ok(tfDir, "init2.log", "init", "-input=false");
    assertThat(cache(tfDir)).isEqualTo(before);
    run(tfDir, "tf-list.log", 0, tf, "state", "list");
    assertThat(Files.readString(tfDir.resolve("tf-list.log"))).isEqualTo("terraform_data.a\n");

    // capstan initialised: terraform applies, capstan lists and plans no changes
    run(csDir, "tf-apply.log", 0, tf, "apply", "-auto-approve", "-input=false", "-no-color");
    assertThat(ok(csDir, "list.log", "state", "list")).endsWith("terraform_data.a\n");
    ok(csDir, "plan.log", "plan", "-detailed-exitcode");
    assertThat(Files.readString(csDir.resolve("x.tfstate"))).contains("\"terraform_data\"");

    // a changed block: both tools ask for init, for the same reason
    for (Path d : List.of(tfDir, csDir)) {
      Files.writeString(d.resolve("main.tf"), main.replace("x.tfstate", "y.tfstate"));
      run(d, "tf-changed.log", 1, tf, "plan", "-input=false", "-no-color");
      Process p = capstan(d, "changed.log", "plan");
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(1);
      for (String log : List.of("tf-changed.log", "changed.log")) {
        assertThat(Files.readString(d.resolve(log))).as(log)
            .contains("Backend initialization required: please run \"terraform init\"",
                "Reason: Backend configuration block has changed");
      }
    }
  }

  @Test
  void pgPartialConfigurationInitialisedByEitherToolServesTheOther(@TempDir Path dir) throws Exception {
    TeamStateTest.skipUnlessAvailable("pg");
    String tf = terraform();
    String main = "terraform {\n  backend \"pg\" {\n    schema_name = \"hash_interop\"\n  }\n}\n" + RESOURCE;
    try (RealServers.Server server = RealServers.start("pg")) {
      Path tfDir = dir.resolve("tf");
      Path csDir = dir.resolve("cs");
      initBoth(tf, tfDir, csDir, main, List.of("-backend-config=conn_str=" + server.arguments().get("conn_str")));
      // neither needs -backend-config again, in the directory the other initialised
      assertThat(ok(tfDir, "apply.log", "apply", "-auto-approve"))
          .contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
      run(csDir, "tf-list.log", 0, tf, "state", "list");
      assertThat(Files.readString(csDir.resolve("tf-list.log"))).isEqualTo("terraform_data.a\n");
      run(csDir, "tf-plan.log", 0, tf, "plan", "-detailed-exitcode", "-input=false", "-no-color");
      // init again with the same -backend-config keeps the cache; a different one is a changed backend for both
      ok(tfDir, "init2.log", "init", "-input=false", "-backend-config=conn_str=" + server.arguments().get("conn_str"));
      assertThat(cache(tfDir)).isEqualTo(cache(csDir));
      String other = "-backend-config=conn_str=" + server.arguments().get("conn_str").replace("/postgres?", "/template1?");
      run(csDir, "tf-init3.log", 1, tf, "init", "-input=false", "-no-color", other);
      Process p = capstan(tfDir, "init3.log", "init", "-input=false", other);
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(1);
      for (Path log : List.of(csDir.resolve("tf-init3.log"), tfDir.resolve("init3.log"))) {
        assertThat(Files.readString(log)).as(log.toString()).contains("Backend configuration changed");
      }
    }
  }

  @Test
  void s3BackendWithNestedEndpointsInitialisedByEitherToolServesTheOther(@TempDir Path dir) throws Exception {
    String tf = terraform();
    try (RealServers.Server server = RealServers.start("s3")) {
      StringBuilder block = new StringBuilder("terraform {\n  backend \"s3\" {\n");
      for (Map.Entry<String, String> e : server.arguments().entrySet()) {
        String v = e.getValue();
        if (e.getKey().equals("endpoints.s3")) {
          block.append("    endpoints = { s3 = \"").append(v).append("\" }\n");
        } else {
          block.append("    ").append(e.getKey()).append(" = ")
              .append(v.equals("true") ? v : "\"" + v + "\"").append('\n');
        }
      }
      block.append("    max_retries = 2\n    workspace_key_prefix = \"hash\"\n  }\n}\n");
      Path tfDir = dir.resolve("tf");
      Path csDir = dir.resolve("cs");
      initBoth(tf, tfDir, csDir, block + RESOURCE, List.of());
      assertThat(ok(tfDir, "apply.log", "apply", "-auto-approve"))
          .contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
      run(csDir, "tf-plan.log", 0, tf, "plan", "-detailed-exitcode", "-input=false", "-no-color");
      assertThat(ok(csDir, "list.log", "state", "list")).endsWith("terraform_data.a\n");
    }
  }
}
