package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.cli.Differential.Run;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The s3 backend's deprecation warnings, compared with terraform 1.11.4 on one s3proxy on loopback:
 * terraform shows them only where it prepares a backend itself. {@code apply PLANFILE} shows the
 * working directory's backend's deprecated parameters ({@code endpoint}, {@code force_path_style})
 * and deprecated endpoint environment variables ({@code AWS_S3_ENDPOINT}, {@code AWS_METADATA_URL})
 * before applying, human and {@code -json}, while {@code init} and {@code plan} show none; a
 * {@code terraform_remote_state} data source shows its backend's deprecated parameters
 * ({@code dynamodb_table}, {@code dynamodb_endpoint}, {@code endpoint}, {@code force_path_style})
 * at the block as often as terraform does: in {@code validate}, {@code plan} (also {@code -out}),
 * {@code refresh}, {@code apply} and {@code destroy} (its refresh's warnings left out), none when
 * applying a saved plan (the data source is not read again). terraform's order among the endpoint arguments and among the variables varies from run to
 * run: {@code -json} diagnostics are compared sorted. Skipped, with a printed reason, when
 * terraform is absent.
 */
class S3DeprecationWarningsDifferentialTest {
    @TempDir
    Path tmp;

    /** Two deprecated endpoint variables, naming the server (the endpoint argument wins over them anyway). */
    private static Map<String, String> deprecatedEnv(RealServers.Server s3) {
        return Map.of("AWS_S3_ENDPOINT", s3.arguments().get("endpoints.s3"), "AWS_METADATA_URL", "http://127.0.0.1:9");
    }

    /** The server's settings with the deprecated endpoint and path-style arguments, as HCL lines. */
    private static String settings(Map<String, String> s3, String key, String indent, String sep) {
        StringBuilder b = new StringBuilder();
        s3.forEach((k, v) -> {
            String name = switch (k) {
                case "endpoints.s3" -> "endpoint";
                case "use_path_style" -> "force_path_style";
                case "key" -> null;
                default -> k;
            };
            if (name != null) {
                b.append(indent).append(name).append(sep).append(v.equals("true") ? v : "\"" + v + "\"").append('\n');
            }
        });
        return b.append(indent).append("key").append(sep).append('"').append(key).append("\"\n").toString();
    }

    @Test
    void applyingASavedPlanShowsTheBackendsWarnings() throws Exception {
        TeamStateTest.terraformOrSkip("s3 deprecation warnings");
        try (RealServers.Server s3 = RealServers.start("s3")) {
            Map<String, String> oldEnv = deprecatedEnv(s3);
            Path t = Files.createDirectories(tmp.resolve("t"));
            Path c = Files.createDirectories(tmp.resolve("c"));
            for (Path d : List.of(t, c)) {
                Files.writeString(d.resolve("main.tf"), "terraform {\n  backend \"s3\" {\n"
                        + settings(s3.arguments(), d.getFileName() + "/terraform.tfstate", "    ", " = ")
                        + "  }\n}\n\nresource \"terraform_data\" \"a\" {\n  input = \"one\"\n}\n");
            }
            // init and plan show none (terraform's Meta.Backend drops them)
            Run tfInit = Differential.tf(t, Map.of(), "init", "-input=false", "-no-color");
            Run capInit = cap(c, Map.of(), "init", "-input=false", "-no-color");
            assertThat(tfInit.exit()).as(tfInit.out()).isZero();
            assertThat(capInit.exit()).as(capInit.out()).isZero();
            for (Path d : List.of(t, c)) {
                Run plan = d == t ? Differential.tf(t, oldEnv, "plan", "-input=false", "-no-color", "-out=p.tfplan")
                        : cap(c, oldEnv, "plan", "-input=false", "-no-color", "-out=p.tfplan");
                assertThat(plan.exit()).as(plan.out()).isZero();
                assertThat(plan.out()).doesNotContain("Deprecated");
            }
            Run tfApply = Differential.tf(t, oldEnv, "apply", "-no-color", "p.tfplan");
            Run capApply = cap(c, oldEnv, "apply", "-no-color", "p.tfplan");
            assertThat(tfApply.exit()).as(tfApply.out()).isZero();
            assertThat(capApply.exit()).as(capApply.out()).isZero();
            assertThat(warningBlocks(capApply.out())).isEqualTo(warningBlocks(tfApply.out())).hasSize(4)
                    .anySatisfy(w -> assertThat(w).contains("The parameter \"endpoint\" is deprecated. Use parameter "
                            + "\"endpoints.s3\" instead."))
                    .anySatisfy(w -> assertThat(w).contains("\"AWS_METADATA_URL\" is deprecated"));
            // before the apply's progress, as terraform's
            assertThat(capApply.out().indexOf("Deprecated")).isLessThan(capApply.out().indexOf("Creating..."))
                    .isNotNegative();
            assertThat(tail(capApply.out(), "terraform_data.a: Creating")).isEqualTo(tail(tfApply.out(),
                    "terraform_data.a: Creating")).contains("Apply complete! Resources: 1 added");

            // -json: the same diagnostics (sorted), after the version line
            for (Path d : List.of(t, c)) {
                Files.writeString(d.resolve("main.tf"), Files.readString(d.resolve("main.tf")).replace("\"one\"", "\"two\""));
            }
            assertThat(Differential.tf(t, Map.of(), "plan", "-input=false", "-no-color", "-out=p.tfplan").exit()).isZero();
            assertThat(cap(c, Map.of(), "plan", "-input=false", "-no-color", "-out=p.tfplan").exit()).isZero();
            Run tfJson = Differential.tf(t, oldEnv, "apply", "-json", "p.tfplan");
            Run capJson = cap(c, oldEnv, "apply", "-json", "p.tfplan");
            assertThat(capJson.exit()).as(capJson.out()).isZero();
            assertThat(jsonDiagnostics(capJson.out())).isEqualTo(jsonDiagnostics(tfJson.out())).hasSize(4);
            List<ObjectNode> capMessages = Differential.uiMessages(capJson.out(), true, true);
            assertThat(capMessages.get(0).path("type").asText()).isEqualTo("version");
            assertThat(capMessages.get(1).path("type").asText()).isEqualTo("diagnostic");
        }
        System.out.println("s3 deprecation warnings at apply PLANFILE (human and -json): equal to terraform's");
    }

    @Test
    void remoteStateShowsItsBackendsWarnings() throws Exception {
        TeamStateTest.terraformOrSkip("s3 deprecation warnings");
        try (RealServers.Server s3 = RealServers.start("s3")) {
            // a state to read, written by Capstan's backend
            try (io.capstan.state.Backend b = io.capstan.state.Backends.open(
                    new io.capstan.state.BackendConfig("s3", s3.arguments(), Map.of()))) {
                b.write("default", ("{\"version\":4,\"terraform_version\":\"1.11.4\",\"serial\":1,\"lineage\":\"l\","
                        + "\"outputs\":{\"x\":{\"value\":\"v\",\"type\":\"string\"}},\"resources\":[]}")
                        .getBytes(StandardCharsets.UTF_8), io.capstan.state.WriteCondition.unconditional());
            }
            Path t = Files.createDirectories(tmp.resolve("t"));
            Path c = Files.createDirectories(tmp.resolve("c"));
            String data = "data \"terraform_remote_state\" \"r\" {\n  backend = \"s3\"\n  config = {\n"
                    + settings(s3.arguments(), s3.arguments().get("key"), "    ", " = ") + "  }\n}\n\n"
                    + "output \"x\" {\n  value = data.terraform_remote_state.r.outputs.x\n}\n";
            for (Path d : List.of(t, c)) {
                Files.writeString(d.resolve("main.tf"), data);
            }
            assertThat(Differential.tf(t, Map.of(), "init", "-input=false", "-no-color").exit()).isZero();
            assertThat(cap(c, Map.of(), "init", "-input=false", "-no-color").exit()).isZero();
            int n = 0;
            for (List<String> args : List.of(List.of("validate"), List.of("plan", "-input=false"),
                    List.of("plan", "-input=false", "-out=p.tfplan"), List.of("apply", "p.tfplan"),
                    List.of("refresh", "-input=false"), List.of("apply", "-auto-approve", "-input=false"),
                    List.of("plan", "-destroy", "-input=false", "-out=d.tfplan"), List.of("apply", "d.tfplan"),
                    List.of("apply", "-auto-approve", "-input=false"),
                    List.of("destroy", "-auto-approve", "-input=false"))) {
                List<String> human = new ArrayList<>(args);
                human.add(1, "-no-color");
                Run tf = Differential.tf(t, Map.of(), human.toArray(String[]::new));
                Run cap = cap(c, Map.of(), human.toArray(String[]::new));
                assertThat(tf.exit()).as(tf.out()).isZero();
                assertThat(cap.exit()).as(cap.out()).isZero();
                assertThat(cap.out().replaceAll("after \\d+s", "after Ns")).as(String.join(" ", args))
                        .isEqualTo(tf.out().replaceAll("after \\d+s", "after Ns"));
                // terraform shows none applying a saved plan (it reads and validates nothing again), a destroy plan too
                assertThat(cap.out().contains("Warning: Deprecated Parameter\n\n  with data.terraform_remote_state.r,\n"))
                        .isEqualTo(!args.contains("p.tfplan") && !args.contains("d.tfplan"));
                n++;
            }
            assertThat(cap(c, Map.of(), "plan", "-input=false", "-no-color").out())
                    .contains("(and 5 more similar warnings elsewhere)");
            // -json and the deprecated dynamodb arguments: validate reads nothing, so no table is needed
            for (Path d : List.of(t, c)) {
                Files.writeString(d.resolve("main.tf"), data.replace("  config = {\n",
                        "  config = {\n    dynamodb_table    = \"locks\"\n    dynamodb_endpoint = \"http://127.0.0.1:9\"\n"));
            }
            Run tf = Differential.tf(t, Map.of(), "validate", "-no-color");
            Run cap = cap(c, Map.of(), "validate", "-no-color");
            assertThat(cap.out()).isEqualTo(tf.out()).contains("The parameter \"dynamodb_table\" is deprecated. Use "
                    + "parameter \"use_lockfile\"\ninstead.", "(and 3 more similar warnings elsewhere)");
            Run tfJson = Differential.tfStdout(t, Map.of(), "validate", "-json");
            Run capJson = cap(c, Map.of(), "validate", "-json");
            List<String> tfd = new ArrayList<>();
            List<String> capd = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(tfJson.out()).path("diagnostics")
                    .forEach(x -> tfd.add(x.toString()));
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(capJson.out()).path("diagnostics")
                    .forEach(x -> capd.add(x.toString()));
            assertThat(capd.stream().sorted().toList()).isEqualTo(tfd.stream().sorted().toList()).hasSize(4);
            System.out.println("s3 deprecation warnings of terraform_remote_state: " + (n + 2)
                    + " outputs equal to terraform's");
        }
    }

    /**
     * terraform 1.11.4's deprecated {@code shared_credentials_file}, {@code iam_endpoint} and
     * {@code sts_endpoint}, in a {@code terraform_remote_state} of the s3 backend without keys: the
     * profile's keys come from the credentials file (the state is read, its output shown), the
     * endpoints (unreachable) change nothing with the account ID and credentials checks skipped, and
     * the warnings are terraform's: human {@code validate} and {@code plan} byte for byte (the credentials
     * file's warning first, the endpoints' consolidated below it), {@code validate -json} sorted
     * (terraform's order among the endpoint arguments varies).
     */
    @Test
    void deprecatedCredentialsFileAndEndpointsAreTakenWithTerraformsWarnings() throws Exception {
        TeamStateTest.terraformOrSkip("s3 deprecated arguments");
        try (RealServers.Server s3 = RealServers.start("s3")) {
            try (io.capstan.state.Backend b = io.capstan.state.Backends.open(
                    new io.capstan.state.BackendConfig("s3", s3.arguments(), Map.of()))) {
                b.write("default", ("{\"version\":4,\"terraform_version\":\"1.11.4\",\"serial\":1,\"lineage\":\"l\","
                        + "\"outputs\":{\"x\":{\"value\":\"from-s3\",\"type\":\"string\"}},\"resources\":[]}")
                        .getBytes(StandardCharsets.UTF_8), io.capstan.state.WriteCondition.unconditional());
            }
            Path creds = tmp.resolve("credentials");
            Files.writeString(creds, "[default]\naws_access_key_id = wrong\naws_secret_access_key = wrong\n\n[team]\n"
                    + "aws_access_key_id = " + s3.arguments().get("access_key") + "\naws_secret_access_key = "
                    + s3.arguments().get("secret_key") + "\n");
            StringBuilder config = new StringBuilder();
            s3.arguments().forEach((k, v) -> {
                switch (k) {
                    case "access_key", "secret_key", "use_lockfile" -> { }
                    case "endpoints.s3" -> config.append("    endpoints = { s3 = \"").append(v).append("\" }\n");
                    default -> config.append("    ").append(k).append(" = ")
                            .append(v.equals("true") ? v : "\"" + v + "\"").append('\n');
                }
            });
            config.append("    shared_credentials_file = \"").append(creds).append("\"\n")
                    .append("    profile = \"team\"\n")
                    .append("    iam_endpoint = \"http://127.0.0.1:9\"\n")
                    .append("    sts_endpoint = \"http://127.0.0.1:9\"\n");
            String data = "data \"terraform_remote_state\" \"r\" {\n  backend = \"s3\"\n  config = {\n" + config
                    + "  }\n}\n\noutput \"x\" {\n  value = data.terraform_remote_state.r.outputs.x\n}\n";
            Path t = Files.createDirectories(tmp.resolve("t"));
            Path c = Files.createDirectories(tmp.resolve("c"));
            for (Path d : List.of(t, c)) {
                Files.writeString(d.resolve("main.tf"), data);
            }
            assertThat(Differential.tf(t, Map.of(), "init", "-input=false", "-no-color").exit()).isZero();
            assertThat(cap(c, Map.of(), "init", "-input=false", "-no-color").exit()).isZero();
            for (String cmd : List.of("validate", "plan")) {
                Run tf = Differential.tf(t, Map.of(), cmd, "-no-color");
                Run cap = cap(c, Map.of(), cmd, "-no-color");
                assertThat(tf.exit()).as(tf.out()).isZero();
                assertThat(cap.exit()).as(cap.out()).isZero();
                assertThat(cap.out().replaceAll("after \\d+s", "after Ns")).as(cmd)
                        .isEqualTo(tf.out().replaceAll("after \\d+s", "after Ns"))
                        .contains("The parameter \"shared_credentials_file\" is deprecated. Use parameter\n"
                                + "\"shared_credentials_files\" instead.");
                if (cmd.equals("validate")) {
                    assertThat(cap.out()).contains("(and 2 more similar warnings elsewhere)");
                }
            }
            assertThat(cap(c, Map.of(), "plan", "-no-color").out()).contains("+ x = \"from-s3\"");
            Run tfJson = Differential.tfStdout(t, Map.of(), "validate", "-json");
            Run capJson = cap(c, Map.of(), "validate", "-json");
            List<String> tfd = new ArrayList<>();
            List<String> capd = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(tfJson.out()).path("diagnostics")
                    .forEach(x -> tfd.add(x.toString()));
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(capJson.out()).path("diagnostics")
                    .forEach(x -> capd.add(x.toString()));
            assertThat(capd.stream().sorted().toList()).isEqualTo(tfd.stream().sorted().toList()).hasSize(3)
                    .anySatisfy(x -> assertThat(x).contains("Use parameter \\\"endpoints.iam\\\" instead."))
                    .anySatisfy(x -> assertThat(x).contains("Use parameter \\\"endpoints.sts\\\" instead."));
        }
        System.out.println("s3 shared_credentials_file, iam_endpoint, sts_endpoint in terraform_remote_state "
                + "(validate, plan, validate -json): equal to terraform's");
    }

    /** From {@code from} on, ids and times masked. */
    private static String tail(String out, String from) {
        assertThat(out).contains(from);
        return out.substring(out.indexOf(from)).replaceAll("id=[0-9a-f-]+", "id=X").replaceAll("after \\d+s", "after Ns");
    }

    /** The human warning blocks before the apply's progress, each from "Warning: " to its end, sorted. */
    private static List<String> warningBlocks(String out) {
        int progress = out.indexOf("terraform_data.a: ");
        String head = progress < 0 ? out : out.substring(0, progress);
        List<String> blocks = new ArrayList<>();
        for (String b : head.split("\n\n(?=Warning: )")) {
            if (b.strip().startsWith("Warning: ")) {
                blocks.add(b.strip());
            }
        }
        return blocks.stream().sorted().toList();
    }

    private static List<String> jsonDiagnostics(String out) throws Exception {
        List<String> list = new ArrayList<>();
        for (ObjectNode m : Differential.uiMessages(out)) {
            if (m.path("type").asText().equals("diagnostic")) {
                list.add(m.path("diagnostic").toString());
            }
        }
        return list.stream().sorted().toList();
    }

    private static Run cap(Path dir, Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("TF_") || k.startsWith("AWS_"));
        env.put("TF_IN_AUTOMATION", "1");
        env.putAll(extra);
        StringWriter out = new StringWriter();
        int code = Main.runFor(dir, false, env, args, new PrintWriter(out, true), new PrintWriter(out, true));
        return new Run(code, out.toString());
    }
}
