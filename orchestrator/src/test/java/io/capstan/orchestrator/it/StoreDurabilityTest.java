package io.capstan.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.ConfigMap;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.WatchEvent;
import io.capstan.orchestrator.api.v1.WatchRequest;
import io.capstan.orchestrator.client.Connection;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** kill -9 of the server in the middle of 1,000 writes: every acknowledged write survives, revisions stay monotonic, watches resume. */
class StoreDurabilityTest {

    @Test
    void acknowledgedWritesSurviveKill9AndWatchesResume() throws Exception {
        try (Cluster cluster = new Cluster(Files.createTempDirectory("capstan-store"))) {
            cluster.startServer("10s");
            Map<String, Long> acked = new LinkedHashMap<>();
            try (Connection c = cluster.admin()) {
                Thread killer = new Thread(() -> {
                    try {
                        Cluster.await(Duration.ofSeconds(60), () -> {
                            synchronized (acked) {
                                return acked.size() >= 300;
                            }
                        });
                        cluster.kill9(cluster.server);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                killer.start();
                for (int i = 0; i < 1000; i++) {
                    String name = "cm-" + i;
                    try {
                        ApiObject o = c.blocking().create(ApiObject.newBuilder().setKind("ConfigMap")
                                .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
                                .setConfigMap(ConfigMap.newBuilder().putData("i", String.valueOf(i))).build());
                        synchronized (acked) {
                            acked.put(name, o.getMetadata().getResourceVersion());
                        }
                    } catch (io.grpc.StatusRuntimeException e) {
                        break; // the server died: later writes were never acknowledged
                    }
                }
                killer.join();
            }
            assertThat(acked.size()).isBetween(300, 999);
            List<Long> revs = new ArrayList<>(acked.values());
            for (int i = 1; i < revs.size(); i++) {
                assertThat(revs.get(i)).as("revisions are monotonic").isGreaterThan(revs.get(i - 1));
            }

            cluster.startServer("10s");
            try (Connection c = cluster.admin()) {
                var list = c.blocking().list(ListRequest.newBuilder().setKind("ConfigMap").setNamespace("default").build());
                Map<String, ApiObject> stored = new LinkedHashMap<>();
                list.getItemsList().forEach(o -> stored.put(o.getMetadata().getName(), o));
                for (var e : acked.entrySet()) {
                    assertThat(stored).as("acknowledged write " + e.getKey()).containsKey(e.getKey());
                    assertThat(stored.get(e.getKey()).getMetadata().getResourceVersion()).isEqualTo(e.getValue());
                }
                assertThat(list.getRevision()).isGreaterThanOrEqualTo(revs.get(revs.size() - 1));

                // a watch resumes from a revision before the crash and replays what followed, in order
                long from = revs.get(100);
                List<WatchEvent> seen = new CopyOnWriteArrayList<>();
                var ctx = io.grpc.Context.current().withCancellation();
                ctx.run(() -> c.async().watch(WatchRequest.newBuilder().setKind("ConfigMap").setNamespace("default").setFromRevision(from).build(),
                        new io.grpc.stub.StreamObserver<>() {
                            public void onNext(WatchEvent e) {
                                seen.add(e);
                            }

                            public void onError(Throwable t) {
                            }

                            public void onCompleted() {
                            }
                        }));
                int expected = revs.size() - 101;
                Cluster.await(Duration.ofSeconds(20), () -> seen.stream().filter(e -> e.getType().equals("PUT")).count() >= expected);
                List<Long> replay = seen.stream().filter(e -> e.getType().equals("PUT")).map(WatchEvent::getRevision).toList();
                assertThat(replay.subList(0, expected)).containsExactlyElementsOf(revs.subList(101, revs.size()));
                // and keeps delivering live events after the replay
                ApiObject live = c.blocking().create(ApiObject.newBuilder().setKind("ConfigMap")
                        .setMetadata(ObjectMeta.newBuilder().setName("after-restart").setNamespace("default")).build());
                Cluster.await(Duration.ofSeconds(10), () -> seen.stream().anyMatch(e -> e.getRevision() == live.getMetadata().getResourceVersion()));
                ctx.cancel(null);
            }
        }
    }
}
