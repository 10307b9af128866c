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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of Terraform's CLI configuration file ({@code TF_CLI_CONFIG_FILE}, else
 * {@code ~/.terraformrc}) that concern provider installation: the
 * {@code provider_installation} block's methods (null when absent, meaning "use the implied
 * methods"), its {@code dev_overrides} (providers every command runs from a local directory,
 * ignoring the lock file and the installed packages; in the file's order), and
 * {@code plugin_cache_dir} (overridden by {@code TF_PLUGIN_CACHE_DIR}).
 * Other settings (credentials, host blocks...) are accepted and ignored.
 */
public record CliConfig(List<InstallMethod> installation, Path pluginCacheDir, Map<ProviderAddress, Path> devOverrides) {
    public static final CliConfig EMPTY = new CliConfig(null, null);

    public CliConfig {
        installation = installation == null ? null : List.copyOf(installation);
        devOverrides = devOverrides == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devOverrides));
    }

    public CliConfig(List<InstallMethod> installation, Path pluginCacheDir) {
        this(installation, pluginCacheDir, Map.of());
    }

    /** Loads the file Terraform would load for this environment and home directory. */
    public static Result<CliConfig> load(Map<String, String> env, Path home) {
        String explicit = env.get("TF_CLI_CONFIG_FILE");
        Path file = explicit != null && !explicit.isEmpty() ? Path.of(explicit) : home.resolve(".terraformrc");
        Result<CliConfig> r = Result.of(EMPTY);
        if (Files.isRegularFile(file)) {
            try {
                r = parse(Files.readAllBytes(file), file.toString(), env);
            } catch (IOException e) {
                r = new Result<>(EMPTY, new Diagnostics().add(Diagnostic.warning("Unable to open CLI configuration file",
                        "The CLI configuration file at \"" + file + "\" could not be read: " + e.getMessage(), null)));
            }
        }
        String cacheEnv = env.get("TF_PLUGIN_CACHE_DIR");
        if (cacheEnv != null && !cacheEnv.isEmpty()) {
            return new Result<>(new CliConfig(r.value().installation(), Path.of(cacheEnv), r.value().devOverrides()),
                    r.diagnostics());
        }
        return r;
    }

    /** Parses CLI configuration text, environment variables in {@code dev_overrides} paths from this process's. */
    public static Result<CliConfig> parse(byte[] src, String filename) {
        return parse(src, filename, System.getenv());
    }

    /**
     * Parses CLI configuration text (native HCL syntax; {@code dev_overrides} bodies as HCL 1, see
     * {@link DevOverridesScan}), {@code $NAME} and {@code ${NAME}} in {@code dev_overrides} paths
     * expanded from {@code env} as terraform expands them.
     */
    public static Result<CliConfig> parse(byte[] src, String filename, Map<String, String> env) {
        DevOverridesScan scan = DevOverridesScan.of(src);
        Result<File> parsed = HclParser.parseConfig(scan.blanked(), filename);
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
        Map<ProviderAddress, Path> overrides = new LinkedHashMap<>();
        int overrideBlock = 0;
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
                    if (m.type().equals("dev_overrides")) {
                        DevOverridesScan.BlockItems items = overrideBlock < scan.blocks().size()
                                ? scan.blocks().get(overrideBlock++) : null;
                        devOverrides(m, b, items, methods.isEmpty(), env, overrides, diags);
                        continue;
                    }
                    InstallMethod im = method(m, diags);
                    if (im != null) {
                        methods.add(im);
                    }
                }
            }
        }
        return new Result<>(new CliConfig(methods, cache, overrides), diags);
    }

    /**
     * One {@code dev_overrides} block, as terraform reads it: only before every other installation method,
     * each key a provider source address, each value a directory with environment variables expanded
     * (an unset one is an error and expands to nothing) and the path cleaned. Positions are written
     * {@code LINE:COLUMN}, as terraform's HCL 1 positions print.
     */
    private static void devOverrides(Block m, Block installation, DevOverridesScan.BlockItems items, boolean first,
            Map<String, String> env, Map<ProviderAddress, Path> into, Diagnostics diags) {
        String at = m.typeRange().start().line() + ":" + m.typeRange().start().column();
        if (!first) {
            diags.add(Diagnostic.error("Invalid provider_installation method block", "The dev_overrides block at " + at
                    + " must appear before all other installation methods, because development overrides always have "
                    + "the highest priority.", m.typeRange()));
            return;
        }
        if (items == null) {
            return;
        }
        if (items.problem() != null) {
            diags.add(Diagnostic.error("Invalid provider_installation method block", "Invalid dev_overrides block at "
                    + at + ": " + items.problem() + ".", m.typeRange()));
        }
        String blockAt = installation.typeRange().start().line() + ":" + installation.typeRange().start().column();
        java.util.Set<String> unset = new java.util.HashSet<>();
        for (DevOverridesScan.Item item : items.items()) {
            ProviderAddress.Parsed a = ProviderAddress.parse(item.key());
            if (a.address() == null) {
                diags.add(Diagnostic.error("Invalid provider installation dev overrides", "The entry \"" + item.key()
                        + "\" in " + blockAt + " is not a valid provider source string.\n\n" + sourceError(a.error()), null));
                continue;
            }
            String expanded = expand(item.value(), env, unset, diags);
            into.put(a.address(), Path.of(expanded.isEmpty() ? "." : expanded).normalize());
        }
    }

    /** Go's {@code os.Expand} of {@code $NAME} and {@code ${NAME}} against {@code env}, as terraform expands override paths. */
    /**
     * A provider source's parse error as terraform's dev_overrides entry words it (its diagnostics flattened to
     * "summary: detail"): the malformed form under "Invalid provider source string", without the detail's period.
     */
    static String sourceError(String error) {
        return error.startsWith("The \"source\" attribute must be in the format")
                ? "Invalid provider source string: " + error.substring(0, error.length() - 1) : error;
    }

    static String expand(String s, Map<String, String> env, java.util.Set<String> unset, Diagnostics diags) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            String name;
            int next = s.charAt(i + 1);
            if (next == '{') {
                int close = s.indexOf('}', i + 2);
                if (close < 0 || close == i + 2) {
                    // bad syntax: Go eats "${" (and "}" when empty)
                    i = close < 0 ? i + 1 : close;
                    continue;
                }
                name = s.substring(i + 2, close);
                i = close;
            } else if ("*#$@!?-0123456789".indexOf(next) >= 0) {
                name = String.valueOf((char) next);
                i++;
            } else {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')
                        && s.charAt(j) < 128) {
                    j++;
                }
                if (j == i + 1) {
                    out.append(c);
                    continue;
                }
                name = s.substring(i + 1, j);
                i = j - 1;
            }
            String v = env.get(name);
            if (v == null) {
                if (unset.add(name)) {
                    diags.add(Diagnostic.error("Interpolated environment variable not set", "The environment variable "
                            + name + " is not set or empty and can result in undesired behavior", null));
                }
            } else {
                out.append(v);
            }
        }
        return out.toString();
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
