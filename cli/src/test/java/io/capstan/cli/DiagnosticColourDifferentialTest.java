package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine commands' diagnostics in a piped run without {@code -no-color}, as terraform 1.11.4's
 * view prints them: coloured (its view colours unless {@code -no-color}; it does not ask whether
 * the output is a terminal) and wrapped at 78 columns. plan, apply, destroy and import
 * on a configuration with errors, byte for byte. Skipped, with a printed reason, when terraform is
 * absent.
 */
class DiagnosticColourDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void diagnosticsAreColouredUnlessNoColor() throws Exception {
        Differential.terraform();
        Path t = tmp.resolve("terraform");
        Path c = tmp.resolve("capstan");
        for (Path d : List.of(t, c)) {
            Files.createDirectories(d);
            Files.writeString(d.resolve("main.tf"), """
                    resource "terraform_data" "a" {
                      input = 1
                    }

                    variable "v" {
                      type    = string
                      default = "x"
                      validation {
                        condition     = true
                        error_message = "m"
                      }
                    }
                    """);
        }
        List<List<String>> commands = List.of(List.of("plan", "-input=false"), List.of("apply", "-auto-approve",
                "-input=false"), List.of("destroy", "-auto-approve", "-input=false"),
                List.of("import", "-input=false", "terraform_data.a", "x"));
        for (List<String> args : commands) {
            Differential.Run tf = Differential.tf(t, args.toArray(String[]::new));
            Differential.Run cap = Differential.cap(c, args.toArray(String[]::new));
            assertThat(tf.exit()).as(tf.out()).isEqualTo(1);
            assertThat(tf.out()).contains("\u001b[31m\u2502\u001b[0m \u001b[0m\u001b[1m\u001b[31mError: \u001b[0m");
            assertThat(cap.exit()).as(cap.out()).isEqualTo(1);
            assertThat(cap.out()).as(String.join(" ", args)).isEqualTo(tf.out());
            // and plain with -no-color
            List<String> plain = new java.util.ArrayList<>(args);
            plain.add(1, "-no-color");
            assertThat(Differential.cap(c, plain.toArray(String[]::new)).out())
                    .isEqualTo(Differential.tf(t, plain.toArray(String[]::new)).out()).doesNotContain("\u001b[");
        }
        System.out.println("coloured diagnostics (plan, apply, destroy, import), piped: "
                + commands.size() * 2 + " outputs equal to terraform's");
    }
}
