package io.capstan.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test of {@link PlanRenderer} against terraform 1.11: for every recorded case
 * and step, rendering terraform's own {@code show -json} of the plan file with the recorded
 * provider schemas must give exactly what {@code terraform show} printed for that plan file,
 * with and without colour. Goldens are re-recorded with {@code -Dgolden.update=true} (see
 * {@link GoldenRecordTest}).
 */
class PlanRendererDifferentialTest {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final Path GOLDEN = GoldenRecordTest.ROOT.resolve("golden");
    private static int total;
    private static int matched;

    static RenderMode modeOf(String step) {
        return switch (step) {
            case "destroy" -> RenderMode.DESTROY;
            case "refresh" -> RenderMode.REFRESH_ONLY;
            default -> RenderMode.NORMAL;
        };
    }

    static List<Path> steps() throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(GOLDEN)) {
            s.filter(p -> p.getFileName().toString().equals("show.txt")).sorted().forEach(p -> out.add(p.getParent()));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> rendersLikeTerraformShow() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path step : steps()) {
            String name = GOLDEN.relativize(step).toString();
            JsonNode schemas = JSON.readTree(step.getParent().resolve("schemas.json").toFile());
            JsonNode plan = JSON.readTree(step.resolve("plan.json").toFile());
            RenderMode mode = modeOf(step.getFileName().toString());
            for (boolean color : new boolean[] {false, true}) {
                Path expected = step.resolve(color ? "show.color.txt" : "show.txt");
                tests.add(DynamicTest.dynamicTest(name + (color ? " (colour)" : " (no colour)"), () -> {
                    total++;
                    String actual = new PlanRenderer(schemas).render(plan, new RenderOptions(color, mode));
                    String want = Files.readString(expected);
                    if (!want.equals(actual)) {
                        Path dump = Path.of("target/render-actual").resolve(name + (color ? ".color.txt" : ".txt"));
                        Files.createDirectories(dump.getParent());
                        Files.writeString(dump, actual);
                    }
                    assertEquals(want, actual);
                    matched++;
                }));
            }
        }
        return tests.stream();
    }

    @AfterAll
    static void report() {
        System.out.println("plan render vs terraform show: " + matched + "/" + total + " match");
    }
}
