package io.capstan.state.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting {@link StateWorker} processes (separate JVMs) from a test. */
public final class Workers {
  private Workers() {}

  public static Process start(String mode, String type, String ws, String name, String timeout, Map<String, String> cfg) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
        "-cp", System.getProperty("java.class.path"), StateWorker.class.getName(), mode, type, ws, name, timeout));
    cfg.forEach((k, v) -> cmd.add(k + "=" + v));
    try {
      return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the worker's {@code LOCKED id} line and returns the id. */
  public static String awaitLocked(Process p, Duration timeout) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + timeout.toNanos();
    StringBuilder seen = new StringBuilder();
    String line;
    while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
      if (line.startsWith("LOCKED ")) {
        return line.substring(7).trim();
      }
      seen.append(line).append('\n');
    }
    p.destroyForcibly();
    throw new IllegalStateException("worker did not take the lock:\n" + seen);
  }

  public static String output(Process p, Duration timeout) throws Exception {
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("worker did not finish within " + timeout);
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  public static void kill9(Process p) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL on Linux
    p.waitFor();
  }
}
