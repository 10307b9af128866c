package io.capstan.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.api.v1.ApiObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid manifest is refused with a message naming the offending field. */
class ValidationTest {
    private static final String OK_TEMPLATE = """
            template: {labels: {app: w}, process: {command: sleep, args: ["60"]}, ports: [{name: http}]}
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("negative replicas", "kind: Deployment\nmetadata: {name: w}\nspec:\n  replicas: -1\n  " + OK_TEMPLATE, "spec.replicas"),
                Arguments.of("bad name", "kind: ConfigMap\nmetadata: {name: Bad_Name}\n", "metadata.name"),
                Arguments.of("missing name", "kind: ConfigMap\nmetadata: {}\n", "metadata.name: required"),
                Arguments.of("no driver", "kind: Deployment\nmetadata: {name: w}\nspec: {replicas: 1, template: {labels: {app: w}}}\n", "spec.template: a driver is required"),
                Arguments.of("container without image", "kind: Deployment\nmetadata: {name: w}\nspec: {replicas: 1, template: {container: {command: [sh]}}}\n",
                        "spec.template.container.image: required"),
                Arguments.of("probe on unknown port", "kind: Deployment\nmetadata: {name: w}\nspec:\n  replicas: 1\n  template: {process: {command: x}, readiness: {http: {port: web}}}\n",
                        "spec.template.readiness.http.port"),
                Arguments.of("selector mismatch", "kind: Deployment\nmetadata: {name: w}\nspec:\n  replicas: 1\n  selector: {app: other}\n  " + OK_TEMPLATE,
                        "spec.selector.app"),
                Arguments.of("bad restart policy", "kind: Deployment\nmetadata: {name: w}\nspec:\n  replicas: 1\n  template: {process: {command: x}, restart: {policy: Sometimes}}\n",
                        "spec.template.restart.policy"),
                Arguments.of("service port range", "kind: Service\nmetadata: {name: s}\nspec: {selector: {app: w}, ports: [{port: 70000, target_port: http}]}\n",
                        "spec.ports[0].port"),
                Arguments.of("service without selector", "kind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, target_port: http}]}\n",
                        "spec.selector"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void invalidObjectsNameTheField(String name, String yaml, String field) {
        ApiObject o = Manifests.parse(yaml, true, "test.yaml").get(0);
        List<String> errs = Validation.validate(o);
        assertThat(errs).anySatisfy(e -> assertThat(e).startsWith(field));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validObjectsPass(String name, String yaml) {
        assertThat(Validation.validate(Manifests.parse(yaml, true, "ok.yaml").get(0))).isEmpty();
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("deployment", "kind: Deployment\nmetadata: {name: w}\nspec:\n  replicas: 2\n  selector: {app: w}\n  " + OK_TEMPLATE),
                Arguments.of("container deployment", "kind: Deployment\nmetadata: {name: w}\nspec:\n  replicas: 2\n  selector: {app: w}\n"
                        + "  template: {labels: {app: w}, container: {image: busybox, command: [httpd, -f]}, ports: [{name: http}],"
                        + " requests: {cpu_millis: 100, memory_mb: 32}}\n"),
                Arguments.of("docker is issue #8's name for container", "kind: Deployment\nmetadata: {name: w}\nspec: {replicas: 1, template: {docker: {image: busybox}}}\n"),
                Arguments.of("service", "kind: Service\nmetadata: {name: s}\nspec: {selector: {app: w}, ports: [{port: 80, target_port: http}]}\n"),
                Arguments.of("secret", "kind: Secret\nmetadata: {name: s}\ndata: {password: x}\n"));
    }
}
