package io.capstan.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.orchestrator.cli.OrchestratorCommand;
import io.capstan.orchestrator.client.ClientConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/** The kubectl-style verbs against a real server process: output, clear errors and meaningful exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTest {
    private Cluster cluster;

    record Run(int code, String out, String err) {}

    @BeforeAll
    void start() throws Exception {
        cluster = new Cluster(Files.createTempDirectory("capstan-cli"));
        cluster.startServer("10s");
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Run run(Path config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new OrchestratorCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        int code = cmd.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void applyGetAndErrorsWithExitCodes() throws Exception {
        Path ok = cluster.dir.resolve("cm.yaml");
        Files.writeString(ok, "kind: ConfigMap\nmetadata: {name: settings}\ndata: {MODE: prod}\n");
        assertThat(run(cluster.config, "apply", "-f", ok.toString())).isEqualTo(new Run(0, "configmap/settings created\n", ""));
        Files.writeString(ok, "kind: ConfigMap\nmetadata: {name: settings}\ndata: {MODE: test}\n");
        assertThat(run(cluster.config, "apply", "-f", ok.toString()).out()).isEqualTo("configmap/settings configured\n");

        Run get = run(cluster.config, "get", "configmaps");
        assertThat(get.code()).isZero();
        assertThat(get.out()).startsWith("NAME").contains("settings");
        assertThat(run(cluster.config, "get", "cm", "settings", "-o", "json").out()).contains("\"MODE\": \"test\"");

        Run missing = run(cluster.config, "get", "configmap", "nope");
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).contains("ConfigMap \"nope\" not found");

        Path bad = cluster.dir.resolve("bad.yaml");
        Files.writeString(bad, "kind: Deployment\nmetadata: {name: w}\nspec: {replica: 3}\n");
        Run invalid = run(cluster.config, "apply", "-f", bad.toString());
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("bad.yaml").contains("replica");

        Files.writeString(bad, "kind: Deployment\nmetadata: {name: w}\nspec: {replicas: -2, template: {process: {command: x}}}\n");
        Run rejected = run(cluster.config, "apply", "-f", bad.toString());
        assertThat(rejected.code()).isEqualTo(2);
        assertThat(rejected.err()).contains("spec.replicas");

        assertThat(run(cluster.config, "get", "pods").code()).isEqualTo(2);
        assertThat(run(cluster.config, "rollout", "undo", "nothing").code()).isEqualTo(3);
    }

    @Test
    void rolloutHistoryAndUndo() throws Exception {
        Path d = cluster.dir.resolve("app.yaml");
        String yaml = "kind: Deployment\nmetadata: {name: app}\nspec: {replicas: 0, template: {process: {command: echo, args: [%s]}}}\n";
        Files.writeString(d, String.format(yaml, "one"));
        assertThat(run(cluster.config, "apply", "-f", d.toString()).code()).isZero();
        assertThat(run(cluster.config, "rollout", "status", "app", "--timeout", "30s").code()).isZero();
        Files.writeString(d, String.format(yaml, "two"));
        assertThat(run(cluster.config, "apply", "-f", d.toString()).out()).isEqualTo("deployment/app configured\n");
        Cluster.await(java.time.Duration.ofSeconds(20), () -> run(cluster.config, "rollout", "history", "app").out().contains("2 (current)"));
        Run history = run(cluster.config, "rollout", "history", "app");
        assertThat(history.out()).contains("echo one").contains("echo two");

        Run undo = run(cluster.config, "rollout", "undo", "app");
        assertThat(undo.code()).isZero();
        assertThat(undo.out()).contains("rolled back to revision 1");
        Cluster.await(java.time.Duration.ofSeconds(20), () -> run(cluster.config, "rollout", "history", "app").out().contains("3 (current)"));
        String got = run(cluster.config, "get", "deploy", "app", "-o", "yaml").out();
        assertThat(got).contains("- \"one\"").startsWith("---\nkind: \"Deployment\"");
        assertThat(got.split("(?m)^---$", -1)).as("one YAML document per object").hasSize(2);
    }

    @Test
    void authenticationAndReachabilityFailuresHaveTheirOwnExitCodes() throws Exception {
        ClientConfig c = ClientConfig.read(cluster.config);
        Path wrongToken = cluster.dir.resolve("wrong-token.json");
        new ClientConfig(c.address(), c.caPem(), "cap_wrong").write(wrongToken);
        Run denied = run(wrongToken, "nodes");
        assertThat(denied.code()).isEqualTo(5);
        assertThat(denied.err()).contains("not authenticated");

        Path nowhere = cluster.dir.resolve("nowhere.json");
        new ClientConfig("127.0.0.1:" + Cluster.freePort(), c.caPem(), c.token()).write(nowhere);
        Run down = run(nowhere, "nodes");
        assertThat(down.code()).isEqualTo(6);
        assertThat(down.err()).contains("cannot reach the orchestrator");

        Run noConfig = run(cluster.dir.resolve("absent.json"), "nodes");
        assertThat(noConfig.code()).isEqualTo(1);
        assertThat(noConfig.err()).contains("no client config");
    }
}
