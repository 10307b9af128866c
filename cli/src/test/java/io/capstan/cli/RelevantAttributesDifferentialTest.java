package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show -json PLANFILE}'s {@code relevant_attributes} against the real {@code terraform}:
 * after both tools applied the same configuration (a {@code local_file}, {@code terraform_data}
 * with {@code count}, a module, locals, outputs), the file is deleted outside either tool and a
 * variable changes, so the refresh finds the file gone and the plan recreates it. The attributes
 * terraform lists (what changing resources and outputs refer to, through locals, module inputs and
 * outputs and other resources' arguments, splats stopping at the resource) must be the same set in
 * Capstan's plan file. Skipped, with a printed reason, only when terraform is not on the PATH.
 */
class RelevantAttributesDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = RelevantAttributesDifferentialTest.class.getResourceAsStream("/relevant-attributes/"
                + resource)) {
            Files.createDirectories(to.getParent());
            Files.write(to, in.readAllBytes());
        }
    }

    @Test
    void planFileListsTheAttributesTerraformFindsRelevant() throws Exception {
        Differential.terraform();
        Path t = Files.createDirectories(tmp.resolve("terraform"));
        Path c = Files.createDirectories(tmp.resolve("capstan"));
        for (Path d : new Path[] {t, c}) {
            copy("main.tf", d.resolve("main.tf"));
            copy("m/main.tf", d.resolve("m/main.tf"));
        }
        String[] init = Differential.init(Differential.mirrors(tmp, "local"));
        Differential.tfOk(t, init);
        Differential.capOk(c, init);
        Differential.tfOk(t, "apply", "-auto-approve", "-input=false", "-no-color");
        Differential.capOk(c, "apply", "-auto-approve", "-input=false", "-no-color");

        // changed outside: the refresh finds the file gone; and a variable the file's content comes from
        Files.delete(t.resolve("f.txt"));
        Files.delete(c.resolve("f.txt"));
        Differential.tfOk(t, "plan", "-input=false", "-no-color", "-var", "c=two", "-out=tfplan");
        Differential.capOk(c, "plan", "-input=false", "-no-color", "-var", "c=two", "-out=tfplan");
        JsonNode tShow = JSON.readTree(Differential.tfOk(t, "show", "-json", "tfplan"));
        JsonNode cShow = JSON.readTree(Differential.capOk(c, "show", "-json", "tfplan"));

        assertThat(relevant(tShow)).contains("local_file.f [\"content\"]", "local_file.f [\"id\"]",
                "module.m.terraform_data.inner [\"output\"]", "terraform_data.n []");
        assertThat(relevant(cShow)).isEqualTo(relevant(tShow));
        // placed where terraform puts it: after the configuration section
        assertThat(fieldAfter(cShow, "configuration")).isEqualTo("relevant_attributes");
    }

    /** Each entry as {@code RESOURCE ATTRIBUTE-PATH}; terraform's order comes from a map, so a set. */
    private static Set<String> relevant(JsonNode show) {
        Set<String> out = new TreeSet<>();
        for (JsonNode a : show.path("relevant_attributes")) {
            out.add(a.path("resource").asText() + " " + a.path("attribute"));
        }
        return out;
    }

    private static String fieldAfter(JsonNode n, String field) {
        var names = n.fieldNames();
        while (names.hasNext()) {
            if (names.next().equals(field)) {
                return names.hasNext() ? names.next() : null;
            }
        }
        return null;
    }
}
