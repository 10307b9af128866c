package io.capstan.graph.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration snapshot (what a saved plan records) loads the tree it was taken of, whatever
 * the directories hold afterwards: the same files under the same names, the same module
 * directories, module calls resolved through the snapshot's records, not init's manifest.
 */
class ConfigSnapshotTest {
    @TempDir
    Path dir;

    private static final String MANIFEST = """
            {"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"m","Source":"./mod","Dir":"mod"},
            {"Key":"m.inner","Source":"./inner","Dir":"mod/inner"}]}
            """;

    @Test
    void theSnapshotLoadsTheTreeItWasTakenOfWhateverTheFilesBecame() throws Exception {
        Files.createDirectories(dir.resolve("mod/inner"));
        Files.createDirectories(dir.resolve(".terraform/modules"));
        Files.writeString(dir.resolve(".terraform/modules/modules.json"), MANIFEST);
        Files.writeString(dir.resolve("main.tf"), "module \"m\" {\n  source = \"./mod\"\n}\n");
        Files.writeString(dir.resolve("vars.tf.json"), "{\"variable\": {\"v\": {\"default\": 1}}}\n");
        Files.writeString(dir.resolve("main_override.tf"), "variable \"v\" {\n  default = 2\n}\n");
        Files.writeString(dir.resolve("mod/main.tf"), "module \"inner\" {\n  source = \"./inner\"\n}\n"
                + "resource \"terraform_data\" \"r\" {}\n");
        Files.writeString(dir.resolve("mod/inner/x.tf"), "resource \"terraform_data\" \"i\" {}\n");
        Result<ModuleTree> loaded = ConfigLoader.load(dir, Path.of(".terraform"));
        assertThat(loaded.diagnostics().asList()).isEmpty();
        ConfigSnapshot snap = ConfigSnapshot.of(loaded.value(), dir,
                InstalledModules.read(dir.resolve(".terraform")));
        assertThat(snap.modules().keySet()).containsExactly("", "m", "m.inner");
        assertThat(snap.modules().get("").dir()).isEqualTo(".");
        assertThat(snap.modules().get("").files().keySet()).containsExactly("main.tf", "main_override.tf",
                "vars.tf.json");
        assertThat(snap.modules().get("m.inner").dir()).isEqualTo("mod/inner");
        assertThat(snap.modules().get("m.inner").source()).isEqualTo("./inner");

        // every file changed or gone, the manifest too
        Files.writeString(dir.resolve("main.tf"), "resource \"terraform_data\" \"other\" {}\n");
        Files.delete(dir.resolve("vars.tf.json"));
        Files.delete(dir.resolve("mod/inner/x.tf"));
        Files.writeString(dir.resolve("mod/new.tf"), "this is not HCL {{{\n");
        Files.delete(dir.resolve(".terraform/modules/modules.json"));

        Result<ModuleTree> again = ConfigLoader.load(dir, snap);
        assertThat(again.diagnostics().asList()).isEmpty();
        assertThat(describe(again.value())).isEqualTo(describe(loaded.value()));
        assertThat(again.value().module().variables()).containsKey("v");
        // what the snapshot of the reloaded tree records is what it was loaded from
        assertThat(ConfigSnapshot.of(again.value(), dir, null)).isEqualTo(snap);
    }

    @Test
    void aSnapshotsFilesAreParsedAsTheDirectorysWereWithTheirErrorsAndNames() throws Exception {
        Files.writeString(dir.resolve("main.tf"), "resource \"terraform_data\" \"a\" {}\n");
        Result<ModuleTree> loaded = ConfigLoader.load(dir, Path.of(".terraform"));
        ConfigSnapshot snap = ConfigSnapshot.of(loaded.value(), dir, InstalledModules.read(dir.resolve(".terraform")));
        ConfigSnapshot broken = new ConfigSnapshot(java.util.Map.of("", new ConfigSnapshot.SnapshotModule(".", null,
                null, java.util.Map.of("main.tf", "resource \"terraform_data\" {\n".getBytes(StandardCharsets.UTF_8)))));
        Result<ModuleTree> r = ConfigLoader.load(dir, broken);
        assertThat(r.diagnostics().asList()).isNotEmpty().allMatch(d -> d.subject() == null
                || d.subject().filename().equals("main.tf"));
        assertThat(snap).isNotEqualTo(broken);
    }

    /** Each module's path, directory (relative), file names and resources. */
    private List<String> describe(ModuleTree tree) {
        List<String> out = new ArrayList<>();
        tree.walk(t -> out.add(t.path() + " " + dir.relativize(t.module().dir()) + " "
                + t.module().files().stream().map(File::filename).toList() + " " + t.module().resources().keySet()));
        return out;
    }
}
