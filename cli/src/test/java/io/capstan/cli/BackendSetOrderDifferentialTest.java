package io.capstan.cli;

import static io.capstan.cli.TeamStateTest.capstan;
import static io.capstan.cli.TeamStateTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init -backend-config} by either tool over a working directory either tool initialised,
 * when the backend block holds a set written unsorted ({@code forbidden_account_ids = ["2", "1"]}
 * on s3; s3proxy as the server). Terraform compares the cached configuration with the new one as
 * decoded values, where a set has no order; Capstan compared the flattened text, so
 * {@code ["2","1"]} against the cached {@code ["1","2"]} looked like a changed backend ("Backend
 * configuration changed"). Now neither tool asks for a migration, and a real change is still one
 * for both.
 */
class BackendSetOrderDifferentialTest {
  private static final String RESOURCE = "\nresource \"terraform_data\" \"a\" {\n  input = \"one\"\n}\n";

  private static String terraform() {
    Optional<Path> t = TeamStateTest.terraform();
    if (t.isEmpty()) {
      System.out.println("SKIP: backend set order: terraform is not on PATH");
      Assumptions.abort("terraform is not on PATH");
    }
    return t.get().toString();
  }

  private static String capstanRun(Path dir, String log, int expected, String... args) throws Exception {
    Process p = capstan(dir, log, args);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("capstan %s finished", args[0]).isTrue();
    String out = Files.readString(dir.resolve(log));
    assertThat(p.exitValue()).as("capstan " + String.join(" ", args) + ": " + out).isEqualTo(expected);
    return out;
  }

  private static String cache(Path dir) throws Exception {
    return Files.readString(dir.resolve(".terraform/terraform.tfstate"));
  }

  @Test
  void anUnsortedSetIsTheSameBackendForBothTools(@TempDir Path dir) throws Exception {
    String tf = terraform();
    try (RealServers.Server server = RealServers.start("s3")) {
      StringBuilder block = new StringBuilder("terraform {\n  backend \"s3\" {\n");
      String key = null;
      for (Map.Entry<String, String> e : server.arguments().entrySet()) {
        String v = e.getValue();
        if (e.getKey().equals("key")) {
          key = v; // left to -backend-config
        } else if (e.getKey().equals("endpoints.s3")) {
          block.append("    endpoints = { s3 = \"").append(v).append("\" }\n");
        } else {
          block.append("    ").append(e.getKey()).append(" = ")
              .append(v.equals("true") ? v : "\"" + v + "\"").append('\n');
        }
      }
      block.append("    forbidden_account_ids = [\"2\", \"1\"]\n  }\n}\n");
      String keyConfig = "-backend-config=key=" + key;
      Path tfDir = dir.resolve("tf");
      Path csDir = dir.resolve("cs");
      for (Path d : List.of(tfDir, csDir)) {
        Files.createDirectories(d);
        Files.writeString(d.resolve("main.tf"), block + RESOURCE);
      }
      run(tfDir, "tf-init.log", 0, tf, "init", "-input=false", "-no-color", keyConfig);
      capstanRun(csDir, "init.log", 0, "init", "-input=false", keyConfig);
      assertThat(cache(csDir)).as("capstan's backend cache is terraform's").isEqualTo(cache(tfDir));
      String cached = cache(tfDir);

      // each tool's init again, with the same -backend-config, in each directory: no change, cache kept
      capstanRun(tfDir, "init2.log", 0, "init", "-input=false", keyConfig);
      capstanRun(csDir, "init2.log", 0, "init", "-input=false", keyConfig);
      run(csDir, "tf-init2.log", 0, tf, "init", "-input=false", "-no-color", keyConfig);
      run(tfDir, "tf-init2.log", 0, tf, "init", "-input=false", "-no-color", keyConfig);
      for (Path d : List.of(tfDir, csDir)) {
        assertThat(cache(d)).as("%s cache", d.getFileName()).isEqualTo(cached);
        for (String log : List.of("init2.log", "tf-init2.log")) {
          assertThat(Files.readString(d.resolve(log))).as(log).doesNotContain("Backend configuration changed");
        }
      }
      // and both serve each other's directory without init
      assertThat(capstanRun(tfDir, "apply.log", 0, "apply", "-auto-approve"))
          .contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
      run(csDir, "tf-plan.log", 0, tf, "plan", "-detailed-exitcode", "-input=false", "-no-color");

      // a set that really differs is a changed backend for both
      for (Path d : List.of(tfDir, csDir)) {
        Files.writeString(d.resolve("main.tf"), (block + RESOURCE).replace("[\"2\", \"1\"]", "[\"3\", \"1\"]"));
      }
      run(tfDir, "tf-init3.log", 1, tf, "init", "-input=false", "-no-color", keyConfig);
      capstanRun(csDir, "init3.log", 1, "init", "-input=false", keyConfig);
      assertThat(Files.readString(tfDir.resolve("tf-init3.log"))).contains("Backend configuration changed");
      assertThat(Files.readString(csDir.resolve("init3.log"))).contains("Backend configuration changed");
    }
  }
}
