package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code console} given a flag it does not define ({@code -lock}, {@code -lock-timeout}, any
 * other), as terraform 1.11.4's console refuses it: its usage, then "Error parsing command line
 * flags: flag provided but not defined: -NAME", in its error colour unless {@code -no-color} is
 * anywhere among the arguments, exit code 1. Compared byte for byte but for the usage prose (each
 * tool's own words, masked on both sides by {@link UsageBlocks}, whose flags are compared as sets);
 * skipped, with a printed reason, when terraform is absent.
 */
class ConsoleFlagsDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void undefinedFlagsAreRefusedAsTerraformRefusesThem() throws Exception {
        Differential.terraform();
        Files.writeString(tmp.resolve("main.tf"), "locals {\n  a = 1\n}\n");
        List<List<String>> cases = List.of(
                List.of("console", "-lock=false"),
                List.of("console", "-lock-timeout=1s"),
                List.of("console", "-no-color", "-lock=false"),
                List.of("console", "-lock-timeout=5s", "-no-color"),
                List.of("console", "-plan", "-var", "a=b", "-lock"),
                List.of("console", "--lock"),
                List.of("console", "-refresh=false", "-no-color"));
        for (List<String> args : cases) {
            Differential.Run tf = Differential.tf(tmp, args.toArray(String[]::new));
            Differential.Run cap = Differential.cap(tmp, args.toArray(String[]::new));
            assertThat(tf.exit()).as(tf.out()).isEqualTo(1);
            assertThat(tf.out()).contains("flag provided but not defined: -");
            assertThat(cap.exit()).as(cap.out()).isEqualTo(1);
            assertThat(UsageBlocks.flags(tf.out())).as("terraform's usage").isNotNull();
            UsageBlocks.assertEqual("console", tf.out(), cap.out(), String.join(" ", args));
        }
        System.out.println("console with undefined flags: " + cases.size()
                + " outputs equal to terraform's but for the usage prose");
    }
}
