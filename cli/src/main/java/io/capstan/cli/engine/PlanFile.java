package io.capstan.cli.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.engine.plan.Plan;
import io.capstan.engine.plan.PlanMode;
import io.capstan.engine.plan.PlanOptions;
import io.capstan.engine.state.StateFile;
import io.capstan.engine.plan.SavedVariables;
import io.capstan.graph.config.ConfigSnapshot;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import io.capstan.provider.install.LockFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Capstan's saved plan ({@code plan -out=FILE}): JSON holding what the plan was made from (the
 * state's lineage and serial, the configuration's files as loaded, the variables' values, the
 * planning options and the dependency locks), the root outputs' known planned values, and the plan
 * itself in Terraform's JSON format for {@code show -json}. Applying it refuses a stale plan (the
 * state moved on) or changed locks, then re-plans from the identical inputs, which gives the
 * identical changes: the configuration is the one recorded, as terraform applies the snapshot its
 * plan file embeds, whatever the working directory's {@code .tf} files became, and a root output
 * known when planned keeps that value, as in terraform. A plan that failed or was interrupted is
 * saved too, marked {@code errored} as terraform's, so that {@code show} can present what was
 * planned; {@code apply} refuses it.
 */
public final class PlanFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String MARKER = "capstan_plan_format";
    /**
     * 4 since the plan records its known root output values and the dependency lock file (3 recorded
     * the configuration's files, 2 their hash, 1 also the variables' arguments instead of their values).
     */
    private static final int FORMAT = 4;

    private PlanFile() {
    }

    public static void write(Path file, ConfigSnapshot config, Plan plan, PlanOptions opts, SavedVariables variables,
            LockFile locks, JsonNode planJson, JsonNode schemasJson) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put(MARKER, FORMAT);
        root.put("workspace", opts.workspace());
        root.put("lineage", plan.priorState().lineage());
        root.put("serial", plan.priorState().serial());
        root.set("configuration", snapshotJson(config));
        root.put("mode", opts.mode().name());
        root.put("refresh", opts.refresh());
        root.put("parallelism", opts.parallelism());
        // as terraform's plan file: the values the variables were given (not the ephemeral ones'), each
        // with its type, and which ephemeral variables must be given again to apply
        ObjectNode vars = root.putObject("variables");
        variables.values().forEach((k, v) -> vars.put(k, ValueJson.encodeTyped(v)));
        ArrayNode applyTime = root.putArray("apply_time_variables");
        variables.applyTime().forEach(applyTime::add);
        // as terraform's plan file: each root output's planned value, which its apply keeps when wholly known
        ObjectNode outputs = root.putObject("planned_outputs");
        io.capstan.engine.plan.Engine.knownOutputs(plan).forEach((k, v) -> outputs.put(k,
                ValueJson.encodeTyped(v.unmarkDeep().value())));
        // and the dependency locks the plan was made with (.terraform.lock.hcl, empty without one)
        root.put("dependency_locks", locks.render());
        root.set("targets", MAPPER.valueToTree(opts.targets()));
        root.set("replace", MAPPER.valueToTree(opts.replace()));
        root.set("plan", withGivenValues(planJson, variables));
        root.set("provider_schemas", schemasJson);
        try {
            Files.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code planJson} with its {@code variables} as terraform's plan file shows them: sorted by
     * name, each value the caller set as given (a {@code -var} number is the string given, a file's
     * tuple not converted to a list), the others their defaults.
     */
    static JsonNode withGivenValues(JsonNode planJson, SavedVariables variables) {
        if (!(planJson instanceof ObjectNode plan) || !(plan.get("variables") instanceof ObjectNode vars)) {
            return planJson;
        }
        java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
        vars.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        ObjectNode out = plan.objectNode();
        sorted.forEach((name, v) -> {
            Value given = variables.values().get(name);
            if (given == null) {
                out.set(name, v);
                return;
            }
            try {
                out.putObject(name).set("value", EXACT.readTree(ValueJson.encode(given)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        plan.set("variables", out); // in its place: the callers' JSON was built for the file
        return plan;
    }

    /** The saved plan's JSON plan (for {@code show -json}); null when the file is not a Capstan plan. */
    public static JsonNode planJson(Path file) {
        JsonNode root = load(file);
        return root == null ? null : root.get("plan");
    }

    /**
     * What {@code show PLANFILE} loads provider schemas for, as terraform's show does from a saved plan: the
     * configuration the plan recorded (null when it has none) and the providers of its prior state, each
     * {@code provider_name} as recorded (sorted).
     */
    public record ShownProviders(ConfigSnapshot config, java.util.SortedSet<String> priorState) {
    }

    /** A saved plan for {@code show -json PLANFILE}: its JSON plan and {@link ShownProviders}. */
    public record ForShowJson(JsonNode plan, ShownProviders providers) {
    }

    /** {@code file} read for {@code show -json PLANFILE}; null when it is not a Capstan plan. */
    public static ForShowJson forShowJson(Path file) {
        JsonNode root = load(file);
        if (root == null || root.get("plan") == null) {
            return null;
        }
        java.util.SortedSet<String> prior = new java.util.TreeSet<>();
        priorProviders(root.path("plan").path("prior_state").path("values").path("root_module"), prior);
        return new ForShowJson(root.get("plan"), new ShownProviders(snapshotOrNull(root.get("configuration")), prior));
    }

    private static void priorProviders(JsonNode module, java.util.SortedSet<String> out) {
        for (JsonNode r : module.path("resources")) {
            if (r.hasNonNull("provider_name")) {
                out.add(r.get("provider_name").asText());
            }
        }
        for (JsonNode child : module.path("child_modules")) {
            priorProviders(child, out);
        }
    }

    private static ConfigSnapshot snapshotOrNull(JsonNode json) {
        if (json == null) {
            return null;
        }
        try {
            return snapshot(json);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The providers of a JSON state's resources, read as a stream at {@code p} (its START_OBJECT, the plan's
     * {@code prior_state}): every {@code provider_name} outside the objects' values and the outputs, which are skipped.
     */
    private static void priorProviders(com.fasterxml.jackson.core.JsonParser p, java.util.SortedSet<String> out)
            throws IOException {
        if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT
                && p.currentToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            com.fasterxml.jackson.core.JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("unexpected end of prior_state");
            }
            switch (t) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME -> {
                    String field = p.getCurrentName();
                    com.fasterxml.jackson.core.JsonToken v = p.nextToken();
                    if (field.equals("values") && depth > 2 || field.equals("sensitive_values") || field.equals("outputs")) {
                        p.skipChildren(); // an object's own attributes, the output values
                    } else if (field.equals("provider_name") && v == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                        out.add(p.getText());
                    } else if (v == com.fasterxml.jackson.core.JsonToken.START_OBJECT
                            || v == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                        depth++;
                    }
                }
                default -> { }
            }
        }
    }

    /**
     * A saved plan as {@code show PLANFILE} renders it: its JSON plan without {@code resource_changes} (and
     * without {@code planned_values}, {@code prior_state} and {@code configuration}, which the human plan does
     * not read), its changes read from the file one at a time, the provider schemas and the planning mode.
     */
    public record ForShow(com.fasterxml.jackson.databind.node.ObjectNode plan,
                          io.capstan.engine.render.ChangeSource changes, JsonNode schemas, PlanMode mode,
                          ShownProviders providers)
            implements AutoCloseable {
        /** Closes the file the changes are read from. */
        @Override
        public void close() {
            ((FileChanges) changes).close();
        }
    }

    /**
     * {@code file} read for {@code show PLANFILE} in one streaming pass (null when it is not a Capstan plan):
     * the JSON plan's {@code resource_changes} are not made into a tree but their places in the file noted,
     * each entry read back and parsed when the renderer asks for it, so the whole plan (every instance's
     * values three times: changes, planned values, prior state) is never held, as a plan made in the run is
     * rendered ({@link HumanPlan#render(Plan, JsonNode, PlanMode, boolean, Appendable, io.capstan.graph.config.ModuleTree)}).
     */
    public static ForShow forShow(Path file) {
        com.fasterxml.jackson.databind.node.ObjectNode plan = null;
        JsonNode schemas = null;
        PlanMode mode = PlanMode.NORMAL;
        boolean marked = false;
        List<long[]> spans = new ArrayList<>();
        List<JsonNode> headers = new ArrayList<>();
        ConfigSnapshot config = null;
        java.util.SortedSet<String> prior = new java.util.TreeSet<>();
        try (var in = Files.newInputStream(file);
             com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                p.nextToken();
                switch (name) {
                    case MARKER -> {
                        marked = true;
                        p.skipChildren();
                    }
                    case "mode" -> {
                        try {
                            mode = PlanMode.valueOf(p.getValueAsString("NORMAL"));
                        } catch (IllegalArgumentException e) {
                            mode = PlanMode.NORMAL;
                        }
                    }
                    case "provider_schemas" -> schemas = MAPPER.readTree(p);
                    case "plan" -> plan = planForShow(p, spans, headers, prior);
                    case "configuration" -> config = snapshotOrNull(MAPPER.readTree(p));
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // not JSON, or not shaped as a plan file: load(file) answers null too
        }
        if (!marked || plan == null) {
            return null;
        }
        try {
            return new ForShow(plan, new FileChanges(new java.io.RandomAccessFile(file.toFile(), "r"), spans, headers),
                    schemas, mode, new ShownProviders(config, prior));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The JSON plan at {@code p} (its START_OBJECT) without what show does not read, noting each change's span
     * in the file and its header (the entry without its values: what choosing and ordering the changes reads).
     */
    private static com.fasterxml.jackson.databind.node.ObjectNode planForShow(com.fasterxml.jackson.core.JsonParser p,
            List<long[]> spans, List<JsonNode> headers, java.util.SortedSet<String> prior) throws IOException {
        if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
            throw new IOException("plan is not an object");
        }
        com.fasterxml.jackson.databind.node.ObjectNode plan = MAPPER.createObjectNode();
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            String name = p.getCurrentName();
            p.nextToken();
            switch (name) {
                case "resource_changes" -> {
                    if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                        throw new IOException("resource_changes is not an array");
                    }
                    while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                        long start = p.getTokenLocation().getByteOffset();
                        JsonNode rc = MAPPER.readTree(p);
                        if (rc.get("change") instanceof com.fasterxml.jackson.databind.node.ObjectNode ch) {
                            ch.remove(HEADERLESS);
                        }
                        headers.add(rc);
                        spans.add(new long[] {start, p.getTokenLocation().getByteOffset() + 1});
                    }
                }
                case "prior_state" -> priorProviders(p, prior);
                case "planned_values", "configuration" -> p.skipChildren();
                default -> plan.set(name, MAPPER.readTree(p));
            }
        }
        return plan;
    }

    /** What a change's header leaves out of its {@code change}: the values. */
    private static final List<String> HEADERLESS = List.of("before", "after", "after_unknown", "before_sensitive",
            "after_sensitive", "generated_config");

    /** A saved plan's {@code resource_changes}: the headers read, each whole entry read from its span when asked for. */
    private static final class FileChanges implements io.capstan.engine.render.ChangeSource {
        private final java.io.RandomAccessFile file;
        private final List<long[]> spans;
        private final List<JsonNode> headers;

        FileChanges(java.io.RandomAccessFile file, List<long[]> spans, List<JsonNode> headers) {
            this.file = file;
            this.spans = spans;
            this.headers = headers;
        }

        @Override
        public int size() {
            return spans.size();
        }

        @Override
        public JsonNode header(int i) {
            return headers.get(i);
        }

        @Override
        public JsonNode change(int i) {
            long[] span = spans.get(i);
            byte[] buf = new byte[(int) (span[1] - span[0])];
            try {
                synchronized (file) {
                    file.seek(span[0]);
                    file.readFully(buf);
                }
                return MAPPER.readTree(buf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try {
                file.close();
            } catch (IOException e) {
                // read only: nothing was lost
            }
        }
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

    /**
     * What a saved plan is applied with: the options to re-plan with, the variables, the configuration
     * and the root output values (those wholly known when planned) it recorded, and its JSON plan (each
     * instance's recorded final values, for the apply's inconsistent-final-plan check).
     */
    public record Loaded(PlanOptions options, SavedVariables variables, ConfigSnapshot config,
                         Map<String, Value> outputs, JsonNode plan) {
    }

    /**
     * The dependency locks of {@code workdir}'s {@code .terraform.lock.hcl}: none without the file,
     * and none when it cannot be read (init reports its problems).
     */
    public static LockFile currentLocks(Path workdir) {
        return DependencyLocks.current(workdir);
    }

    /**
     * The options to re-plan with ({@code given}'s variables and environment, which the apply
     * compares with the plan's values), the plan's variables, configuration and known root outputs, or
     * errors when the plan is unreadable, when {@code workdir}'s dependency locks no longer match the
     * plan's configuration or the plan's locks (terraform's two "Inconsistent dependency lock file"
     * errors), or when it is stale (all of those together, in terraform's order).
     */
    public static Result<Loaded> read(Path workdir, Path file, StateFile current, PlanOptions given) {
        return read(workdir, currentLocks(workdir), java.util.Set.of(), file, current, given);
    }

    /**
     * As {@link #read(Path, Path, StateFile, PlanOptions)} with {@code workdir}'s lock file already read ({@code locks}),
     * the providers {@code overridden} (the CLI configuration's {@code dev_overrides}) needing no selection in it, as
     * in terraform.
     */
    public static Result<Loaded> read(Path workdir, LockFile locks,
            java.util.Set<io.capstan.provider.install.ProviderAddress> overridden, Path file,
            StateFile current, PlanOptions given) {
        return read(workdir, locks, overridden, file, file.toString(), current, given);
    }

    /**
     * terraform's error for a plan file argument that names no file ({@code file}, the path {@code shown} as given
     * on the command line, which terraform's messages name): missing, or a directory; null otherwise.
     */
    public static Diagnostic unreadable(Path file, String shown) {
        if (java.nio.file.Files.isDirectory(file)) {
            return Diagnostic.error("Failed to load \"" + shown + "\" as a plan file", "The specified path is a "
                    + "directory, not a plan file. You can use the global -chdir flag to use this directory as the "
                    + "configuration root.", null);
        }
        if (!java.nio.file.Files.exists(file)) {
            return Diagnostic.error("Failed to load \"" + shown + "\" as a plan file", "Error: stat " + shown
                    + ": no such file or directory", null);
        }
        return null;
    }

    /** As {@link #read(Path, LockFile, java.util.Set, Path, StateFile, PlanOptions)}, the errors naming {@code shown}. */
    public static Result<Loaded> read(Path workdir, LockFile locks,
            java.util.Set<io.capstan.provider.install.ProviderAddress> overridden, Path file, String shown,
            StateFile current, PlanOptions given) {
        Diagnostics d = new Diagnostics();
        Diagnostic missing = unreadable(file, shown);
        if (missing != null) {
            return new Result<>(null, d.add(missing));
        }
        JsonNode root = load(file);
        if (root == null) {
            d.add(Diagnostic.error("Failed to load \"" + shown + "\" as a plan file", "The given file is not a "
                    + "Capstan saved plan.", null));
            return new Result<>(null, d);
        }
        if (root.path(MARKER).asInt() != FORMAT) {
            d.add(Diagnostic.error("Failed to load \"" + shown + "\" as a plan file", "The given plan file was saved "
                    + "by another version of Capstan; run plan again.", null));
            return new Result<>(null, d);
        }
        if (root.path("plan").path("errored").asBoolean(false)) {
            // written by an interrupted or failed plan -out, for show only (terraform's wording)
            d.add(Diagnostic.error("Cannot apply incomplete plan", "Terraform encountered an error when generating "
                    + "this plan, so it cannot be applied.", null));
            return new Result<>(null, d);
        }
        ConfigSnapshot config = snapshot(root.path("configuration"));
        if (config == null) {
            // terraform's wording for a plan file whose snapshot cannot be read
            d.add(Diagnostic.error("Invalid plan file", "Failed to read configuration snapshot from plan file: "
                    + "config snapshot does not have a root module.", null));
            return new Result<>(null, d);
        }
        // as terraform's, in its order and all together: the current locks against the configuration the plan
        // recorded, the plan's locks against the current ones, then the state the plan was made from
        Result<io.capstan.graph.config.ModuleTree> tree = io.capstan.graph.config.ConfigLoader.load(workdir, config);
        if (tree.value() != null && !tree.hasErrors()) {
            List<String> inconsistent = DependencyLocks.inconsistencies(tree.value(), locks, overridden);
            if (!inconsistent.isEmpty()) {
                d.add(Diagnostic.error("Inconsistent dependency lock file", "The following dependency selections "
                        + "recorded in the lock file are inconsistent with the configuration in the saved plan:"
                        + inconsistent.stream().map(e -> "\n  - " + e).collect(java.util.stream.Collectors.joining())
                        + "\n\nA saved plan can be applied only to the same configuration it was created from. "
                        + "Create a new plan from the updated configuration.", null));
            }
        }
        Result<LockFile> planned = LockFile.parse(root.path("dependency_locks").asText("").getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "<saved-plan>");
        if (planned.value() != null && !DependencyLocks.equal(locks, planned.value())) {
            d.add(Diagnostic.error("Inconsistent dependency lock file", "The given plan file was created with a "
                    + "different set of external dependency selections than the current configuration. A saved plan "
                    + "can be applied only to the same configuration it was created from.\n\nCreate a new plan from "
                    + "the updated configuration.", null));
        }
        boolean sameState = root.path("serial").asLong() == current.serial()
                && (current.serial() == 0 && current.isEmpty() || root.path("lineage").asText().equals(current.lineage()));
        if (!sameState) {
            d.add(Diagnostic.error("Saved plan is stale", "The given plan file can no longer be applied because the "
                    + "state was changed by another operation after the plan was created.", null));
        }
        if (d.hasErrors()) {
            return new Result<>(null, d);
        }
        Map<String, Value> values = new LinkedHashMap<>();
        root.path("variables").fields().forEachRemaining(e -> values.put(e.getKey(),
                ValueJson.decodeTyped(e.getValue().asText())));
        List<String> applyTime = new ArrayList<>();
        root.path("apply_time_variables").forEach(n -> applyTime.add(n.asText()));
        List<String> targets = new ArrayList<>();
        root.path("targets").forEach(t -> targets.add(t.asText()));
        List<String> replace = new ArrayList<>();
        root.path("replace").forEach(t -> replace.add(t.asText()));
        PlanOptions opts = new PlanOptions(given.vars(), given.env(), PlanMode.valueOf(root.path("mode").asText("NORMAL")),
                root.path("refresh").asBoolean(true), targets, replace, root.path("parallelism").asInt(10),
                given.workspace());
        Map<String, Value> outputs = new LinkedHashMap<>();
        root.path("planned_outputs").fields().forEachRemaining(e -> outputs.put(e.getKey(),
                ValueJson.decodeTyped(e.getValue().asText())));
        return Result.of(new Loaded(opts, new SavedVariables(values, new java.util.TreeSet<>(applyTime)), config,
                outputs, root.get("plan")));
    }

    private static JsonNode load(Path file) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            return root != null && root.has(MARKER) ? root : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The configuration's files, one entry per module (key, directory, source, version), each
     * file's bytes in base64 (a configuration file need not be UTF-8 to be read, and is applied as read).
     */
    static ArrayNode snapshotJson(ConfigSnapshot config) {
        ArrayNode out = MAPPER.createArrayNode();
        if (config == null) {
            return out; // a plan that failed before its configuration loaded: show only, never applied
        }
        config.modules().forEach((key, m) -> {
            ObjectNode n = out.addObject();
            n.put("key", key);
            n.put("dir", m.dir());
            if (m.source() != null) {
                n.put("source", m.source());
            }
            if (m.version() != null) {
                n.put("version", m.version());
            }
            ObjectNode files = n.putObject("files");
            m.files().forEach((name, bytes) -> files.put(name, Base64.getEncoder().encodeToString(bytes)));
        });
        return out;
    }

    /** The snapshot {@link #snapshotJson} wrote; null when it has no root module. */
    static ConfigSnapshot snapshot(JsonNode json) {
        Map<String, ConfigSnapshot.SnapshotModule> modules = new LinkedHashMap<>();
        for (JsonNode n : json) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            n.path("files").fields().forEachRemaining(e -> files.put(e.getKey(),
                    Base64.getDecoder().decode(e.getValue().asText())));
            modules.put(n.path("key").asText(), new ConfigSnapshot.SnapshotModule(n.path("dir").asText("."),
                    n.hasNonNull("source") ? n.get("source").asText() : null,
                    n.hasNonNull("version") ? n.get("version").asText() : null, files));
        }
        return modules.containsKey("") ? new ConfigSnapshot(modules) : null;
    }
}
