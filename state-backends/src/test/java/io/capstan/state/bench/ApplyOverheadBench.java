package io.capstan.state.bench;

import io.capstan.state.servers.EtcdCluster;
import io.capstan.state.servers.HttpStateServer;
import io.capstan.state.servers.PostgresServer;
import io.capstan.state.servers.S3ProxyServer;
import io.capstan.state.servers.Tmp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a remote backend adds to a whole {@code capstan apply}: N {@code terraform_data}
 * resources applied from scratch (then destroyed, unmeasured) in one working directory per
 * backend, the local backend as the baseline, each against a real server on loopback. Rounds
 * interleave the backends so a change in machine load hits all of them alike. Prints a Markdown
 * table of median and best wall seconds and the median's difference from local.
 *
 * <p>Usage: {@code ApplyOverheadBench CAPSTAN_LAUNCHER [resources] [rounds]} (see
 * {@code bench/backend-overhead.sh}).
 */
public final class ApplyOverheadBench {
  private ApplyOverheadBench() {}

  public static void main(String[] args) throws Exception {
    String capstan = args[0];
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path root = Files.createTempDirectory("capstan-apply-bench");
    try (PostgresServer pg = PostgresServer.start(); EtcdCluster etcd = EtcdCluster.start(1);
         S3ProxyServer s3 = S3ProxyServer.start(); HttpStateServer http = HttpStateServer.start()) {
      Map<String, Map<String, String>> configs = new LinkedHashMap<>();
      configs.put("local", Map.of());
      configs.put("pg", Map.of("conn_str", pg.connStr()));
      configs.put("http", Map.of("address", http.url("/apply"), "lock_address", http.url("/apply"),
          "unlock_address", http.url("/apply")));
      Map<String, String> s3args = new LinkedHashMap<>();
      s3args.put("bucket", S3ProxyServer.BUCKET);
      s3args.put("key", "apply/terraform.tfstate");
      s3args.put("region", "us-east-1");
      s3args.put("endpoints.s3", s3.endpoint());
      s3args.put("use_path_style", "true");
      s3args.put("use_lockfile", "true");
      s3args.put("access_key", S3ProxyServer.ACCESS_KEY);
      s3args.put("secret_key", S3ProxyServer.SECRET_KEY);
      s3args.put("skip_credentials_validation", "true");
      s3args.put("skip_requesting_account_id", "true");
      configs.put("s3", s3args);
      configs.put("etcd", Map.of("endpoints", etcd.endpoints(), "prefix", "apply/"));

      Map<String, Path> dirs = new LinkedHashMap<>();
      for (var e : configs.entrySet()) {
        Path dir = Files.createDirectories(root.resolve(e.getKey()));
        Files.writeString(dir.resolve("main.tf"), config(e.getKey(), n));
        List<String> init = new ArrayList<>(List.of("init", "-input=false", "-no-color"));
        e.getValue().forEach((k, v) -> init.add("-backend-config=" + k + "=" + v));
        run(capstan, dir, init);
        dirs.put(e.getKey(), dir);
      }
      Map<String, List<Double>> times = new LinkedHashMap<>();
      dirs.keySet().forEach(k -> times.put(k, new ArrayList<>()));
      for (int r = 0; r < rounds; r++) {
        for (var d : dirs.entrySet()) {
          long t0 = System.nanoTime();
          run(capstan, d.getValue(), List.of("apply", "-auto-approve", "-no-color"));
          times.get(d.getKey()).add((System.nanoTime() - t0) / 1e9);
          run(capstan, d.getValue(), List.of("destroy", "-auto-approve", "-no-color"));
        }
      }
      double local = median(times.get("local"));
      System.out.println("| backend | apply of " + n + " terraform_data, median s | best s | median − local |");
      System.out.println("|---|---|---|---|");
      for (var e : times.entrySet()) {
        double m = median(e.getValue());
        System.out.printf("| %s | %.2f | %.2f | %s |%n", e.getKey(), m, Collections.min(e.getValue()),
            e.getKey().equals("local") ? "—" : String.format("%+.2f s (%+.0f%%)", m - local, 100 * (m - local) / local));
      }
    } finally {
      Tmp.delete(root);
    }
    System.exit(0);
  }

  private static String config(String backend, int n) {
    StringBuilder b = new StringBuilder();
    if (!backend.equals("local")) {
      b.append("terraform {\n  backend \"").append(backend).append("\" {}\n}\n\n");
    }
    for (int i = 0; i < n; i++) {
      b.append("resource \"terraform_data\" \"r").append(i).append("\" {\n  input = \"value-").append(i)
          .append("\"\n}\n\n");
    }
    return b.toString();
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static void run(String capstan, Path dir, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(capstan));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("last.log").toFile());
    pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("capstan " + String.join(" ", args) + " failed in " + dir + ":\n"
          + Files.readString(dir.resolve("last.log")));
    }
  }
}
