package io.capstan.cli.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.engine.plan.Plan;
import io.capstan.engine.plan.PlanMode;
import io.capstan.engine.plan.PlanOptions;
import io.capstan.engine.state.StateFile;
import io.capstan.graph.config.InputVariables;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Capstan's saved plan ({@code plan -out=FILE}): JSON holding what the plan was made from (the
 * state's lineage and serial, a hash of the configuration files, the variables and planning
 * options) and the plan itself in Terraform's JSON format for {@code show -json}. Applying it
 * refuses a stale plan (the state moved on) and a changed configuration, then re-plans from the
 * identical inputs, which gives the identical changes. A plan that failed or was interrupted is
 * saved too, marked {@code errored} as terraform's, so that {@code show} can present what was
 * planned; {@code apply} refuses it.
 */
public final class PlanFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MARKER = "capstan_plan_format";

    private PlanFile() {
    }

    public static void write(Path file, Path workdir, Plan plan, PlanOptions opts, JsonNode planJson,
            JsonNode schemasJson) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put(MARKER, 1);
        root.put("workspace", opts.workspace());
        root.put("lineage", plan.priorState().lineage());
        root.put("serial", plan.priorState().serial());
        root.put("config_hash", configHash(workdir));
        root.put("mode", opts.mode().name());
        root.put("refresh", opts.refresh());
        root.put("parallelism", opts.parallelism());
        ArrayNode vars = root.putArray("vars");
        for (InputVariables.CliArg a : opts.vars()) {
            ObjectNode v = vars.addObject();
            v.put("file", a.isFile());
            v.put("text", a.isFile() ? readQuietly(workdir.resolve(a.text())) : a.text());
        }
        ObjectNode env = root.putObject("env");
        opts.env().forEach((k, v) -> {
            if (k.startsWith("TF_VAR_")) {
                env.put(k, v);
            }
        });
        root.set("targets", MAPPER.valueToTree(opts.targets()));
        root.set("replace", MAPPER.valueToTree(opts.replace()));
        root.set("plan", planJson);
        root.set("provider_schemas", schemasJson);
        try {
            Files.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The saved plan's JSON plan (for {@code show -json}); null when the file is not a Capstan plan. */
    public static JsonNode planJson(Path file) {
        JsonNode root = load(file);
        return root == null ? null : root.get("plan");
    }

    /** The provider schemas the plan was made with ({@code providers schema -json} form), for {@code show PLANFILE}. */
    public static JsonNode schemasJson(Path file) {
        JsonNode root = load(file);
        return root == null ? null : root.get("provider_schemas");
    }

    /** The planning mode the saved plan was made in; NORMAL when unknown. */
    public static PlanMode mode(Path file) {
        JsonNode root = load(file);
        try {
            return root == null ? PlanMode.NORMAL : PlanMode.valueOf(root.path("mode").asText("NORMAL"));
        } catch (IllegalArgumentException e) {
            return PlanMode.NORMAL;
        }
    }

    /** The options to re-plan with, or errors when the plan is unreadable, stale or for another configuration. */
    public static Result<PlanOptions> read(Path file, Path workdir, StateFile current, String workspace) {
        Diagnostics d = new Diagnostics();
        JsonNode root = load(file);
        if (root == null) {
            d.add(Diagnostic.error("Failed to load \"" + file + "\" as a plan file", "The given file is not a "
                    + "Capstan saved plan.", null));
            return new Result<>(null, d);
        }
        if (root.path("plan").path("errored").asBoolean(false)) {
            // written by an interrupted or failed plan -out, for show only (terraform's wording)
            d.add(Diagnostic.error("Cannot apply incomplete plan", "Terraform encountered an error when generating "
                    + "this plan, so it cannot be applied.", null));
            return new Result<>(null, d);
        }
        boolean sameState = root.path("serial").asLong() == current.serial()
                && (current.serial() == 0 && current.isEmpty() || root.path("lineage").asText().equals(current.lineage()));
        if (!sameState) {
            d.add(Diagnostic.error("Saved plan is stale", "The given plan file can no longer be applied because the "
                    + "state was changed by another operation after the plan was created.", null));
            return new Result<>(null, d);
        }
        if (!root.path("config_hash").asText().equals(configHash(workdir))) {
            d.add(Diagnostic.error("Saved plan does not match the configuration", "The configuration was changed "
                    + "after the plan was created; run plan again.", null));
            return new Result<>(null, d);
        }
        List<InputVariables.CliArg> vars = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        for (JsonNode v : root.path("vars")) {
            if (v.path("file").asBoolean()) {
                try {
                    Path tmp = Files.createTempFile("capstan-plan-vars", ".tfvars");
                    Files.writeString(tmp, v.path("text").asText(), StandardCharsets.UTF_8);
                    tmp.toFile().deleteOnExit();
                    temps.add(tmp);
                    vars.add(new InputVariables.CliArg(true, tmp.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                vars.add(new InputVariables.CliArg(false, v.path("text").asText()));
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        root.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        List<String> targets = new ArrayList<>();
        root.path("targets").forEach(t -> targets.add(t.asText()));
        List<String> replace = new ArrayList<>();
        root.path("replace").forEach(t -> replace.add(t.asText()));
        return Result.of(new PlanOptions(vars, env, PlanMode.valueOf(root.path("mode").asText("NORMAL")),
                root.path("refresh").asBoolean(true), targets, replace, root.path("parallelism").asInt(10), workspace));
    }

    private static JsonNode load(Path file) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            return root != null && root.has(MARKER) ? root : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** SHA-256 over the configuration and variable files (path and content), outside {@code .terraform}. */
    static String configHash(Path workdir) {
        try (Stream<Path> s = Files.walk(workdir)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String rel = workdir.relativize(p).toString();
                if (rel.startsWith(".terraform") || !(rel.endsWith(".tf") || rel.endsWith(".tf.json")
                        || rel.endsWith(".tfvars") || rel.endsWith(".tfvars.json"))) {
                    continue;
                }
                md.update(rel.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(p));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
