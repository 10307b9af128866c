package io.capstan.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.engine.plan.PlanMode;
import io.capstan.engine.plan.PlanOptions;
import io.capstan.engine.state.StateFile;
import io.capstan.graph.config.ConfigSnapshot;
import io.capstan.hcl.diag.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan file's configuration snapshot and format checks. */
class PlanFileTest {
    @TempDir
    Path dir;

    private static final PlanOptions GIVEN = new PlanOptions(List.of(), Map.of(), PlanMode.NORMAL, true, List.of(),
            List.of(), 10, "default");

    @Test
    void theSnapshotIsWrittenAndReadBackByteForByte() {
        byte[] latin1 = {'#', ' ', (byte) 0xE9, '\n'}; // not UTF-8: kept as read all the same
        ConfigSnapshot snap = new ConfigSnapshot(Map.of(
                "", new ConfigSnapshot.SnapshotModule(".", null, null, Map.of("main.tf", "x = 1\n".getBytes(),
                        "odd.tf", latin1)),
                "m", new ConfigSnapshot.SnapshotModule(".terraform/modules/m", "registry.terraform.io/a/b/c", "1.2.0",
                        Map.of("m.tf.json", "{}".getBytes()))));
        assertThat(PlanFile.snapshot(PlanFile.snapshotJson(snap))).isEqualTo(snap);
        // without a root module (a plan that failed before loading): nothing to apply
        assertThat(PlanFile.snapshot(PlanFile.snapshotJson(null))).isNull();
    }

    @Test
    void aPlanFileOfAnEarlierFormatIsRefusedWithRunPlanAgain() throws Exception {
        Path f = dir.resolve("tfplan");
        Files.writeString(f, "{\"capstan_plan_format\": 2, \"config_hash\": \"00\", \"plan\": {}}");
        Result<PlanFile.Loaded> r = PlanFile.read(dir, f, StateFile.empty(), GIVEN);
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.diagnostics().asList().get(0).summary()).isEqualTo("Failed to load \"" + f + "\" as a plan file");
        assertThat(r.diagnostics().asList().get(0).detail()).endsWith("another version of Capstan; run plan again.");
    }

    @Test
    void aPlanFileWithoutItsConfigurationIsInvalid() throws Exception {
        Path f = dir.resolve("tfplan");
        Files.writeString(f, "{\"capstan_plan_format\": 4, \"serial\": 0, \"configuration\": [], \"plan\": {}}");
        Result<PlanFile.Loaded> r = PlanFile.read(dir, f, StateFile.empty(), GIVEN);
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.diagnostics().asList().get(0).summary()).isEqualTo("Invalid plan file");
    }
}
