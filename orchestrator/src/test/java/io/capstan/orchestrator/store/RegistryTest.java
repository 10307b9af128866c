package io.capstan.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Instance;
import io.capstan.orchestrator.api.v1.InstanceSpec;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Batch writes store objects under their normal kind and namespace whatever spelling they came in
 * with; objects already in normal form (the scheduler's bindings) are written as they are.
 */
class RegistryTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "kind {0}, namespace \"{1}\"")
    @CsvSource({
        "Instance, default",
        "Instance, ''",
        "instance, default",
        "instances, ''",
        "Instance, team-a",
    })
    void batchWritesLandUnderTheNormalKindAndNamespace(String kind, String namespace) throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), k -> false, SecretBox.open(dir.resolve("k")))) {
            Registry reg = new Registry(store);
            ApiObject o = ApiObject.newBuilder().setKind(kind).setMetadata(ObjectMeta.newBuilder().setName("x").setNamespace(namespace))
                    .setInstance(Instance.newBuilder().setSpec(InstanceSpec.newBuilder().setDeployment("d"))).build();
            Registry.BatchOutcome out = reg.updateAll(List.of(o));
            assertThat(out.ok()).isTrue();
            String ns = namespace.isEmpty() ? "default" : namespace;
            ApiObject stored = reg.get(Kind.INSTANCE, ns, "x").orElseThrow();
            assertThat(stored.getKind()).isEqualTo("Instance");
            assertThat(stored.getMetadata().getNamespace()).isEqualTo(ns);
            assertThat(stored.getInstance().getSpec().getDeployment()).isEqualTo("d");
            assertThat(out.stored().get(0).getKind()).isEqualTo("Instance");
            assertThat(out.stored().get(0).getMetadata().getNamespace()).isEqualTo(ns);
            assertThat(out.stored().get(0).getMetadata().getResourceVersion()).isEqualTo(store.revision());
        }
    }
}
