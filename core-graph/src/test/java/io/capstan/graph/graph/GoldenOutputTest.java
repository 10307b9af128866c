package io.capstan.graph.graph;

import io.capstan.graph.config.ConfigLoader;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.validate.Validation;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.DiagnosticRenderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files for what users read: DOT for each graph type, and rendered validate
 * diagnostics. Run with {@code -Dgolden.update=true} to rewrite them, then review the diff.
 */
class GoldenOutputTest {
    private static final Path GRAPH = Path.of("src/test/resources/graph");
    private static final Path RENDER = Path.of("src/test/resources/render");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hello", "modules"})
    void dot(String scenario) throws IOException {
        Path dir = GRAPH.resolve(scenario);
        ModuleTree tree = ConfigLoader.load(dir).value();
        golden(dir.resolve("graph.dot"), DotWriter.resources(GraphBuilder.build(tree, GraphType.VALIDATE).value()));
        for (GraphType t : new GraphType[]{GraphType.PLAN, GraphType.APPLY}) {
            golden(dir.resolve(t.flag() + ".dot"), DotWriter.operation(GraphBuilder.build(tree, t).value()));
        }
        // plan-destroy is drawn from the state: with none, the root module's outputs only
        golden(dir.resolve("plan-destroy.dot"), DestroyGraph.draw(GraphBuilder.build(tree, GraphType.PLAN).value(),
                java.util.List.of()).write());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unsupported_argument", "cycle", "undeclared"})
    void diagnostics(String scenario) throws IOException {
        Path dir = RENDER.resolve(scenario);
        Validation.Outcome out = Validation.validate(dir);
        Map<String, File> files = new HashMap<>();
        out.config().walk(t -> t.module().files().forEach(f -> files.put(f.filename(), f)));
        DiagnosticRenderer r = new DiagnosticRenderer(new DiagnosticRenderer.Sources() {
            @Override
            public byte[] bytes(String filename) {
                return files.containsKey(filename) ? files.get(filename).bytes() : null;
            }

            @Override
            public String context(String filename, int byteOffset) {
                return files.containsKey(filename) ? files.get(filename).contextString(byteOffset) : "";
            }
        }, false, DiagnosticRenderer.DEFAULT_WIDTH);
        golden(dir.resolve("expected.txt"), r.renderAll(out.diagnostics()));
    }

    private static void golden(Path file, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.writeString(file, actual);
        }
        assertThat(actual).as(file.toString()).isEqualTo(Files.readString(file));
    }
}
