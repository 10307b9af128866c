package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An expression's error ends a piped {@code console} session as terraform 1.11.4's ends it: the
 * diagnostic framed and coloured, passed through the UI's error colour, unless {@code -no-color}
 * (plain then), exit code 1; the values before it are not printed. Standard output, standard error
 * and exit code compared byte for byte; skipped, with a printed reason, when terraform is absent.
 */
class PipedConsoleErrorsDifferentialTest {
    @TempDir
    Path tmp;

    record Streams(int exit, String out, String err) {
    }

    @Test
    void errorsOfAPipedSessionAreFramedAsTerraformsAre() throws Exception {
        Differential.terraform();
        Files.writeString(tmp.resolve("main.tf"), "variable \"v\" {\n  default = 1\n}\nlocals {\n  l = [1, 2]\n}\n");
        List<String> inputs = List.of("var.nope\n", "var.v\n1 +\nvar.v\n", "local.l[5]\n", "upper(1, 2)\n",
                "var.v\n\"a\" + 1\n", "local.l\nvar.v\n");
        int n = 0;
        for (String input : inputs) {
            for (List<String> args : List.of(List.of("console"), List.of("console", "-no-color"))) {
                Streams tf = terraform(tmp, input, args);
                Streams cap = capstan(tmp, input, args);
                String what = String.join(" ", args) + " <<< " + input.replace("\n", "\\n");
                assertThat(cap.exit()).as(what + "\n" + cap.err()).isEqualTo(tf.exit());
                assertThat(cap.out()).as(what + " (stdout)").isEqualTo(tf.out());
                assertThat(cap.err()).as(what + " (stderr)").isEqualTo(tf.err());
                n++;
            }
        }
        System.out.println("piped console sessions: " + n + " runs equal to terraform's");
    }

    private static Streams terraform(Path dir, String input, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Differential.terraform().toString());
        cmd.addAll(args);
        Path in = Files.createTempFile("tf-in", ".txt");
        Path out = Files.createTempFile("tf-out", ".txt");
        Path err = Files.createTempFile("tf-err", ".txt");
        try {
            Files.writeString(in, input);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectInput(in.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
            pb.environment().put("CHECKPOINT_DISABLE", "1");
            pb.environment().remove("TF_LOG");
            pb.environment().remove("TF_CLI_ARGS");
            Process p = pb.start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return new Streams(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Streams capstan(Path dir, String input, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("TF_LOG");
        env.remove("TF_CLI_ARGS");
        int code = Main.runFor(dir, false, env, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Streams(code, out.toString(), err.toString());
    }
}
