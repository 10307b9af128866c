package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data source reads deferred to apply are announced as terraform 1.11.4 announces them: the human
 * plan's {@code <= data} blocks with "(depends on a resource or a module with changes pending)" and
 * "(config refers to values not yet known)", the latter showing the configuration as far as it is
 * known (not one "(known after apply)" for the whole object), compared byte for byte with
 * {@code json-ui/deferred-read/terraform.txt} (recorded with {@code terraform plan -no-color}); the
 * {@code -json} form is the {@code deferred-read} case of {@link JsonUiParityTest}. The apply then
 * performs both reads and announces them as terraform's does ("Reading..." / "Read complete", and
 * under {@code -json} the lines of {@code terraform-apply.jsonl}, recorded with
 * {@code terraform apply -auto-approve -json}).
 */
class DeferredReadPlanTest {
    @TempDir
    Path dir;

    private static String resource(String name) throws IOException {
        try (InputStream in = DeferredReadPlanTest.class.getResourceAsStream("/json-ui/deferred-read/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String capstan(int expectedCode, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "-chdir=" + dir;
        System.arraycopy(args, 0, all, 1, args.length);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(all, new PrintWriter(o, true), new PrintWriter(e, true));
        assertThat(code).as(o + "\n" + e).isEqualTo(expectedCode);
        return o.toString();
    }

    @Test
    void humanPlanAnnouncesDeferredReadsLikeTerraform() throws Exception {
        Files.writeString(dir.resolve("main.tf"), resource("main.tf"));
        Files.writeString(dir.resolve("a.tfstate"), resource("a.tfstate"));
        assertThat(capstan(0, "plan", "-no-color")).isEqualTo(resource("terraform.txt"));

        assertThat(capstan(0, "apply", "-auto-approve", "-no-color"))
                .contains("data.terraform_remote_state.unknown: Reading...")
                .contains("data.terraform_remote_state.pending: Reading...")
                .contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
        assertThat(capstan(0, "state", "list")).isEqualTo("""
                data.terraform_remote_state.pending
                data.terraform_remote_state.unknown
                terraform_data.a
                """);

        Files.delete(dir.resolve("terraform.tfstate"));
        assertThat(normalized(capstan(0, "apply", "-auto-approve", "-json")))
                .isEqualTo(normalized(resource("terraform-apply.jsonl")));
    }

    /** Lines without timestamps and ids (terraform_data's id is random), sorted: parallel work may interleave. */
    private static List<String> normalized(String jsonl) {
        return jsonl.lines().filter(l -> !l.isBlank())
                .map(l -> l.replaceAll("\"@timestamp\":\"[^\"]*\"", "").replaceAll(
                        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID"))
                .sorted().toList();
    }
}
