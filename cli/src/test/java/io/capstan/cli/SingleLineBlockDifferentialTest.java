package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-line block with an error, compared with terraform 1.11.4: HCL keeps the block (its
 * diagnostics have its "in ..." context and its argument is decoded: "Unsupported argument"),
 * and its recovery runs to the next closing brace (a following single-line block is skipped);
 * a configuration that does not load reports that and not its {@code required_version}.
 * {@code validate} and {@code plan}, human ({@code -no-color}) and {@code -json}, exit codes.
 * Skipped, with a printed reason, when terraform is absent.
 */
class SingleLineBlockDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static final List<String> CONFIGS = List.of(
            // the gap's case: the block's closing brace on the next line
            "terraform { required_version = \"1\"\n}\n",
            // decoded despite the error; a comma; no '='; nothing but '='
            "terraform { foo = 1\n}\nvariable \"x\" { bar = 2, baz = 3 }\nlocals { a }\nlocals { = 1 }\n",
            // something else after the argument
            "locals { a = 1 2 }\nlocals {\n  b = 1\n}\n",
            // a failed expression, then a later block
            "locals { a = (1 +\n}\nlocals {\n  c = 1\n}\n",
            // the end of the file
            "locals { a = 1",
            // a reference in a broken block is not evaluated
            "resource \"terraform_data\" \"x\" { input = nosuch.x\n}\n",
            "locals { a\n}\nlocals { b = 1 }\n",
            // a syntax error elsewhere and an unsupported version: the syntax error only
            "terraform { required_version = \"1\" }\nlocals { a = 1\n}\n",
            "terraform { required_version = \"1\" }\nvariable \"x\" {\n  bogus = 1\n}\n");

    @Test
    void brokenSingleLineBlocksAreKeptAsHclKeepsThem() throws Exception {
        Differential.terraform();
        int n = 0;
        for (String config : CONFIGS) {
            Path t = Files.createDirectories(tmp.resolve("t" + n));
            Path c = Files.createDirectories(tmp.resolve("c" + n));
            Files.writeString(t.resolve("main.tf"), config);
            Files.writeString(c.resolve("main.tf"), config);
            for (String cmd : List.of("validate", "plan")) {
                Differential.Run tf = Differential.tf(t, cmd, "-no-color");
                Differential.Run cap = Differential.cap(c, cmd, "-no-color");
                assertThat(tf.exit()).as(config + "\n" + tf.out()).isEqualTo(1);
                assertThat(cap.exit()).as(cap.out()).isEqualTo(1);
                assertThat(cap.out()).as(config).isEqualTo(tf.out());
                Differential.Run tfj = Differential.tfStdout(t, cmd, "-json");
                Differential.Run capj = Differential.capStdout(c, cmd, "-json");
                assertThat(capj.exit()).isEqualTo(tfj.exit()).isEqualTo(1);
                assertThat(diagnostics(capj.out(), cmd)).as(config).isEqualTo(diagnostics(tfj.out(), cmd)).isNotEmpty();
            }
            n++;
        }
        Differential.Run gap = Differential.cap(tmp.resolve("c0"), "validate", "-no-color");
        assertThat(gap.out()).contains("Error: Invalid single-argument block definition\n\n"
                + "  on main.tf line 1, in terraform:\n");
        System.out.println("broken single-line blocks: " + n + " configurations, validate and plan, human and -json "
                + "equal to terraform's");
    }

    /** The diagnostics of {@code validate -json} (one document) or a {@code -json} UI stream, in order. */
    private static List<String> diagnostics(String out, String cmd) throws Exception {
        List<String> list = new ArrayList<>();
        if (cmd.equals("validate")) {
            JSON.readTree(out).path("diagnostics").forEach(d -> list.add(d.toString()));
        } else {
            for (ObjectNode m : Differential.uiMessages(out)) {
                if (m.path("type").asText().equals("diagnostic")) {
                    list.add(m.path("diagnostic").toString());
                }
            }
        }
        return list;
    }
}
