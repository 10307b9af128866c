package io.capstan.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.cli.Main;
import io.capstan.provider.sdk.testing.ClassPathProviders;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deposed objects are refreshed while planning, as terraform 1.11.4 does: a ReadResource per
 * deposed object, announced as {@code addr (deposed object KEY): Refreshing state... [id=x]}; one
 * the provider still finds is planned for deletion, one it no longer finds is dropped from state
 * with nothing to destroy. Human plans and {@code plan -json} compared with terraform's (recorded under
 * {@code deposed-refresh/} with the {@link SlowProviderMain} test provider; terraform refreshes in
 * parallel, so the refresh lines are compared as a set).
 */
class DeposedRefreshTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String resource(String name) throws IOException {
        try (InputStream in = DeposedRefreshTest.class.getResourceAsStream("/deposed-refresh/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path workdir(String name, boolean objectExists) throws IOException {
        Path mirror = tmp.resolve("mirror");
        if (!Files.exists(mirror)) {
            ClassPathProviders.install(mirror, "slow", SlowProviderMain.class);
        }
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("main.tf"), resource("main.tf"));
        StringWriter o = new StringWriter();
        assertThat(Main.run(new String[] {"-chdir=" + dir, "init", "-no-color", "-plugin-dir=" + mirror},
                new PrintWriter(o, true), new PrintWriter(o, true))).as(o.toString()).isZero();
        Files.writeString(dir.resolve("terraform.tfstate"), resource("deposed.tfstate"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.writeString(dir.resolve("b.txt"), "a");
        if (objectExists) {
            Files.writeString(dir.resolve("old.txt"), "old");
        }
        return dir;
    }

    /** The plan with its refresh lines sorted (terraform refreshes in parallel). */
    private static String comparable(String plan, Path dir) {
        String s = plan;
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int n = 0;
        while (n < lines.size() && lines.get(n).contains("Refreshing state...")) {
            n++;
        }
        List<String> head = new ArrayList<>(lines.subList(0, n));
        head.sort(null);
        head.addAll(lines.subList(n, lines.size()));
        return String.join("\n", head);
    }

    @Test
    void aDeposedObjectStillThereIsRefreshedThenPlannedForDeletion() throws Exception {
        Path dir = workdir("present", true);
        CapstanProcess.Run plan = CapstanProcess.run(dir, "plan", "-no-color");
        assertThat(plan.code()).as(plan.out()).isZero();
        assertThat(comparable(plan.out(), dir)).isEqualTo(comparable(resource("plan-present.txt"), dir));
        // -json: terraform names the deposed object's refresh by the instance address alone
        CapstanProcess.Run json = CapstanProcess.run(dir, "plan", "-json");
        assertThat(json.code()).as(json.out()).isZero();
        assertThat(jsonLines(json.out(), dir)).isEqualTo(jsonLines(resource("plan-present.jsonl"), dir));
    }

    /** Lines without timestamps, sorted (parallel refreshes interleave). */
    private static List<String> jsonLines(String out, Path dir) {
        return out.lines().filter(l -> !l.isBlank())
                .map(l -> l.replaceAll("\"@timestamp\":\"[^\"]*\"", "")).sorted().toList();
    }

    @Test
    void aDeposedObjectGoneFromTheProviderIsDroppedFromState() throws Exception {
        Path dir = workdir("gone", false);
        CapstanProcess.Run plan = CapstanProcess.run(dir, "plan", "-no-color", "-detailed-exitcode");
        assertThat(comparable(plan.out(), dir)).isEqualTo(comparable(resource("plan-gone.txt"), dir));
        assertThat(plan.code()).as("no changes").isZero();
        CapstanProcess.Run apply = CapstanProcess.run(dir, "apply", "-auto-approve", "-no-color");
        assertThat(apply.code()).as(apply.out()).isZero();
        assertThat(apply.out()).contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.")
                .doesNotContain("Destroying...");
        JsonNode state = JSON.readTree(dir.resolve("terraform.tfstate").toFile());
        List<String> instances = new ArrayList<>();
        state.path("resources").forEach(r -> r.path("instances").forEach(i ->
                instances.add(r.path("name").asText() + (i.has("deposed") ? " deposed " + i.path("deposed").asText() : ""))));
        assertThat(instances).containsExactly("a", "b");
    }
}
