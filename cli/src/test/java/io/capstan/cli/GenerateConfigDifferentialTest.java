package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan -generate-config-out} run by the real {@code terraform} and by Capstan on the Java
 * SDK's {@code random} and {@code time} providers (imports that need no network): the generated
 * file byte for byte (its blocks compared as a set, since terraform writes them in the order its
 * parallel walk finished them), the human plan with and without {@code TF_IN_AUTOMATION} (the
 * progress lines compared sorted), the {@code -json} UI messages, {@code show -json} of the saved
 * plan, {@code apply PLANFILE} and the plan after it, exit codes, and the errors: an existing file,
 * a directory that does not exist, destroy and refresh-only modes, an import whose resource has a
 * block (nothing generated), a child-module target and a {@code for_each} import. Skipped, with a
 * printed reason, when terraform is absent.
 */
class GenerateConfigDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = LocalFileMoves.header("random", "time");
    private static final String IMPORTS = HEADER + """
            provider "random" {
              alias = "alt"
            }
            import {
              to       = random_string.s
              id       = "hello-world"
              provider = random.alt
            }
            import {
              to = random_integer.n
              id = "5,1,10"
            }
            import {
              to = time_static.t
              id = "2020-01-02T03:04:05Z"
            }
            """;

    @TempDir
    Path tmp;

    private record Dirs(Path terraform, Path capstan) {
    }

    private Dirs dirs(String main, Map<String, String> more) throws IOException, InterruptedException {
        Differential.terraform();
        Dirs d = new Dirs(Files.createDirectories(tmp.resolve("terraform")), Files.createDirectories(tmp.resolve("capstan")));
        for (Path p : List.of(d.terraform(), d.capstan())) {
            Files.writeString(p.resolve("main.tf"), main);
            for (var e : more.entrySet()) {
                Files.createDirectories(p.resolve(e.getKey()).getParent());
                Files.writeString(p.resolve(e.getKey()), e.getValue());
            }
        }
        String[] init = Differential.init(Differential.mirrors(tmp, "random", "time"));
        Differential.tfOk(d.terraform(), init);
        Differential.ok(cap(d.capstan(), true, init), "capstan", init);
        return d;
    }

    /** terraform ARGS in DIR (stdout and stderr together), with or without TF_IN_AUTOMATION. */
    private static Differential.Run tf(Path dir, boolean automation, String... args) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Differential.terraform().toString());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().remove("TF_LOG");
        pb.environment().remove("TF_DATA_DIR");
        if (automation) {
            pb.environment().put("TF_IN_AUTOMATION", "1");
        } else {
            pb.environment().remove("TF_IN_AUTOMATION");
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("terraform " + String.join(" ", args)).isTrue();
        return new Differential.Run(p.exitValue(), out);
    }

    /** capstan ARGS in DIR in this JVM (stdout and stderr together), with or without TF_IN_AUTOMATION. */
    private static Differential.Run cap(Path dir, boolean automation, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("TF_LOG");
        env.remove("TF_DATA_DIR");
        if (automation) {
            env.put("TF_IN_AUTOMATION", "1");
        } else {
            env.remove("TF_IN_AUTOMATION");
        }
        StringWriter out = new StringWriter();
        int code = Main.runFor(dir, false, env, args, new PrintWriter(out, true), new PrintWriter(out, true));
        return new Differential.Run(code, out.toString());
    }

    /** Both tools' runs of ARGS: same exit code and the same output (progress lines, which race, sorted). */
    private static void same(Dirs d, boolean automation, int exit, String... args) throws Exception {
        Differential.Run t = tf(d.terraform(), automation, args);
        Differential.Run c = cap(d.capstan(), automation, args);
        assertThat(t.exit()).as("terraform " + String.join(" ", args) + ":\n" + t.out()).isEqualTo(exit);
        assertThat(c.exit()).as("capstan " + String.join(" ", args) + ":\n" + c.out()).isEqualTo(exit);
        assertThat(steady(c.out())).as("capstan's output, against terraform's:\n" + t.out()).isEqualTo(steady(t.out()));
    }

    /** The output with its progress lines (in the order parallel imports finished) sorted at the top. */
    private static String steady(String out) {
        List<String> progress = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        for (String line : out.split("\n", -1)) {
            if (line.matches("^[a-z_]+\\.[a-z_]+: (Preparing import|Refreshing state|Importing|Import complete)"
                    + ".*")) {
                progress.add(line);
            } else {
                rest.append(line).append('\n');
            }
        }
        progress.sort(null);
        return String.join("\n", progress) + "\n--\n" + rest;
    }

    /** A generated file as its header and its blocks, sorted (terraform writes them in completion order). */
    private static List<String> blocks(Path file) throws IOException {
        String text = Files.readString(file);
        assertThat(text).startsWith("# __generated__ by Terraform\n# Please review these resources and move them "
                + "into your main configuration files.\n");
        assertThat(text).endsWith("}\n");
        List<String> parts = new ArrayList<>(Arrays.asList(text.substring(0, text.length() - 1)
                .split("\n(?=\n# __generated__ by Terraform from)")));
        String header = parts.remove(0);
        parts.sort(null);
        parts.add(0, header);
        return parts;
    }

    @Test
    void generatesTheSameFileAndPlanAsTerraform() throws Exception {
        Dirs d = dirs(IMPORTS, Map.of());
        same(d, true, 2, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-generate-config-out=gen.tf");
        List<String> generated = blocks(d.terraform().resolve("gen.tf"));
        assertThat(blocks(d.capstan().resolve("gen.tf"))).isEqualTo(generated);
        assertThat(generated).hasSize(4);
        assertThat(String.join("", generated)).contains("  provider         = random.alt\n", "  triggers = null\n",
                "# __generated__ by Terraform from \"5,1,10\"\nresource \"random_integer\" \"n\" {\n");

        // again: the file exists now, which both refuse before planning
        same(d, true, 1, "plan", "-input=false", "-no-color", "-generate-config-out=gen.tf");

        // for people at a shell (no TF_IN_AUTOMATION): terraform's note naming the file, then the -out note
        // (a generated file left in the directory is configuration: the resources would have blocks)
        removeGenerated(d, "gen.tf");
        same(d, false, 0, "plan", "-input=false", "-no-color", "-generate-config-out=other.tf");
        assertThat(blocks(d.capstan().resolve("other.tf"))).isEqualTo(generated);
        removeGenerated(d, "other.tf");

        // -json: the same UI messages (generated_config in the planned changes, the warning)
        Differential.Run t = tf(d.terraform(), true, "plan", "-input=false", "-json", "-generate-config-out=j.tf");
        Differential.Run c = cap(d.capstan(), true, "plan", "-input=false", "-json", "-generate-config-out=j.tf");
        assertThat(c.exit()).isEqualTo(t.exit()).isZero();
        assertThat(sorted(c.out())).isEqualTo(sorted(t.out()));
        assertThat(t.out()).contains("\"generated_config\":\"resource \\\"time_static\\\" \\\"t\\\" {\\n");
    }

    /**
     * terraform shows "Config generation is experimental" and its note naming the file only when the
     * last change of its plan has generated configuration (its {@code maybeWriteGeneratedConfig} keeps
     * the last change's answer). When an import's id refers to another resource, that resource's change
     * comes first in terraform's walk, so the generated block's is last, as in Capstan's address order:
     * both show them. When the last change in address order has no generated block (a resource created
     * after it), Capstan shows
     * neither (terraform's list is in its walk's order, which varies: its output is Capstan's with or
     * without the warning and the note), though the file is written all the same.
     */
    @Test
    void warningAndNoteFollowTheLastChange() throws Exception {
        Dirs d = dirs(HEADER + """
                resource "terraform_data" "x" {
                  input = "2020-01-02T03:04:05Z"
                }
                """, Map.of());
        for (Path p : List.of(d.terraform(), d.capstan())) {
            Differential.Run r = p == d.terraform() ? tf(p, true, "apply", "-auto-approve", "-input=false", "-no-color")
                    : cap(p, true, "apply", "-auto-approve", "-input=false", "-no-color");
            assertThat(r.exit()).as(r.out()).isZero();
            Files.writeString(p.resolve("main.tf"), Files.readString(p.resolve("main.tf")) + """
                    import {
                      to = time_static.t
                      id = terraform_data.x.output
                    }
                    """);
        }
        Differential.Run t0 = tf(d.terraform(), false, "plan", "-input=false", "-no-color", "-generate-config-out=gen.tf");
        Differential.Run c0 = cap(d.capstan(), false, "plan", "-input=false", "-no-color", "-generate-config-out=gen.tf");
        assertThat(t0.exit()).as(t0.out()).isZero();
        assertThat(c0.exit()).as(c0.out()).isZero();
        assertThat(steady(uuids(c0.out()))).isEqualTo(steady(uuids(t0.out())));
        assertThat(c0.out()).contains("Warning: Config generation is experimental", "Terraform has generated "
                + "configuration and written it to gen.tf.");
        assertThat(Files.readString(d.capstan().resolve("gen.tf"))).contains("resource \"time_static\" \"t\"");
        removeGenerated(d, "gen.tf");

        // the last change in address order (time_static.z, created) has no generated block
        for (Path p : List.of(d.terraform(), d.capstan())) {
            Files.writeString(p.resolve("main.tf"), Files.readString(p.resolve("main.tf")) + """
                    resource "time_static" "z" {
                    }
                    """);
        }
        Differential.Run t = tf(d.terraform(), false, "plan", "-input=false", "-no-color", "-generate-config-out=gen.tf");
        Differential.Run c = cap(d.capstan(), false, "plan", "-input=false", "-no-color", "-generate-config-out=gen.tf");
        assertThat(t.exit()).as(t.out()).isZero();
        assertThat(c.exit()).as(c.out()).isZero();
        assertThat(c.out()).doesNotContain("Config generation is experimental", "Terraform has generated configuration");
        assertThat(steady(uuids(c.out()))).isEqualTo(steady(uuids(withoutGenerationNotice(t.out()))));
        assertThat(blocks(d.capstan().resolve("gen.tf"))).isEqualTo(blocks(d.terraform().resolve("gen.tf")));
    }

    /**
     * Where terraform's order is fixed: an import whose {@code id} refers to every other resource
     * waits for them all, so its change is the last of terraform's plan although it is not the last in
     * address order ({@code random_string.s} before {@code terraform_data.*}). Both show the warning and
     * the note, in the human plan and in {@code -json}.
     */
    @Test
    void warningFollowsTheChangeThatWaitsForAllOthers() throws Exception {
        Dirs d = dirs(HEADER + """
                resource "terraform_data" "y" {
                  input = "hello"
                }
                resource "terraform_data" "z" {
                  input = "world"
                }
                """, Map.of());
        for (Path p : List.of(d.terraform(), d.capstan())) {
            Differential.Run r = p == d.terraform() ? tf(p, true, "apply", "-auto-approve", "-input=false", "-no-color")
                    : cap(p, true, "apply", "-auto-approve", "-input=false", "-no-color");
            assertThat(r.exit()).as(r.out()).isZero();
            Files.writeString(p.resolve("main.tf"), Files.readString(p.resolve("main.tf")) + """
                    import {
                      to = random_string.s
                      id = "${terraform_data.y.output}-${terraform_data.z.output}"
                    }
                    """);
        }
        Differential.Run t = tf(d.terraform(), false, "plan", "-input=false", "-no-color", "-generate-config-out=gen.tf");
        Differential.Run c = cap(d.capstan(), false, "plan", "-input=false", "-no-color", "-generate-config-out=gen.tf");
        assertThat(t.exit()).as(t.out()).isZero();
        assertThat(c.exit()).as(c.out()).isZero();
        assertThat(t.out()).contains("Warning: Config generation is experimental", "Terraform has generated "
                + "configuration and written it to gen.tf.");
        assertThat(steady(uuids(c.out()))).isEqualTo(steady(uuids(t.out())));
        assertThat(blocks(d.capstan().resolve("gen.tf"))).isEqualTo(blocks(d.terraform().resolve("gen.tf")));
        removeGenerated(d, "gen.tf");

        Differential.Run tj = tf(d.terraform(), true, "plan", "-input=false", "-json", "-generate-config-out=j.tf");
        Differential.Run cj = cap(d.capstan(), true, "plan", "-input=false", "-json", "-generate-config-out=j.tf");
        assertThat(cj.exit()).isEqualTo(tj.exit()).isZero();
        assertThat(tj.out()).contains("Config generation is experimental");
        assertThat(sorted(uuids(cj.out()))).isEqualTo(sorted(uuids(tj.out())));
    }

    /** {@code out} with terraform_data's random ids masked. */
    private static String uuids(String out) {
        return out.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID");
    }

    /** terraform's human plan without its "Config generation is experimental" warning and note. */
    private static String withoutGenerationNotice(String out) {
        return out.replaceFirst("\n\nWarning: Config generation is experimental\n\n[^\n]*\n[^\n]*\n", "\n")
                .replaceFirst("\n\nTerraform has generated configuration and written it to gen.tf. Please review\n"
                        + "[^\n]*\n[^\n]*\n", "\n");
    }

    private static void removeGenerated(Dirs d, String name) throws IOException {
        Files.delete(d.terraform().resolve(name));
        Files.delete(d.capstan().resolve(name));
    }

    private static List<String> sorted(String jsonl) throws IOException {
        return Differential.uiMessages(jsonl).stream().map(ObjectNode::toString).sorted().toList();
    }

    @Test
    void savedPlanKeepsTheGeneratedConfigAndAppliesTheImports() throws Exception {
        Dirs d = dirs(IMPORTS, Map.of());
        same(d, true, 0, "plan", "-input=false", "-no-color", "-generate-config-out=gen.tf", "-out=tfplan");
        JsonNode tShow = JSON.readTree(Differential.tfOk(d.terraform(), "show", "-json", "tfplan"));
        JsonNode cShow = JSON.readTree(Differential.capOk(d.capstan(), "show", "-json", "tfplan"));
        assertThat(byAddress(cShow.path("resource_changes"))).isEqualTo(byAddress(tShow.path("resource_changes")));
        assertThat(tShow.at("/resource_changes/0/change/generated_config").asText()).startsWith("resource ");

        same(d, true, 0, "apply", "-input=false", "-no-color", "tfplan");
        JsonNode tState = JSON.readTree(d.terraform().resolve("terraform.tfstate").toFile());
        JsonNode cState = JSON.readTree(d.capstan().resolve("terraform.tfstate").toFile());
        assertThat(byAddress(cState.path("resources"), "type", "name"))
                .isEqualTo(byAddress(tState.path("resources"), "type", "name"));

        // with the generated file beside main.tf, both find nothing to change
        same(d, true, 0, "plan", "-input=false", "-no-color", "-detailed-exitcode");
    }

    private static Map<String, JsonNode> byAddress(JsonNode list, String... key) {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        for (JsonNode n : list) {
            String k = key.length == 0 ? n.path("address").asText()
                    : n.path(key[0]).asText() + "." + n.path(key[1]).asText();
            out.put(k, n);
        }
        return out;
    }

    @Test
    void refusalsAndErrorsAreTerraforms() throws Exception {
        Dirs d = dirs(HEADER + """
                import {
                  to = random_string.s
                  id = "hello-world"
                }
                """, Map.of());
        same(d, true, 1, "plan", "-input=false", "-no-color", "-destroy", "-generate-config-out=gen.tf");
        same(d, true, 1, "plan", "-input=false", "-no-color", "-refresh-only", "-generate-config-out=gen.tf");
        same(d, true, 1, "plan", "-input=false", "-no-color", "-generate-config-out=nodir/gen.tf");
        assertThat(d.capstan().resolve("nodir")).doesNotExist();
        Files.writeString(d.terraform().resolve("taken.tf"), "");
        Files.writeString(d.capstan().resolve("taken.tf"), "");
        same(d, true, 1, "plan", "-input=false", "-no-color", "-generate-config-out=taken.tf");
    }

    @Test
    void nothingIsGeneratedForAResourceWithABlock() throws Exception {
        Dirs d = dirs(HEADER + """
                resource "random_string" "s" {
                  length = 11
                }
                import {
                  to = random_string.s
                  id = "hello-world"
                }
                """, Map.of());
        same(d, true, 2, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-generate-config-out=gen.tf");
        assertThat(d.terraform().resolve("gen.tf")).doesNotExist();
        assertThat(d.capstan().resolve("gen.tf")).doesNotExist();
    }

    @Test
    void childModuleAndForEachTargetsAreRefused() throws Exception {
        Dirs d = dirs(HEADER + """
                module "m" {
                  source = "./m"
                }
                import {
                  to = module.m.random_string.s
                  id = "hello-world"
                }
                import {
                  for_each = toset(["a"])
                  to       = random_integer.n[each.key]
                  id       = "5,1,10"
                }
                """, Map.of("m/main.tf", "\n"));
        same(d, true, 1, "plan", "-input=false", "-no-color", "-generate-config-out=gen.tf");
        assertThat(d.capstan().resolve("gen.tf")).doesNotExist();
    }
}
