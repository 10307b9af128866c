package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Re-records the golden files of the render differential tests by running the real
 * {@code terraform} over every case under {@code render/cases/}: for each step it saves
 * {@code terraform show} of the plan file (with and without colour), {@code show -json},
 * {@code plan -json}, and the human and {@code -json} output of applying the same plan file
 * (the prior state is restored between the applies so one plan file serves all three).
 * After the configured steps it records a destroy plan and its apply, and a refresh-only
 * plan for cases that carry a {@code refresh-only} marker file.
 */
final class GoldenRecorder {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLUGIN_DIR = "/opt/tf-plugins";

    private final Path casesDir;
    private final Path goldenDir;

    GoldenRecorder(Path casesDir, Path goldenDir) {
        this.casesDir = casesDir;
        this.goldenDir = goldenDir;
    }

    static boolean terraformAvailable() {
        try {
            Process p = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static boolean awsMirrorAvailable() {
        return Files.isDirectory(Path.of(PLUGIN_DIR, "registry.terraform.io", "hashicorp", "aws"));
    }

    record Run(int exit, String out, String err) {
    }

    static Run terraform(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("terraform"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().remove("TF_IN_AUTOMATION");
        Path err = Files.createTempFile("tf-err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("terraform " + String.join(" ", args) + " timed out");
        }
        String e = Files.readString(err);
        Files.deleteIfExists(err);
        return new Run(p.exitValue(), out, e);
    }

    /** Records one case; returns the list of step names recorded. */
    List<String> record(String name) throws IOException, InterruptedException {
        Path caseDir = casesDir.resolve(name);
        Path out = goldenDir.resolve(name);
        deleteTree(out);
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("render-" + name);
        List<String> recorded = new ArrayList<>();
        try {
            boolean planOnly = Files.exists(caseDir.resolve("plan-only"));
            List<String> steps;
            try (Stream<Path> s = Files.list(caseDir)) {
                steps = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("step")).sorted().toList();
            }
            boolean schemaSaved = false;
            for (String step : steps) {
                useConfig(caseDir.resolve(step), work);
                if (!schemaSaved) {
                    if (planOnly) {
                        check(terraform(work, "init", "-input=false", "-no-color", "-plugin-dir=" + PLUGIN_DIR), "init");
                    }
                }
                recordStep(work, out.resolve(step), List.of(), !planOnly);
                if (!schemaSaved) {
                    saveSchema(work, out);
                    schemaSaved = true;
                }
                recorded.add(step);
            }
            if (!planOnly) {
                if (Files.exists(caseDir.resolve("refresh-only"))) {
                    recordStep(work, out.resolve("refresh"), List.of("-refresh-only"), false);
                    recorded.add("refresh");
                }
                recordStep(work, out.resolve("destroy"), List.of("-destroy"), true);
                recorded.add("destroy");
            }
        } finally {
            deleteTree(work);
        }
        return recorded;
    }

    private void recordStep(Path work, Path out, List<String> planFlags, boolean apply)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<String> plan = new ArrayList<>(List.of("plan", "-input=false", "-out=step.tfplan"));
        plan.addAll(planFlags);
        check(terraform(work, plan.toArray(String[]::new)), "plan");
        write(out.resolve("show.txt"), check(terraform(work, "show", "-no-color", "step.tfplan"), "show").out());
        write(out.resolve("show.color.txt"), check(terraform(work, "show", "step.tfplan"), "show").out());
        write(out.resolve("plan.json"), check(terraform(work, "show", "-json", "step.tfplan"), "show -json").out());
        List<String> planJson = new ArrayList<>(List.of("plan", "-input=false", "-json", "-lock=false"));
        planJson.addAll(planFlags);
        write(out.resolve("plan-ui.jsonl"), check(terraform(work, planJson.toArray(String[]::new)), "plan -json").out());
        if (!apply) {
            return;
        }
        Path state = work.resolve("terraform.tfstate");
        byte[] prior = Files.exists(state) ? Files.readAllBytes(state) : null;
        write(out.resolve("apply.color.txt"),
                check(terraform(work, "apply", "-input=false", "-parallelism=1", "step.tfplan"), "apply").out());
        restore(work, prior);
        write(out.resolve("apply.txt"),
                check(terraform(work, "apply", "-input=false", "-parallelism=1", "-no-color", "step.tfplan"), "apply").out());
        restore(work, prior);
        write(out.resolve("apply-ui.jsonl"),
                check(terraform(work, "apply", "-input=false", "-parallelism=1", "-json", "step.tfplan"), "apply -json").out());
        Files.deleteIfExists(work.resolve("terraform.tfstate.backup"));
    }

    private static void restore(Path work, byte[] prior) throws IOException {
        Path state = work.resolve("terraform.tfstate");
        if (prior == null) {
            Files.deleteIfExists(state);
        } else {
            Files.write(state, prior);
        }
        Files.deleteIfExists(work.resolve("terraform.tfstate.backup"));
    }

    /** Saves the provider schemas, trimmed to the resource types the case uses. */
    private void saveSchema(Path work, Path out) throws IOException, InterruptedException {
        JsonNode schemas = JSON.readTree(check(terraform(work, "providers", "schema", "-json"), "providers schema").out());
        Set<String> used = new HashSet<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("plan.json")).toList()) {
                for (JsonNode rc : JSON.readTree(p.toFile()).path("resource_changes")) {
                    used.add(rc.path("type").asText());
                }
            }
        }
        for (JsonNode provider : schemas.path("provider_schemas")) {
            ((ObjectNode) provider).remove("functions");
            for (String kind : List.of("resource_schemas", "data_source_schemas", "ephemeral_resource_schemas")) {
                JsonNode m = provider.path(kind);
                if (m instanceof ObjectNode o) {
                    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                        if (!used.contains(it.next())) {
                            it.remove();
                        }
                    }
                }
            }
        }
        write(out.resolve("schemas.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schemas) + "\n");
    }

    private static void useConfig(Path stepDir, Path work) throws IOException {
        try (Stream<Path> s = Files.list(work)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".tf")).toList()) {
                Files.delete(p);
            }
        }
        try (Stream<Path> s = Files.list(stepDir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".tf")).toList()) {
                Files.copy(p, work.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Run check(Run r, String what) throws IOException {
        if (r.exit() != 0) {
            throw new IOException("terraform " + what + " failed (" + r.exit() + "):\n" + r.out() + r.err());
        }
        return r;
    }

    private static void write(Path p, String s) throws IOException {
        Files.writeString(p, s, StandardCharsets.UTF_8);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
