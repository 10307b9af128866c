package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import ADDR ID} loads module calls as terraform 1.11.4's does, through the
 * {@code .terraform/modules/modules.json} init writes: before init a local module is "Module not
 * installed" (nothing imported, no state written), after init an object is imported into the
 * module, and a call the manifest lacks is again "Module not installed". Output and exit codes
 * compared; skipped, with a printed reason, when terraform is absent.
 */
class ImportModulesDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void importReadsModulesThroughTheManifest() throws Exception {
        Differential.terraform();
        Path t = tmp.resolve("terraform");
        Path c = tmp.resolve("capstan");
        for (Path d : List.of(t, c)) {
            Files.createDirectories(d.resolve("m"));
            Files.writeString(d.resolve("main.tf"), "module \"m\" {\n  source = \"./m\"\n}\n\n"
                    + "resource \"terraform_data\" \"x\" {\n}\n");
            Files.writeString(d.resolve("m/main.tf"), "resource \"terraform_data\" \"y\" {\n}\n");
        }
        // before init: terraform's loader finds no record of the call
        for (String addr : List.of("terraform_data.x", "module.m.terraform_data.y")) {
            Differential.Run tf = Differential.tf(t, "import", "-no-color", addr, "abc");
            Differential.Run cap = Differential.cap(c, "import", "-no-color", addr, "abc");
            assertThat(tf.exit()).as(tf.out()).isEqualTo(1);
            assertThat(tf.out()).contains("Error: Module not installed");
            assertThat(cap.exit()).as(cap.out()).isEqualTo(1);
            assertThat(cap.out()).isEqualTo(tf.out());
        }
        assertThat(c.resolve("terraform.tfstate")).doesNotExist();

        // after init: imported into the module
        Differential.tfOk(t, "init", "-input=false", "-no-color");
        Differential.capOk(c, "init", "-input=false", "-no-color");
        Differential.Run tf = Differential.tf(t, "import", "-no-color", "module.m.terraform_data.y", "abc");
        Differential.Run cap = Differential.cap(c, "import", "-no-color", "module.m.terraform_data.y", "abc");
        assertThat(tf.exit()).as(tf.out()).isZero();
        assertThat(cap.exit()).as(cap.out()).isZero();
        assertThat(cap.out()).isEqualTo(tf.out()).contains("Import successful!");
        assertThat(Differential.capOk(c, "state", "list")).isEqualTo(Differential.tfOk(t, "state", "list"))
                .isEqualTo("module.m.terraform_data.y\n");

        // a call init has not recorded
        for (Path d : List.of(t, c)) {
            Files.writeString(d.resolve("more.tf"), "module \"n\" {\n  source = \"./m\"\n}\n");
        }
        tf = Differential.tf(t, "import", "-no-color", "terraform_data.x", "abc");
        cap = Differential.cap(c, "import", "-no-color", "terraform_data.x", "abc");
        assertThat(tf.exit()).as(tf.out()).isEqualTo(1);
        assertThat(tf.out()).contains("Error: Module not installed");
        assertThat(cap.exit()).as(cap.out()).isEqualTo(1);
        assertThat(cap.out()).isEqualTo(tf.out());
        System.out.println("import with module calls before init, after init and missing from the manifest: "
                + "5 outputs equal to terraform's");
    }
}
