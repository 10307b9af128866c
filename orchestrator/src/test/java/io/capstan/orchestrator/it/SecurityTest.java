package io.capstan.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.ConfigMap;
import io.capstan.orchestrator.api.v1.CreateTokenRequest;
import io.capstan.orchestrator.api.v1.GetRequest;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.Namespace;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.Secret;
import io.capstan.orchestrator.client.Connection;
import io.capstan.orchestrator.security.JoinToken;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Tokens, roles, validation, compare-and-set and secrets at rest, against a real server process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTest {
    private Cluster cluster;
    private Connection admin;

    @BeforeAll
    void start() throws Exception {
        cluster = new Cluster(Files.createTempDirectory("capstan-security"));
        cluster.startServer("10s");
        admin = cluster.admin();
        for (String ns : List.of("team-a", "team-b")) {
            admin.blocking().create(ApiObject.newBuilder().setKind("Namespace").setMetadata(ObjectMeta.newBuilder().setName(ns))
                    .setNamespace(Namespace.getDefaultInstance()).build());
        }
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ApiObject configMap(String ns, String name) {
        return ApiObject.newBuilder().setKind("ConfigMap").setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace(ns))
                .setConfigMap(ConfigMap.newBuilder().putData("k", "v")).build();
    }

    private static Status.Code code(Runnable r) {
        try {
            r.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private String token(String role, String... namespaces) {
        return admin.blocking().createToken(CreateTokenRequest.newBuilder().setRole(role).addAllNamespaces(List.of(namespaces)).build()).getToken();
    }

    @Test
    void callsWithoutAValidTokenAreRefused() throws Exception {
        try (Connection none = cluster.withToken(""); Connection bad = cluster.withToken("cap_not-a-real-token")) {
            assertThat(code(() -> none.blocking().list(ListRequest.newBuilder().setKind("Node").build()))).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(code(() -> bad.blocking().list(ListRequest.newBuilder().setKind("Node").build()))).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Test
    void viewerReadsButCannotWriteNorReadSecrets() throws Exception {
        try (Connection viewer = cluster.withToken(token("viewer"))) {
            assertThat(code(() -> viewer.blocking().list(ListRequest.newBuilder().setKind("Deployment").setNamespace("team-a").build()))).isEqualTo(Status.Code.OK);
            assertThat(code(() -> viewer.blocking().create(configMap("team-a", "from-viewer")))).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(code(() -> viewer.blocking().list(ListRequest.newBuilder().setKind("Secret").setNamespace("team-a").build()))).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(code(() -> viewer.blocking().createToken(CreateTokenRequest.newBuilder().setRole("admin").build()))).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void deployerWritesOnlyItsOwnNamespaces() throws Exception {
        try (Connection deployer = cluster.withToken(token("deployer", "team-a"))) {
            assertThat(code(() -> deployer.blocking().create(configMap("team-a", "mine")))).isEqualTo(Status.Code.OK);
            StatusRuntimeException e = (StatusRuntimeException) org.assertj.core.api.Assertions.catchThrowable(
                    () -> deployer.blocking().create(configMap("team-b", "theirs")));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(e.getStatus().getDescription()).contains("team-b");
            assertThat(code(() -> deployer.blocking().get(GetRequest.newBuilder().setKind("ConfigMap").setNamespace("team-b").setName("x").build())))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(code(() -> deployer.blocking().create(ApiObject.newBuilder().setKind("Namespace")
                    .setMetadata(ObjectMeta.newBuilder().setName("team-c")).setNamespace(Namespace.getDefaultInstance()).build())))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void agentJoinTokenCannotDeploy() throws Exception {
        String join = Files.readString(cluster.dir.resolve("server/join.token")).trim();
        try (Connection agent = cluster.withToken(JoinToken.parse(join).orElseThrow().secret())) {
            assertThat(code(() -> agent.blocking().create(configMap("default", "from-agent")))).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void secretsAreEncryptedAtRest() throws Exception {
        String plain = "hunter2-" + System.nanoTime();
        admin.blocking().create(ApiObject.newBuilder().setKind("Secret").setMetadata(ObjectMeta.newBuilder().setName("db").setNamespace("team-a"))
                .setSecret(Secret.newBuilder().putData("password", plain)).build());
        ApiObject back = admin.blocking().get(GetRequest.newBuilder().setKind("Secret").setNamespace("team-a").setName("db").build());
        assertThat(back.getSecret().getDataMap()).containsEntry("password", plain);
        byte[] needle = plain.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(cluster.dir.resolve("server"))) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).anyMatch(p -> p.getFileName().toString().startsWith("store.db"));
            for (Path p : all) {
                assertThat(indexOf(Files.readAllBytes(p), needle)).as("plaintext secret in " + p).isEqualTo(-1);
            }
        }
    }

    @Test
    void validationNamesTheFieldAndStaleWritesConflict() {
        ApiObject bad = Specs.deployment("bad", -1, Specs.httpTemplate("bad", "v1"), null);
        StatusRuntimeException e = (StatusRuntimeException) org.assertj.core.api.Assertions.catchThrowable(() -> admin.blocking().create(bad));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).contains("spec.replicas");

        ApiObject created = admin.blocking().create(configMap("default", "cas"));
        ApiObject v2 = admin.blocking().update(created.toBuilder().setConfigMap(ConfigMap.newBuilder().putData("k", "v2")).build());
        assertThat(v2.getMetadata().getResourceVersion()).isGreaterThan(created.getMetadata().getResourceVersion());
        assertThatThrownBy(() -> admin.blocking().update(created.toBuilder().setConfigMap(ConfigMap.newBuilder().putData("k", "stale")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, x -> assertThat(x.getStatus().getCode()).isEqualTo(Status.Code.ABORTED));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
