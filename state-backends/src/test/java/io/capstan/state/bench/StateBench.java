package io.capstan.state.bench;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.Backends;
import io.capstan.state.LockInfo;
import io.capstan.state.StateMeta;
import io.capstan.state.States;
import io.capstan.state.WriteCondition;
import io.capstan.state.servers.EtcdCluster;
import io.capstan.state.servers.HttpStateServer;
import io.capstan.state.servers.PostgresServer;
import io.capstan.state.servers.S3ProxyServer;
import io.capstan.state.servers.Tmp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lock + read + write + unlock round trips on every backend, each against its real server on
 * loopback, for a 1 MB and a 20 MB state; prints a Markdown table of median and best times.
 * Run by {@code bench/state-backends.sh}. Arguments: [rounds] (default 5).
 */
public final class StateBench {
  private StateBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path dir = Files.createTempDirectory("capstan-bench");
    try (PostgresServer pg = PostgresServer.start(); EtcdCluster etcd = EtcdCluster.start(1);
         S3ProxyServer s3 = S3ProxyServer.start(); HttpStateServer http = HttpStateServer.start()) {
      Map<String, Map<String, String>> configs = new LinkedHashMap<>();
      configs.put("local", Map.of("capstan.working_dir", dir.toString()));
      configs.put("pg", Map.of("conn_str", pg.connStr()));
      configs.put("http", Map.of("address", http.url("/bench"), "lock_address", http.url("/bench"),
          "unlock_address", http.url("/bench")));
      configs.put("s3", Map.of("bucket", S3ProxyServer.BUCKET, "key", "bench/terraform.tfstate", "region", "us-east-1",
          "endpoints.s3", s3.endpoint(), "use_path_style", "true", "use_lockfile", "true",
          "access_key", S3ProxyServer.ACCESS_KEY, "secret_key", S3ProxyServer.SECRET_KEY));
      configs.put("etcd", Map.of("endpoints", etcd.endpoints(), "prefix", "bench/"));
      System.out.println("| backend | state size | median ms | best ms |");
      System.out.println("|---|---|---|---|");
      for (var e : configs.entrySet()) {
        for (int mb : new int[] {1, 20}) {
          Map<String, String> cfg = new LinkedHashMap<>(e.getValue());
          cfg.put("capstan.history_limit", "3");
          try (Backend b = Backends.open(new BackendConfig(e.getKey(), cfg, Map.of()))) {
            String ws = "size" + mb;
            byte[] state = States.padded("bench", 1, mb << 20);
            b.write(ws, state, WriteCondition.unconditional());
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < rounds + 1; i++) {
              long t0 = System.nanoTime();
              String id = b.lock(ws, LockInfo.forThisProcess("OperationTypeApply", "bench"), Duration.ofSeconds(30));
              byte[] current = b.read(ws).orElseThrow();
              StateMeta meta = StateMeta.of(current);
              byte[] next = States.padded("bench", meta.serial() + 1, mb << 20);
              b.write(ws, next, WriteCondition.basedOn(meta));
              b.unlock(ws, id);
              if (i > 0) { // the first round warms up the JVM and connections
                times.add((System.nanoTime() - t0) / 1e6);
              }
            }
            Collections.sort(times);
            System.out.printf("| %s | %d MB | %.0f | %.0f |%n", e.getKey(), mb, times.get(times.size() / 2), times.get(0));
          }
        }
      }
    } finally {
      Tmp.delete(dir);
    }
    System.exit(0);
  }
}
