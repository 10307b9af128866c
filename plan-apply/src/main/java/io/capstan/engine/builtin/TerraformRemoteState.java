package io.capstan.engine.builtin;

import io.capstan.engine.state.OutputState;
import io.capstan.graph.validate.BuiltinTerraformSchema;
import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import io.capstan.provider.client.AttributePath;
import io.capstan.provider.client.PathStep;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.hcl.diag.Severity;
import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendConfigException;
import io.capstan.state.Backends;
import io.capstan.state.StateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code terraform_remote_state} data source: opens the named backend through
 * {@link Backends#open} with the {@code config} object as its arguments, reads the workspace's
 * latest state and returns its root outputs as {@code outputs}, over the {@code defaults}.
 * As Terraform 1.11 does, outputs recorded as sensitive come back unmarked (the data source's
 * result crosses the provider protocol, which carries no marks), and a workspace with no stored
 * state is an error rather than the defaults.
 */
public final class TerraformRemoteState {
    public static final String TYPE_NAME = BuiltinTerraformSchema.TERRAFORM_REMOTE_STATE;
    public static final ObjectType TYPE = BuiltinTerraformSchema.objectType(
            BuiltinTerraformSchema.dataAttributes(TYPE_NAME));

    /** Backend types Terraform 1.11 knows that Capstan does not implement: a different message than a typo. */
    private static final Set<String> TERRAFORM_ONLY = Set.of("remote", "azurerm", "consul", "cos", "gcs",
            "kubernetes", "oss", "cloud");

    private final Path workdir;
    private final Map<String, String> environment;

    /**
     * @param workdir the directory relative {@code local} paths are resolved against (the root module's,
     *     as Terraform resolves them against its working directory)
     */
    public TerraformRemoteState(Path workdir, Map<String, String> environment) {
        this.workdir = Objects.requireNonNull(workdir, "workdir").toAbsolutePath().normalize();
        this.environment = Map.copyOf(environment);
    }

    /** The result of one read: the new state value, or null with error diagnostics. */
    public record Read(Value state, List<ProviderDiagnostic> diagnostics) {
    }

    public Read read(Value config) {
        String type = config.attr("backend").isNull() ? "" : config.attr("backend").asString();
        String workspace = config.attr("workspace").isNull() ? "default" : config.attr("workspace").asString();
        if (!Backends.TYPES.contains(type)) {
            String detail = TERRAFORM_ONLY.contains(type)
                    ? "Capstan does not implement the backend type \"" + type + "\"; it supports "
                    + String.join(", ", Backends.TYPES) + "."
                    : "There is no backend type named \"" + type + "\".";
            return error("Invalid backend configuration", detail, "backend");
        }
        Map<String, String> args = new TreeMap<>();
        Value cfg = config.attr("config");
        if (!cfg.isNull()) {
            Type ct = cfg.type();
            if (!(ct instanceof ObjectType) && !(ct instanceof io.capstan.hcl.value.MapType)) {
                return error("Invalid backend configuration", "The given configuration is not valid for backend \""
                        + type + "\": an object is required.", "config");
            }
            flatten("", cfg, args);
        }
        if (type.equals("local")) {
            args.put("capstan.working_dir", workdir.toString());
        }
        // the backend's warnings of validating its arguments come with the read, as terraform's getBackend
        // gives them (those of configuring it it drops)
        List<ProviderDiagnostic> warnings = warnings(new BackendConfig(type, args, environment));
        Read read = read(type, workspace, config, args);
        if (warnings.isEmpty()) {
            return read;
        }
        List<ProviderDiagnostic> all = new ArrayList<>(warnings);
        all.addAll(read.diagnostics());
        return new Read(read.state(), all);
    }

    /**
     * terraform's validation of the data source: with a wholly known {@code config} and a known
     * {@code backend}, the backend's warnings of validating its arguments (the s3 backend's
     * deprecated parameters), without a source range.
     */
    public List<ProviderDiagnostic> validate(Value config) {
        Value backend = config.attr("backend");
        Value cfg = config.attr("config");
        if (!backend.isKnown() || backend.isNull() || !cfg.isWhollyKnown() || cfg.isNull()
                || !Backends.TYPES.contains(backend.asString())
                || !(cfg.type() instanceof ObjectType) && !(cfg.type() instanceof io.capstan.hcl.value.MapType)) {
            return List.of();
        }
        Map<String, String> args = new TreeMap<>();
        flatten("", cfg, args);
        return warnings(new BackendConfig(backend.asString(), args, environment));
    }

    private static List<ProviderDiagnostic> warnings(BackendConfig config) {
        List<ProviderDiagnostic> out = new ArrayList<>();
        for (io.capstan.state.BackendWarning w : Backends.warnings(config, false)) {
            out.add(new ProviderDiagnostic(Severity.WARNING, w.summary(), w.detail(), null));
        }
        return out;
    }

    private Read read(String type, String workspace, Value config, Map<String, String> args) {
        Optional<byte[]> bytes;
        try (Backend backend = Backends.open(new BackendConfig(type, args, environment))) {
            bytes = backend.read(workspace);
            if (bytes.isEmpty() && CREATE_MISSING_WORKSPACE.contains(type)
                    && !Backend.DEFAULT_WORKSPACE.equals(workspace) && !backend.workspaces().contains(workspace)) {
                bytes = Optional.of(createWorkspace(backend, workspace));
            }
        } catch (BackendConfigException e) {
            String msg = e.getMessage();
            String prefix = "An argument named \"";
            if (msg != null && msg.startsWith(prefix)) {
                String name = msg.substring(prefix.length(), msg.indexOf('"', prefix.length()));
                msg = "unexpected attribute \"" + name + "\".";
            }
            return error("Invalid backend configuration", "The given configuration is not valid for backend \""
                    + type + "\": " + msg, "config");
        } catch (StateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            return error("Error loading state error", "error loading the remote state: " + e.getMessage(), null);
        }
        if (bytes.isEmpty()) {
            return new Read(null, List.of(new ProviderDiagnostic(Severity.ERROR, "Unable to find remote state",
                    "No stored state was found for the given workspace in the given backend.", path("workspace"))));
        }
        Result<StateFile> state = StateCodec.read(bytes.get());
        if (state.hasErrors() || state.value() == null) {
            return error("Error loading state error", "error loading the remote state: "
                    + state.diagnostics().asList().stream().map(d -> d.summary() + ": " + d.detail()).toList(), null);
        }
        Map<String, Value> outputs = new LinkedHashMap<>();
        Value defaults = config.attr("defaults");
        if (!defaults.isNull() && defaults.isKnown()) {
            if (!(defaults.type() instanceof ObjectType) && !(defaults.type() instanceof io.capstan.hcl.value.MapType)) {
                return error("Invalid default values", "Defaults must be given in an object value.", "defaults");
            }
            outputs.putAll(defaults.entries());
        }
        for (Map.Entry<String, OutputState> e : state.value().outputs().entrySet()) {
            Type t = TypeJson.fromJson(e.getValue().type());
            outputs.put(e.getKey(), ValueJson.decode(io.capstan.engine.journal.JsonLine.text(e.getValue().value()), t));
        }
        Map<String, Value> result = new LinkedHashMap<>(config.entries());
        result.put("outputs", Value.object(outputs));
        return new Read(Value.object(result), List.of());
    }

    /**
     * terraform's s3 and pg backends create a workspace that does not exist when asked for its
     * state manager, and so does this data source through them: an empty state (serial 1, a new
     * lineage) is stored under the backend's lock, and its outputs are none (only the defaults).
     */
    private static final java.util.Set<String> CREATE_MISSING_WORKSPACE = java.util.Set.of("s3", "pg");

    private static byte[] createWorkspace(Backend backend, String workspace) {
        String lockId = backend.lock(workspace, io.capstan.state.LockInfo.forThisProcess("init",
                StateFile.TERRAFORM_VERSION), java.time.Duration.ZERO);
        try {
            Optional<byte[]> raced = backend.read(workspace);
            if (raced.isPresent()) {
                return raced.get();
            }
            byte[] empty = StateCodec.write(StateFile.empty().withSerial(1));
            backend.write(workspace, empty, new io.capstan.state.WriteCondition.ExpectAbsent());
            return empty;
        } finally {
            backend.unlock(workspace, lockId);
        }
    }

    /** Backend arguments as strings; nested objects become dotted names ({@code endpoints.s3}). */
    private static void flatten(String prefix, Value v, Map<String, String> out) {
        for (Map.Entry<String, Value> e : v.entries().entrySet()) {
            Value x = e.getValue().unmark();
            String name = prefix + e.getKey();
            if (x.isNull()) {
                continue;
            }
            Type t = x.type();
            if (t instanceof ObjectType || t instanceof io.capstan.hcl.value.MapType) {
                flatten(name + ".", x, out);
            } else if (t instanceof ListType || t instanceof TupleType || t instanceof SetType) {
                List<String> items = new ArrayList<>();
                x.elements().forEach(el -> items.add(el.isNull() ? "" : scalar(el)));
                out.put(name, String.join(",", items));
            } else {
                out.put(name, scalar(x));
            }
        }
    }

    private static String scalar(Value v) {
        Value u = v.unmark();
        if (u.type() == Type.STRING) {
            return u.asString();
        }
        if (u.type() == Type.NUMBER) {
            return u.asNumber().toBigDecimal().stripTrailingZeros().toPlainString();
        }
        if (u.type() == Type.BOOL) {
            return String.valueOf(u.asBool());
        }
        return ValueJson.encode(u);
    }

    private static AttributePath path(String attribute) {
        return new AttributePath(List.of(new PathStep.AttributeName(attribute)));
    }

    private static Read error(String summary, String detail, String attribute) {
        return new Read(null, List.of(new ProviderDiagnostic(Severity.ERROR, summary, detail,
                attribute == null ? null : path(attribute))));
    }
}
