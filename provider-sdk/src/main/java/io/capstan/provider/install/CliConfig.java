package io.capstan.provider.install;

import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.File;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of Terraform's CLI configuration file ({@code TF_CLI_CONFIG_FILE}, else
 * {@code ~/.terraformrc}) that concern provider installation: the
 * {@code provider_installation} block (null when absent, meaning "use the implied
 * methods") and {@code plugin_cache_dir} (overridden by {@code TF_PLUGIN_CACHE_DIR}).
 * Other settings (credentials, host blocks...) are accepted and ignored.
 */
public record CliConfig(List<InstallMethod> installation, Path pluginCacheDir) {
    public static final CliConfig EMPTY = new CliConfig(null, null);

    public CliConfig {
        installation = installation == null ? null : List.copyOf(installation);
    }

    /** Loads the file Terraform would load for this environment and home directory. */
    public static Result<CliConfig> load(Map<String, String> env, Path home) {
        String explicit = env.get("TF_CLI_CONFIG_FILE");
        Path file = explicit != null && !explicit.isEmpty() ? Path.of(explicit) : home.resolve(".terraformrc");
        Result<CliConfig> r = Result.of(EMPTY);
        if (Files.isRegularFile(file)) {
            try {
                r = parse(Files.readAllBytes(file), file.toString());
            } catch (IOException e) {
                r = new Result<>(EMPTY, new Diagnostics().add(Diagnostic.warning("Unable to open CLI configuration file",
                        "The CLI configuration file at \"" + file + "\" could not be read: " + e.getMessage(), null)));
            }
        }
        String cacheEnv = env.get("TF_PLUGIN_CACHE_DIR");
        if (cacheEnv != null && !cacheEnv.isEmpty()) {
            return new Result<>(new CliConfig(r.value().installation(), Path.of(cacheEnv)), r.diagnostics());
        }
        return r;
    }

    /** Parses CLI configuration text (native HCL syntax). */
    public static Result<CliConfig> parse(byte[] src, String filename) {
        Result<File> parsed = HclParser.parseConfig(src, filename);
        Diagnostics diags = new Diagnostics().addAll(parsed.diagnostics());
        if (parsed.value() == null || !(parsed.value().body() instanceof SyntaxBody body)) {
            return new Result<>(EMPTY, diags);
        }
        Path cache = null;
        for (Attribute a : body.attributes()) {
            if (a.name().equals("plugin_cache_dir")) {
                String s = string(a, diags);
                cache = s == null || s.isEmpty() ? null : Path.of(s);
            }
        }
        List<InstallMethod> methods = null;
        for (Block b : body.blocks()) {
            if (!b.type().equals("provider_installation")) {
                continue;
            }
            if (methods != null) {
                diags.add(Diagnostic.error("Multiple provider_installation blocks", "The CLI configuration may "
                        + "contain only one provider_installation block.", b.typeRange()));
                continue;
            }
            methods = new ArrayList<>();
            if (b.body() instanceof SyntaxBody pb) {
                for (Block m : pb.blocks()) {
                    InstallMethod im = method(m, diags);
                    if (im != null) {
                        methods.add(im);
                    }
                }
            }
        }
        return new Result<>(new CliConfig(methods, cache), diags);
    }

    private static InstallMethod method(Block m, Diagnostics diags) {
        if (!(m.body() instanceof SyntaxBody body)) {
            return null;
        }
        String path = null;
        String url = null;
        List<ProviderPattern> include = List.of();
        List<ProviderPattern> exclude = List.of();
        for (Attribute a : body.attributes()) {
            switch (a.name()) {
                case "path" -> path = string(a, diags);
                case "url" -> url = string(a, diags);
                case "include" -> include = patterns(a, diags);
                case "exclude" -> exclude = patterns(a, diags);
                default -> diags.add(Diagnostic.error("Invalid provider_installation method argument",
                        "The " + m.type() + " method does not accept an argument named \"" + a.name() + "\".",
                        a.nameRange()));
            }
        }
        switch (m.type()) {
            case "filesystem_mirror":
                if (path == null) {
                    diags.add(Diagnostic.error("Invalid filesystem_mirror block", "A filesystem_mirror block must "
                            + "have an argument named \"path\".", m.defRange()));
                    return null;
                }
                return new InstallMethod.FilesystemMirror(Path.of(path), include, exclude);
            case "network_mirror":
                return new InstallMethod.NetworkMirror(url == null ? "" : url, include, exclude);
            case "direct":
                return new InstallMethod.Direct(include, exclude);
            case "dev_overrides":
                return null;
            default:
                diags.add(Diagnostic.error("Invalid provider_installation method block", "Unknown provider "
                        + "installation method \"" + m.type() + "\"; expected filesystem_mirror, network_mirror, "
                        + "direct or dev_overrides.", m.typeRange()));
                return null;
        }
    }

    private static String string(Attribute a, Diagnostics diags) {
        Result<Value> r = Evaluator.evaluate(a.expr(), EvalContext.empty());
        diags.addAll(r.diagnostics());
        Value v = r.value();
        if (r.hasErrors() || v == null || v.isNull() || !v.isKnown() || !v.type().isPrimitive()) {
            diags.add(Diagnostic.error("Invalid argument value", "The \"" + a.name() + "\" argument must be a string.",
                    a.range()));
            return null;
        }
        return v.asString();
    }

    private static List<ProviderPattern> patterns(Attribute a, Diagnostics diags) {
        Result<Value> r = Evaluator.evaluate(a.expr(), EvalContext.empty());
        diags.addAll(r.diagnostics());
        List<ProviderPattern> out = new ArrayList<>();
        Value v = r.value();
        if (r.hasErrors() || v == null || !v.isWhollyKnown() || !v.isSequence()) {
            diags.add(Diagnostic.error("Invalid provider source pattern list", "The \"" + a.name()
                    + "\" argument must be a list of provider source patterns.", a.range()));
            return out;
        }
        for (Value e : v.elements()) {
            ProviderPattern p = ProviderPattern.parse(e.asString());
            if (p == null) {
                diags.add(Diagnostic.error("Invalid provider source pattern", "\"" + e.asString() + "\" is not a "
                        + "valid provider source pattern: expected HOST/NAMESPACE/TYPE where parts may be \"*\".",
                        a.range()));
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
