package io.capstan.orchestrator.it;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.ConfigMap;
import io.capstan.orchestrator.api.v1.DeleteRequest;
import io.capstan.orchestrator.api.v1.GetRequest;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.WatchEvent;
import io.capstan.orchestrator.api.v1.WatchRequest;
import io.capstan.orchestrator.client.Connection;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whole-process benchmark of the orchestrator (run by {@code bench/orchestrator-api.sh}):
 * a server process and agents on loopback, measured from a client over TLS. Prints the
 * figures compared with Kubernetes' SLOs in the module README.
 */
public final class OrchestratorBench {
    private OrchestratorBench() {
    }

    static double p(List<Double> xs, double q) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(q * s.size()) - 1));
    }

    static ApiObject cm(String name, String v) {
        return ApiObject.newBuilder().setKind("ConfigMap").setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
                .setConfigMap(ConfigMap.newBuilder().putData("v", v)).build();
    }

    public static void main(String[] args) throws Exception {
        int listSize = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        try (Cluster cluster = new Cluster(Files.createTempDirectory("capstan-bench"))) {
            cluster.startServer("10s");
            try (Connection c = cluster.admin()) {
                // warm-up
                for (int i = 0; i < 50; i++) {
                    c.blocking().create(cm("warm-" + i, "x"));
                    c.blocking().get(GetRequest.newBuilder().setKind("ConfigMap").setNamespace("default").setName("warm-" + i).build());
                }
                // API at 20 changes/s: mutation and get latency, watch delivery
                Map<Long, Long> sentAt = new ConcurrentHashMap<>();
                List<Double> watchLat = Collections.synchronizedList(new ArrayList<>());
                var ctx = io.grpc.Context.current().withCancellation();
                ctx.run(() -> c.async().watch(WatchRequest.newBuilder().setKind("ConfigMap").setNamespace("default").build(),
                        new io.grpc.stub.StreamObserver<>() {
                            public void onNext(WatchEvent e) {
                                String seq = e.getObject().getConfigMap().getDataMap().get("seq");
                                if (seq != null) {
                                    Long t0 = sentAt.get(Long.parseLong(seq));
                                    if (t0 != null) {
                                        watchLat.add((System.nanoTime() - t0) / 1e6);
                                    }
                                }
                            }

                            public void onError(Throwable t) {
                            }

                            public void onCompleted() {
                            }
                        }));
                Thread.sleep(500);
                List<Double> mut = new ArrayList<>();
                List<Double> get = new ArrayList<>();
                int n = 400;
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long due = start + i * 50_000_000L;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    long t0 = System.nanoTime();
                    sentAt.put((long) i, t0);
                    ApiObject o = cm("rate-" + (i % 20), "v").toBuilder().setConfigMap(ConfigMap.newBuilder().putData("seq", String.valueOf(i))).build();
                    if (i < 20) {
                        c.blocking().create(o);
                    } else {
                        ApiObject cur = c.blocking().get(GetRequest.newBuilder().setKind("ConfigMap").setNamespace("default").setName("rate-" + (i % 20)).build());
                        get.add((System.nanoTime() - t0) / 1e6);
                        t0 = System.nanoTime();
                        sentAt.put((long) i, t0);
                        c.blocking().update(o.toBuilder().setMetadata(o.getMetadata().toBuilder().setResourceVersion(cur.getMetadata().getResourceVersion())).build());
                    }
                    mut.add((System.nanoTime() - t0) / 1e6);
                }
                Thread.sleep(1000);
                ctx.cancel(null);
                System.out.printf("API at 20 changes/s (%d mutations): mutation p50 %.1f ms p99 %.1f ms; get p50 %.1f ms p99 %.1f ms; watch delivery p50 %.1f ms p99 %.1f ms (%d events)%n",
                        n, p(mut, .5), p(mut, .99), p(get, .5), p(get, .99), p(watchLat, .5), p(watchLat, .99), watchLat.size());

                // list of N objects
                ExecutorService pool = Executors.newFixedThreadPool(8);
                AtomicInteger made = new AtomicInteger();
                long t0 = System.nanoTime();
                for (int i = 0; i < listSize; i++) {
                    int k = i;
                    pool.execute(() -> {
                        c.blocking().create(cm("bulk-" + k, "value-" + k));
                        made.incrementAndGet();
                    });
                }
                pool.shutdown();
                pool.awaitTermination(30, TimeUnit.MINUTES);
                double createSecs = (System.nanoTime() - t0) / 1e9;
                List<Double> list = new ArrayList<>();
                int count = 0;
                for (int i = 0; i < 20; i++) {
                    long l0 = System.nanoTime();
                    count = c.blocking().list(ListRequest.newBuilder().setKind("ConfigMap").setNamespace("default").build()).getItemsCount();
                    list.add((System.nanoTime() - l0) / 1e6);
                }
                System.out.printf("list of %d objects: p50 %.1f ms p99 %.1f ms (created %d in %.1f s, %.0f writes/s)%n",
                        count, p(list, .5), p(list, .99), made.get(), createSecs, made.get() / createSecs);
            }

            // create-to-ready of a process instance, with one agent
            Process agent1 = cluster.startAgent(1);
            try (Connection c = cluster.admin()) {
                Cluster.await(Duration.ofSeconds(60), () -> c.blocking().list(ListRequest.newBuilder().setKind("Node").build()).getItemsCount() >= 1);
                List<Double> ready = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String name = "ready-" + i;
                    long r0 = System.nanoTime();
                    c.blocking().create(Specs.deployment(name, 1, Specs.httpTemplate(name, "v1"), null));
                    Cluster.await(Duration.ofSeconds(60), () -> Specs.instances(c, name).stream().anyMatch(x -> x.getInstance().getStatus().getReady()));
                    ready.add((System.nanoTime() - r0) / 1e6);
                    c.blocking().delete(DeleteRequest.newBuilder().setKind("Deployment").setNamespace("default").setName(name).build());
                }
                System.out.printf("create-to-ready of a process instance (20 deployments, python HTTP server, HTTP readiness): p50 %.0f ms p99 %.0f ms%n",
                        p(ready, .5), p(ready, .99));

                // node death to replacement ready, default node grace (10 s)
                Process agent2 = cluster.startAgent(2);
                Cluster.await(Duration.ofSeconds(60), () -> c.blocking().list(ListRequest.newBuilder().setKind("Node").build()).getItemsList().stream()
                        .filter(x -> x.getNode().getStatus().getCondition().equals("Ready")).count() == 2);
                c.blocking().create(Specs.deployment("survivor", 4, Specs.httpTemplate("survivor", "v1"), null));
                Cluster.await(Duration.ofSeconds(60), () -> Specs.instances(c, "survivor").stream().filter(x -> x.getInstance().getStatus().getReady()).count() == 4);
                long k0 = System.nanoTime();
                cluster.kill9(agent2);
                Cluster.await(Duration.ofSeconds(120), () -> {
                    var is = Specs.instances(c, "survivor");
                    return is.size() == 4 && is.stream().allMatch(x -> x.getInstance().getStatus().getReady() && x.getInstance().getSpec().getNode().equals("node1"));
                });
                System.out.printf("node death (agent kill -9) to replacements ready, default settings: %.1f s%n", (System.nanoTime() - k0) / 1e9);
            }
        }
        System.out.println("load average at end: " + Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
    }
}
