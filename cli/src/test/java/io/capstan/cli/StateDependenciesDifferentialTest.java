package io.capstan.cli;

import static io.capstan.cli.Differential.cap;
import static io.capstan.cli.Differential.capOk;
import static io.capstan.cli.Differential.tfOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State {@code dependencies}, compared with the real {@code terraform} on one configuration
 * with chains through locals, a data source, {@code count}, module arguments and outputs,
 * {@code depends_on} on a whole module and on module calls, nested modules: each instance's
 * list must be terraform's (the transitive set of managed and data resources, sorted). Then
 * destroy ordering by those lists: orphans whose only link is transitive are deleted in order.
 * Skipped, with a printed reason, when terraform is not on the PATH.
 */
class StateDependenciesDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void dependenciesInStateAreTerraformsTransitiveSet() throws Exception {
        Differential.terraform();
        Path t = copyFixture("terraform");
        Path c = copyFixture("capstan");
        tfOk(t, "init", "-input=false", "-no-color");
        capOk(c, "init", "-input=false", "-no-color");
        tfOk(t, "apply", "-auto-approve", "-input=false", "-no-color");
        capOk(c, "apply", "-auto-approve", "-input=false", "-no-color");

        Map<String, JsonNode> expected = dependencies(t.resolve("terraform.tfstate"));
        Map<String, JsonNode> actual = dependencies(c.resolve("terraform.tfstate"));
        assertThat(expected).as("terraform's state").hasSize(26)
                .containsEntry("terraform_data.a", JSON.readTree("[\"terraform_data.b\",\"terraform_data.c\"]"))
                .containsKey("module.p[0].terraform_data.q");
        assertThat(actual).isEqualTo(expected);
        System.out.println("state dependencies equal to terraform's for " + actual.size() + " instances");

        // each tool plans the other's state: no changes
        Files.copy(t.resolve("terraform.tfstate"), c.resolve("terraform.tfstate"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(cap(c, "plan", "-input=false", "-no-color", "-detailed-exitcode").exit()).isZero();
    }

    /**
     * a -> b -> c; then a and c go ({@code count = 0}) while b stays, referring to c only through
     * {@code length()}: b is not deleted, so only a's transitive dependencies say that a goes
     * before c. a's destroy provisioner leaves a mark after a pause; c's fails without the mark.
     */
    @Test
    void orphansAreDestroyedInTransitiveOrder() throws Exception {
        Path c = Files.createDirectories(tmp.resolve("order"));
        Files.writeString(c.resolve("main.tf"), """
                variable "on" {
                  default = 1
                }
                resource "terraform_data" "c" {
                  count = var.on
                  input = "c"
                  provisioner "local-exec" {
                    when    = destroy
                    command = "test -f %1$s/a-gone"
                  }
                }
                resource "terraform_data" "b" {
                  input = length(terraform_data.c) > 0 ? "c" : "b"
                }
                resource "terraform_data" "a" {
                  count = var.on
                  input = terraform_data.b.output
                  provisioner "local-exec" {
                    when    = destroy
                    command = "sleep 1 && touch %1$s/a-gone"
                  }
                }
                """.formatted(c.toAbsolutePath()));
        capOk(c, "init", "-input=false", "-no-color");
        capOk(c, "apply", "-auto-approve", "-input=false", "-no-color");
        assertThat(dependencies(c.resolve("terraform.tfstate")))
                .containsEntry("terraform_data.a[0]", JSON.readTree("[\"terraform_data.b\",\"terraform_data.c\"]"));
        String out = capOk(c, "apply", "-auto-approve", "-input=false", "-no-color", "-var=on=0");
        assertThat(out).contains("0 added, 1 changed, 2 destroyed");
        assertThat(c.resolve("a-gone")).exists();
    }

    private Path copyFixture(String name) throws Exception {
        Path src = Path.of(getClass().getResource("/state-dependencies").toURI());
        Path dst = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.toList()) {
                Path to = dst.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return dst;
    }

    /** Each managed instance's recorded dependencies by address ({@code []} when absent). */
    static Map<String, JsonNode> dependencies(Path state) throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode r : JSON.readTree(state.toFile()).path("resources")) {
            if (!r.path("mode").asText().equals("managed")) {
                continue;
            }
            String prefix = r.has("module") ? r.path("module").asText() + "." : "";
            for (JsonNode i : r.path("instances")) {
                JsonNode key = i.path("index_key");
                String addr = prefix + r.path("type").asText() + "." + r.path("name").asText()
                        + (key.isMissingNode() ? "" : key.isNumber() ? "[" + key.asInt() + "]" : "[\"" + key.asText() + "\"]");
                out.put(addr, i.has("dependencies") ? i.get("dependencies") : JSON.createArrayNode());
            }
        }
        return out;
    }
}
