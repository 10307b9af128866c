package io.capstan.engine.render;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Regeneration mode of the render golden files: with {@code -Dgolden.update=true} (and
 * {@code terraform} on the PATH) every case under {@code src/test/resources/render/cases/} is
 * run through the real terraform and its outputs are written to
 * {@code src/test/resources/render/golden/}; review the diff and commit it. Without the flag
 * this only checks every case has goldens, so a new case cannot be forgotten.
 */
class GoldenRecordTest {
    static final Path ROOT = Path.of(System.getProperty("capstan.root", "..")).resolve("plan-apply/src/test/resources/render");

    static List<String> caseNames() throws Exception {
        try (Stream<Path> s = Files.list(ROOT.resolve("cases"))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void goldensExistForEveryCaseOrAreRecorded() throws Exception {
        boolean update = Boolean.getBoolean("golden.update");
        GoldenRecorder recorder = new GoldenRecorder(ROOT.resolve("cases"), ROOT.resolve("golden"));
        for (String name : caseNames()) {
            boolean aws = Files.exists(ROOT.resolve("cases").resolve(name).resolve("plan-only"));
            if (update) {
                if (!GoldenRecorder.terraformAvailable()) {
                    System.out.println("SKIP: terraform not on PATH, goldens not re-recorded");
                    return;
                }
                if (aws && !GoldenRecorder.awsMirrorAvailable()) {
                    System.out.println("SKIP: aws provider mirror /opt/tf-plugins absent, " + name + " not re-recorded");
                    continue;
                }
                System.out.println("recorded " + name + ": " + recorder.record(name));
            }
            assertFalse(!Files.isDirectory(ROOT.resolve("golden").resolve(name)), "no goldens for case " + name
                    + "; record them with -Dgolden.update=true");
        }
    }
}
