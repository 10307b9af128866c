package io.capstan.graph.config;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.json.JsonParser;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values for the root module's input variables, with Terraform's precedence (later wins):
 * {@code TF_VAR_name} environment variables, {@code terraform.tfvars}, {@code terraform.tfvars.json},
 * {@code *.auto.tfvars[.json]} in lexical order, then {@code -var} and {@code -var-file} in
 * command-line order. Values are converted to each variable's type; defaults fill the rest.
 */
public final class InputVariables {
    /** One {@code -var name=value} or {@code -var-file=path} argument, in command-line order. */
    public record CliArg(boolean isFile, String text) {
    }

    private InputVariables() {
    }

    public static Result<Map<String, Value>> collect(Module root, Path dir, List<CliArg> cli, Map<String, String> env) {
        return collect(root, dir, cli, env, new LinkedHashMap<>());
    }

    /**
     * As {@link #collect(Module, Path, List, Map)}, also filling {@code from} with the range of
     * each value that came from a variables file (its expression there): terraform points a failed
     * validation of such a value at that line; values from {@code -var}, the environment or a default
     * have none (terraform points at the declaration).
     */
    public static Result<Map<String, Value>> collect(Module root, Path dir, List<CliArg> cli, Map<String, String> env,
                                                     Map<String, SourceRange> from) {
        return read(root, dir, cli, env).values(Unset.REQUIRED, from);
    }

    /** What a required root variable that was given no value becomes. */
    public enum Unset {
        /** Terraform's "No value for required variable" error. */
        REQUIRED,
        /** Unknown of its type, as terraform's {@code console} takes it ({@code AllowUnsetVariables}). */
        UNKNOWN
    }

    /**
     * The values given for the root module's variables by the environment, the automatic variables
     * files and {@code cli}, read in one pass: both as given ({@link Inputs#given()}, what a saved
     * plan records and compares) and converted to the variables' types ({@link Inputs#values}).
     */
    public static Inputs read(Module root, Path dir, List<CliArg> cli, Map<String, String> env) {
        Inputs in = new Inputs(root);
        Diagnostics d = in.diagnostics;
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (e.getKey().startsWith("TF_VAR_")) {
                String name = e.getKey().substring(7);
                Variable v = root.variables().get(name);
                Value val = null;
                if (v != null) {
                    val = rawValue(v, e.getValue(), "<value for var." + name + ">", d);
                    if (val != null) {
                        in.raw.put(name, val);
                        in.setUsing.put(name, "the " + e.getKey() + " environment variable");
                    }
                }
                in.given.put(name, new Given(val, Source.ENV, null, null));
            }
        }
        for (Path f : automaticFiles(dir)) {
            if (Files.isRegularFile(f)) {
                file(root, f, dir, in, Source.AUTO_FILE);
            }
        }
        for (CliArg a : cli) {
            if (a.isFile()) {
                Path f = dir.resolve(a.text());
                if (!Files.isRegularFile(f)) {
                    d.add(Diagnostic.error("Failed to read variables file", "Given variables file " + a.text()
                            + " does not exist.", null));
                    continue;
                }
                file(root, f, dir, in, Source.NAMED_FILE);
                continue;
            }
            int eq = a.text().indexOf('=');
            if (eq <= 0) {
                d.add(Diagnostic.error("Invalid -var option", "The given -var option \"" + a.text() + "\" is not "
                        + "correctly specified. It must be a variable name and value separated an equals sign, like "
                        + "-var=\"key=value\".", null));
                continue;
            }
            String name = a.text().substring(0, eq).trim();
            Variable v = root.variables().get(name);
            if (v == null) {
                in.undeclared.remove(name);
                in.given.put(name, new Given(null, Source.CLI, null, null));
                d.add(undeclaredOnCommandLine(name));
                continue;
            }
            Value val = rawValue(v, a.text().substring(eq + 1), "<value for var." + name + ">", d);
            if (val != null) {
                in.raw.put(name, val);
                in.from.remove(name);
                in.setUsing.put(name, "-var=\"" + name + "=...\"");
            }
            in.given.put(name, new Given(val, Source.CLI, null, null));
        }
        return in;
    }

    /** The root variables' values from {@code raw}, values as given (a saved plan's): defaults fill the rest. */
    public static Result<Map<String, Value>> fromGiven(Module root, Map<String, Value> raw) {
        Diagnostics d = new Diagnostics();
        Map<String, Value> out = convert(root, raw, new LinkedHashMap<>(), Map.of(), Unset.REQUIRED, d);
        return new Result<>(out, d);
    }

    /** One pass over the values given for the root module's variables ({@link #read}). */
    public static final class Inputs {
        private final Module root;
        private final Map<String, Value> raw = new LinkedHashMap<>();
        private final Map<String, SourceRange> from = new LinkedHashMap<>();
        // how a value given outside files was set, for Terraform's "Unsuitable value ... set using ..."
        private final Map<String, String> setUsing = new LinkedHashMap<>();
        // undeclared names given in files, with the file that gave each last (a later -var's error replaces it)
        private final Map<String, String> undeclared = new LinkedHashMap<>();
        private final Map<String, Given> given = new LinkedHashMap<>();
        private final Diagnostics diagnostics = new Diagnostics();
        private final Diagnostics fileDiagnostics = new Diagnostics();

        private Inputs(Module root) {
            this.root = root;
        }

        /**
         * Each name given a value, the later winning, with the value as given (what terraform records
         * in a plan as the variable's value and compares an apply's values with): declared names
         * parsed, undeclared ones and values that could not be parsed with a null value.
         */
        public Map<String, Given> given() {
            return given;
        }

        /** The errors reading the variables files themselves (syntax, not attributes): reported even for a saved plan. */
        public Diagnostics fileDiagnostics() {
            return fileDiagnostics;
        }

        /**
         * Each declared variable's value converted to its type, defaults filling the rest, with
         * terraform's diagnostics; {@code from} is filled with the range of each value that came
         * from a variables file (see {@link #collect(Module, Path, List, Map, Map)}).
         */
        public Result<Map<String, Value>> values(Unset unset, Map<String, SourceRange> from) {
            Diagnostics d = new Diagnostics().addAll(diagnostics);
            undeclaredInFiles(undeclared, d);
            from.putAll(this.from);
            Map<String, Value> out = convert(root, raw, from, setUsing, unset, d);
            return new Result<>(out, d);
        }
    }

    private static Map<String, Value> convert(Module root, Map<String, Value> raw, Map<String, SourceRange> from,
                                              Map<String, String> setUsing, Unset unset, Diagnostics d) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (Variable v : root.variables().values()) {
            Value given = raw.get(v.name());
            if (given == null || (given.isNull() && !v.nullable() && v.defaultExpr() != null)) {
                from.remove(v.name());
                if (v.defaultExpr() == null) {
                    if (unset == Unset.UNKNOWN) {
                        out.put(v.name(), Value.unknown(v.type().type()));
                        continue;
                    }
                    d.add(Diagnostic.error("No value for required variable", "The root module input variable \""
                            + v.name() + "\" is not set, and has no default value. Use a -var or -var-file command "
                            + "line argument to provide a value for this variable.", v.declRange()));
                    continue;
                }
                given = Evaluator.evaluate(v.defaultExpr(), EvalContext.empty(), new Diagnostics());
            }
            if (given.isNull() && !v.nullable()) {
                d.add(Diagnostic.error("Required variable not set", "Unsuitable value for var." + v.name()
                        + " set from outside of the configuration: required variable may not be set to null.",
                        v.declRange()));
                continue;
            }
            try {
                out.put(v.name(), v.type().apply(given));
            } catch (ConversionException e) {
                SourceRange r = from.get(v.name());
                if (r == null && setUsing.containsKey(v.name())) {
                    d.add(Diagnostic.error("Invalid value for input variable", "Unsuitable value for var." + v.name()
                            + " set using " + setUsing.get(v.name()) + ": " + e.describe() + ".", v.declRange()));
                    continue;
                }
                d.add(Diagnostic.error("Invalid value for input variable", "The given value is not suitable for var."
                        + v.name() + " declared at " + at(v.declRange()) + ": " + e.describe() + ".", r));
            }
        }
        return out;
    }

    /** From the environment or -var: primitives are taken literally, other types parsed as HCL. */
    private static Value rawValue(Variable v, String text, String label, Diagnostics d) {
        Type t = v.type().type();
        if (t.isPrimitive() || !v.typeGiven()) {
            return Value.of(text); // Terraform takes these literally; conversion happens below
        }
        Result<Expression> e = HclParser.parseExpression(text, label);
        d.addAll(e.diagnostics());
        if (e.hasErrors() || e.value() == null) {
            return null;
        }
        Diagnostics ed = new Diagnostics();
        Value val = Evaluator.evaluate(e.value(), EvalContext.empty(), ed);
        d.addAll(ed);
        return ed.hasErrors() ? null : val;
    }

    /**
     * Terraform's warnings for values in files for variables the root module does not declare:
     * without a source range, one for each of the first two names, then one "Values for undeclared
     * variables" counting the rest.
     */
    private static void undeclaredInFiles(Map<String, String> undeclared, Diagnostics d) {
        int seen = 0;
        for (Map.Entry<String, String> e : undeclared.entrySet()) {
            if (seen++ < 2) {
                d.add(undeclaredInFile(e.getKey(), e.getValue()));
            }
        }
        if (seen > 2) {
            d.add(undeclaredInMoreFiles(seen - 2));
        }
    }

    /** The variables files, in terraform's order, that every run reads when they exist. */
    static List<Path> automaticFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve("terraform.tfvars"));
        files.add(dir.resolve("terraform.tfvars.json"));
        // a loop rather than a stream of lambdas: each lambda call site costs every CLI run its bootstrap (#6)
        try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            List<Path> auto = new ArrayList<>();
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json")) {
                    auto.add(p);
                }
            }
            java.util.Collections.sort(auto);
            files.addAll(auto);
        } catch (IOException e) {
            // no directory listing: no automatic files
        }
        return files;
    }

    /** Terraform's error for {@code -var NAME=...} naming no declared variable. */
    public static Diagnostic undeclaredOnCommandLine(String name) {
        return Diagnostic.error("Value for undeclared variable", "A variable named \"" + name + "\" was "
                + "assigned on the command line, but the root module does not declare a variable of that "
                + "name. To use this value, add a \"variable\" block to the configuration.", null);
    }

    /** Terraform's warning (without a source range) for a value in {@code file} for an undeclared variable. */
    public static Diagnostic undeclaredInFile(String name, String file) {
        return Diagnostic.warning("Value for undeclared variable", "The root module does not declare a "
                + "variable named \"" + name + "\" but a value was found in file \"" + file
                + "\". If you meant to use this value, add a \"variable\" block to the configuration.\n\nTo "
                + "silence these warnings, use TF_VAR_... environment variables to provide certain \"global\" "
                + "settings to all configurations in your organization. To reduce the verbosity of these "
                + "warnings, use the -compact-warnings option.", null);
    }

    /** Terraform's one warning counting the undeclared values in files beyond the first two. */
    public static Diagnostic undeclaredInMoreFiles(int more) {
        return Diagnostic.warning("Values for undeclared variables", "In addition to the other similar warnings "
                + "shown, " + more + " other variable(s) defined without being declared.", null);
    }

    private static void file(Module root, Path f, Path dir, Inputs in, Source source) {
        Diagnostics d = in.diagnostics;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            Diagnostic failed = Diagnostic.error("Failed to read variables file", "Could not read " + f + ".", null);
            d.add(failed);
            in.fileDiagnostics.add(failed);
            return;
        }
        Path abs = f.toAbsolutePath().normalize();
        Path base = dir.toAbsolutePath().normalize();
        String name = abs.startsWith(base) ? base.relativize(abs).toString() : f.toString();
        Result<File> r = name.endsWith(".json") ? JsonParser.parse(bytes, name) : HclParser.parseConfig(bytes, name);
        d.addAll(r.diagnostics());
        in.fileDiagnostics.addAll(r.diagnostics());
        if (r.value() == null) {
            return;
        }
        Result<Map<String, Attribute>> attrs = r.value().body().justAttributes();
        d.addAll(attrs.diagnostics());
        in.fileDiagnostics.addAll(attrs.diagnostics());
        for (Attribute a : attrs.value() == null ? List.<Attribute>of() : attrs.value().values()) {
            if (!root.variables().containsKey(a.name())) {
                in.undeclared.remove(a.name());
                in.undeclared.put(a.name(), name);
                in.given.put(a.name(), new Given(null, source, a.expr().range(), name));
                continue;
            }
            Diagnostics ed = new Diagnostics();
            Value v = Evaluator.evaluate(a.expr(), EvalContext.empty(), ed);
            d.addAll(ed);
            if (!ed.hasErrors()) {
                in.raw.put(a.name(), v);
                in.from.put(a.name(), a.expr().range());
            }
            in.given.put(a.name(), new Given(ed.hasErrors() ? null : v, source, a.expr().range(), name));
        }
    }

    /** Where a value given from outside the configuration came from (terraform's {@code ValueSourceType}). */
    public enum Source {
        ENV("set by an environment variable"),
        AUTO_FILE("set by an automatically loaded .tfvars file"),
        NAMED_FILE("set by a .tfvars file passed through -var-file argument"),
        CLI("set by a CLI argument");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** Terraform's {@code DiagnosticLabel}: "set by an environment variable". */
        public String label() {
            return label;
        }
    }

    /**
     * One value as given, before conversion to the variable's type: {@code value} is null when it
     * could not be parsed; {@code range} is its expression in a variables file (null for the
     * environment and {@code -var}); {@code file} names the file that gave it.
     */
    public record Given(Value value, Source source, SourceRange range, String file) {
    }

    private static String at(SourceRange r) {
        return r.filename() + ":" + r.start().line() + "," + r.start().column() + "-"
                + (r.end().line() == r.start().line() ? "" : r.end().line() + ",") + r.end().column();
    }
}
