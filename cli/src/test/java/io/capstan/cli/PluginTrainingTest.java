package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/capstan's full class-data archive is recorded from {@code Train CONFIG_DIR}; its training ends with a
 * real provider plugin run (init, plan, apply, destroy with {@code io.capstan.cli.init.TrainingProvider} in
 * its own process), so the archive holds the plugin host's side of the calls. The lean archive's training
 * ({@code -no-providers}) must not start one: that archive is kept without the plugin stack. Each training
 * runs in a JVM of its own with a temporary directory of the test's, which must be empty afterwards.
 */
class PluginTrainingTest {

    @TempDir
    Path dir;

    private Set<String> loaded(String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        Files.deleteIfExists(log);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> jvm = new ArrayList<>(ForkedJvm.classLoadLogging(log));
        jvm.add("-Djava.io.tmpdir=" + tmp);
        ForkedJvm.runOk(dir, jvm, "io.capstan.cli.Train", List.of(args), null, false, 300);
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.toList()).as("what the training left in its temporary directory").isEmpty();
        }
        return ForkedJvm.loadedClasses(log);
    }

    @Test
    void fullTrainingAppliesWithARealProviderPlugin() throws Exception {
        Files.writeString(dir.resolve("main.tf"), "resource \"terraform_data\" \"a\" {}\n");
        Set<String> classes = loaded(dir.toString());
        // installed from the mirror, launched over the private socket, and every call of a plan, an apply
        // and a provider function made through the plugin client
        assertThat(classes).contains("io.capstan.cli.InitCommand", "io.capstan.provider.plugin.PrivateSocket",
                "io.capstan.provider.client.internal.GrpcProviderClient6",
                "io.capstan.provider.proto.tfplugin6.PlanResourceChange$Request",
                "io.capstan.provider.proto.tfplugin6.ApplyResourceChange$Request",
                "io.capstan.provider.proto.tfplugin6.CallFunction$Request",
                "io.capstan.engine.render.CollectionRenderers$MapRenderer");
        // the provider itself runs in its own process, not in the training JVM
        assertThat(classes).doesNotContain("io.capstan.provider.sdk.ProviderMain", "io.capstan.provider.sdk.ProviderService6");
    }

    @Test
    void leanTrainingStartsNoProviderPlugin() throws Exception {
        Files.writeString(dir.resolve("main.tf"), "resource \"terraform_data\" \"a\" {}\n");
        Set<String> classes = loaded(dir.toString(), "-no-providers");
        assertThat(classes).contains("io.capstan.engine.plan.Engine");
        assertThat(classes).doesNotContain("io.capstan.cli.InitCommand", "io.capstan.provider.plugin.PrivateSocket",
                "io.capstan.provider.client.internal.GrpcProviderClient6");
    }
}
