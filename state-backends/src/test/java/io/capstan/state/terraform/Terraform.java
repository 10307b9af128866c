package io.capstan.state.terraform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code terraform} binary offline in a directory, for compatibility tests. */
final class Terraform {
  record Result(int exit, String output) {}

  private final Path dir;
  private final Map<String, String> env;

  Terraform(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  static boolean installed() {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, "terraform"))) {
        return true;
      }
    }
    return false;
  }

  ProcessBuilder builder(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("terraform");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
    pb.environment().put("TF_IN_AUTOMATION", "1");
    pb.environment().put("CHECKPOINT_DISABLE", "1");
    pb.environment().putAll(env);
    return pb;
  }

  Result run(String... args) throws IOException, InterruptedException {
    Process p = builder(args).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("terraform " + String.join(" ", args) + " did not finish");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  Result ok(String... args) throws IOException, InterruptedException {
    Result r = run(args);
    if (r.exit() != 0) {
      throw new AssertionError("terraform " + String.join(" ", args) + " failed (" + r.exit() + "):\n" + r.output());
    }
    return r;
  }
}
