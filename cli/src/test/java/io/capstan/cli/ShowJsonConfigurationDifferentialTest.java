package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code show -json PLANFILE}'s {@code configuration} section, the part of terraform's JSON plan
 * that policy tools (OPA/conftest, Sentinel-like checks) read, compared byte for byte (key order
 * included) with the real {@code terraform}'s on the same configuration: modules (nested, with
 * count and for_each, passed and inherited providers), resources' expressions (constant values,
 * references unwrapped step by step, nested object and keyed references), count/for_each
 * expressions, depends_on, provisioners, data sources, variables (defaults, descriptions,
 * sensitive), outputs and provider aliases with version constraints. Skipped, with a printed
 * reason, only when terraform is not on the PATH.
 */
class ShowJsonConfigurationDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"modules-count-aliases", "foreach-provisioners-passed-providers"})
    void configurationSectionIsTerraforms(String name) throws Exception {
        Differential.terraform();
        Path t = copy(name, tmp.resolve("terraform"));
        Path c = copy(name, tmp.resolve("capstan"));
        List<String> init = new ArrayList<>(List.of("init", "-input=false", "-no-color"));
        for (Path m : Differential.mirrors(tmp, "random", "local", "time")) {
            init.add("-plugin-dir=" + m);
        }
        Differential.tfOk(t, init.toArray(String[]::new));
        Differential.capOk(c, init.toArray(String[]::new));
        String[] plan = {"plan", "-input=false", "-no-color", "-var=req=r", "-out=tfplan"};
        Differential.tfOk(t, plan);
        Differential.capOk(c, plan);

        JsonNode tf = JSON.readTree(Differential.tfOk(t, "show", "-json", "tfplan")).get("configuration");
        JsonNode cap = JSON.readTree(Differential.capOk(c, "show", "-json", "tfplan")).get("configuration");
        assertThat(tf.path("root_module").path("resources").size()).as("terraform describes the resources").isPositive();
        assertThat(cap).as("Capstan's plan has a configuration section").isNotNull();
        assertThat(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cap))
                .isEqualTo(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tf));
    }

    private Path copy(String name, Path to) throws IOException, URISyntaxException {
        Path from = Path.of(getClass().getResource("/show-json-configuration/" + name).toURI());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest);
                }
            }
        }
        return to;
    }
}
