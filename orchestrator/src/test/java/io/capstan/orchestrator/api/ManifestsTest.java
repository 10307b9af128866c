package io.capstan.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.orchestrator.api.v1.ApiObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The files users apply: YAML documents or JSON, Kubernetes-shaped, mistakes reported with the field. */
class ManifestsTest {
    @Test
    void readsSeveralYamlDocuments() {
        List<ApiObject> objs = Manifests.parse("""
                kind: Deployment
                metadata: {name: web, labels: {tier: front}}
                spec:
                  replicas: 3
                  template: {process: {command: python3, args: ["-m", "http.server"]}, ports: [{name: http}]}
                ---
                kind: svc
                metadata: {name: web}
                spec: {selector: {app: web}, ports: [{port: 8080, target_port: http}]}
                """, true, "web.yaml");
        assertThat(objs).extracting(ApiObject::getKind).containsExactly("Deployment", "Service");
        assertThat(objs.get(0).getDeployment().getSpec().getReplicas()).isEqualTo(3);
        assertThat(objs.get(0).getDeployment().getSpec().getTemplate().getProcess().getArgsList()).containsExactly("-m", "http.server");
        assertThat(objs.get(1).getService().getSpec().getPorts(0).getTargetPort()).isEqualTo("http");
    }

    @Test
    void readsAJsonArrayWithConfigMapData() {
        List<ApiObject> objs = Manifests.parse("""
                [{"kind": "ConfigMap", "metadata": {"name": "c", "namespace": "team"}, "data": {"A": "1"}}]
                """, false, "c.json");
        assertThat(objs.get(0).getConfigMap().getDataMap()).containsEntry("A", "1");
        assertThat(objs.get(0).getMetadata().getNamespace()).isEqualTo("team");
    }

    @Test
    void unknownFieldsAndKindsAreNamed() {
        assertThatThrownBy(() -> Manifests.parse("kind: Deployment\nmetadata: {name: w}\nspec: {replica: 3}\n", true, "w.yaml"))
                .hasMessageContaining("w.yaml").hasMessageContaining("replica");
        assertThatThrownBy(() -> Manifests.parse("kind: Pod\nmetadata: {name: w}\n", true, "p.yaml"))
                .hasMessageContaining("kind: unknown kind \"Pod\"");
        assertThatThrownBy(() -> Manifests.parse("{\"kind\": ", false, "x.json")).hasMessageContaining("x.json: not valid JSON");
    }
}
