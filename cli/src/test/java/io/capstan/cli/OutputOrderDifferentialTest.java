package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What terraform 1.11.4 prints in a fixed order, compared with the real {@code terraform}: a
 * resource change's keys in {@code show -json PLANFILE} ({@code replace_paths} before
 * {@code importing}, as Go writes its struct's fields), the errors of {@code graph} and
 * {@code providers} (sorted by file and position, as {@code Meta.showDiagnostics} sorts them), and
 * a failed {@code init}'s summary (an error diagnostic in terraform's words, after the backend's
 * header).
 */
class OutputOrderDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** An import whose configuration forces a replacement: both keys in one change. */
    @Test
    void planJsonWritesReplacePathsBeforeImporting() throws Exception {
        Path[] d = dirs(Map.of("main.tf", """
                terraform {
                  required_providers {
                    random = { source = "capstan/random" }
                  }
                }
                import {
                  to = random_integer.n
                  id = "5,1,10"
                }
                resource "random_integer" "n" {
                  min = 1
                  max = 20
                }
                """));
        String[] init = Differential.init(Differential.mirrors(tmp, "random"));
        Differential.tfOk(d[0], init);
        Differential.capOk(d[1], init);
        Differential.tfOk(d[0], "plan", "-no-color", "-out=p.tfplan");
        Differential.capOk(d[1], "plan", "-no-color", "-out=p.tfplan");
        List<String> tf = changes(Differential.tfStdout(d[0], "show", "-json", "p.tfplan").out());
        List<String> cap = changes(Differential.capStdout(d[1], "show", "-json", "p.tfplan").out());
        assertThat(tf).hasSize(1);
        assertThat(tf.get(0)).contains("\"replace_paths\":[[\"max\"]],\"importing\":{\"id\":\"5,1,10\"}");
        assertThat(cap).isEqualTo(tf); // the text: keys in terraform's order
        System.out.println("show -json: an imported replacement's change equal to terraform's, keys in its order");
    }

    /**
     * Errors in two files, found by different steps of the loader: printed in file and line order,
     * by {@code graph} with the files named as given (ConfigLoadingDifferentialTest has its absolute
     * names for errors found after the root module).
     */
    @Test
    void graphAndProvidersSortTheirErrors() throws Exception {
        Path[] d = dirs(Map.of("a.tf", "variable \"v\" {\n  type = strin\n}\n", "b.tf",
                "resource \"terraform_data\" \"z\" {\n  input = \n}\n"));
        Differential.Run tf = Differential.tf(d[0], "providers", "-no-color");
        Differential.Run cap = Differential.cap(d[1], "providers", "-no-color");
        assertThat(tf.exit()).isEqualTo(cap.exit()).isEqualTo(1);
        assertThat(tf.out().indexOf("on a.tf line 2")).isPositive().isLessThan(tf.out().indexOf("on b.tf line 2"));
        assertThat(cap.out()).isEqualTo(tf.out());
        tf = Differential.tf(d[0], "graph", "-no-color");
        cap = Differential.cap(d[1], "graph", "-no-color");
        assertThat(tf.exit()).isEqualTo(cap.exit()).isEqualTo(1);
        // the root module's errors name its files as given (terraform's backend step reads it first)
        assertThat(cap.out()).isEqualTo(tf.out());
        System.out.println("graph, providers: a root module's errors as terraform prints them, in its order");
    }

    /** A configuration init cannot read: terraform's summary, byte for byte. */
    @Test
    void initSaysWhatTerraformSaysWhenTheConfigurationIsInvalid() throws Exception {
        Path[] d = dirs(Map.of("main.tf", "resource \"terraform_data\" \"a\" {\n  input = \n}\n"));
        Differential.Run tf = Differential.tf(d[0], "init", "-input=false", "-no-color");
        Differential.Run cap = Differential.cap(d[1], "init", "-input=false", "-no-color");
        assertThat(tf.exit()).isEqualTo(cap.exit()).isEqualTo(1);
        assertThat(tf.out()).startsWith("Initializing the backend...\n\nError: Terraform encountered problems during "
                + "initialisation, including problems\nwith the configuration, described below.\n\nThe Terraform "
                + "configuration must be valid before initialization so that\nTerraform can determine which modules "
                + "and providers need to be installed.\n\n\nError: Invalid expression\n");
        assertThat(cap.out()).isEqualTo(tf.out());
        System.out.println("init: an invalid configuration's output equal to terraform's");
    }

    /** The plan's resource changes' {@code change} objects, as text (key order kept). */
    private static List<String> changes(String showJson) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode rc : JSON.readTree(showJson).path("resource_changes")) {
            out.add(rc.path("change").toString());
        }
        return out;
    }

    /** The same files in {@code tmp/terraform} and {@code tmp/capstan}; aborts (SKIP) without terraform. */
    private Path[] dirs(Map<String, String> files) throws IOException {
        return Differential.sameFiles(tmp, files);
    }
}
