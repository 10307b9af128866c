package io.capstan.hcl.function;

import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.parser.Identifiers;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The functions of Terraform's built-in provider {@code terraform.io/builtin/terraform}:
 * {@code encode_tfvars}, {@code decode_tfvars} and {@code encode_expr}. Terraform renders values
 * the way {@code terraform fmt} lays them out (keys sorted, consecutive one-line attributes
 * aligned, a multi-line value breaking the alignment run), so this class emits the value and then
 * applies the same indentation and alignment rules. Only in scope where a module declares the
 * provider in {@code required_providers}.
 */
public final class TerraformProviderFunctions {
    /** The provider source address that brings these functions into scope. */
    public static final String SOURCE = "terraform.io/builtin/terraform";
    private static final char MARK = '\u0000';
    private static final String DECODE_FILE = "<decode_tfvars argument>";

    private TerraformProviderFunctions() {
    }

    /** Adds the three functions to {@code r} under the usual local name {@code terraform}. */
    public static void register(FunctionRegistry r) {
        register(r, "terraform");
    }

    /**
     * Adds the three functions under {@code provider::<localName>::}, the name the module gave
     * the built-in provider in {@code required_providers}.
     */
    public static void register(FunctionRegistry r, String localName) {
        String prefix = "provider::" + localName + "::";
        r.add(Function.builder(prefix + "encode_tfvars").param(Parameter.of("value", Type.DYNAMIC))
                .returns(Type.STRING).impl((args, ret, ctx) -> Value.of(encodeTfvars(args.get(0)))).build());
        r.add(Function.builder(prefix + "decode_tfvars").param("src", Type.STRING)
                .returns(args -> Type.DYNAMIC).impl((args, ret, ctx) -> decodeTfvars(Args.str(args, 0))).build());
        r.add(Function.builder(prefix + "encode_expr").param(Parameter.of("value", Type.DYNAMIC))
                .returns(Type.STRING).impl((args, ret, ctx) -> Value.of(encodeExpr(args.get(0)))).build());
    }

    /** A registry holding the standard functions plus these. */
    public static FunctionRegistry withStandard() {
        FunctionRegistry r = FunctionRegistry.standard();
        register(r);
        return r;
    }

    static String encodeExpr(Value v) {
        StringBuilder sb = new StringBuilder();
        emit(v, sb);
        return format(sb.toString());
    }

    static String encodeTfvars(Value v) {
        if (!(v.type() instanceof io.capstan.hcl.value.ObjectType) && !(v.type() instanceof io.capstan.hcl.value.MapType)) {
            throw new FunctionException("invalid value to encode: must be an object whose attribute names will "
                    + "become the encoded variable names");
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Value> e : new TreeMap<>(v.entries()).entrySet()) {
            if (!Identifiers.valid(e.getKey())) {
                throw new FunctionException("invalid variable name \"" + e.getKey() + "\": must be a valid "
                        + "identifier, per Terraform's rules for input variable declarations");
            }
            sb.append(e.getKey()).append(MARK).append(" = ");
            emit(e.getValue(), sb);
            sb.append('\n');
        }
        return format(sb.toString());
    }

    static Value decodeTfvars(String src) {
        Result<File> r = HclParser.parseConfig(src.getBytes(StandardCharsets.UTF_8), DECODE_FILE);
        Diagnostic err = firstError(r.diagnostics());
        if (err != null || r.value() == null) {
            throw new FunctionException("invalid tfvars syntax: " + describe(err));
        }
        Result<Map<String, Attribute>> attrs = r.value().body().justAttributes();
        err = firstError(attrs.diagnostics());
        if (err != null) {
            throw new FunctionException("invalid tfvars syntax: " + describe(err));
        }
        Map<String, Value> out = new TreeMap<>();
        for (Attribute a : attrs.value().values()) {
            Diagnostics d = new Diagnostics();
            Value v = Evaluator.evaluate(a.expr(), EvalContext.empty(), d);
            Diagnostic e = firstError(d);
            if (e != null) {
                throw new FunctionException("invalid expression for variable \"" + a.name() + "\": " + describe(e));
            }
            out.put(a.name(), v);
        }
        return Value.object(out);
    }

    private static Diagnostic firstError(Diagnostics d) {
        for (Diagnostic x : d) {
            if (x.isError()) {
                return x;
            }
        }
        return null;
    }

    /** hcl.Diagnostic's Error(): {@code file:1,5-6: Summary; Detail.} */
    private static String describe(Diagnostic d) {
        if (d == null) {
            return "invalid syntax";
        }
        SourceRange s = d.subject();
        String where = s == null ? "" : s.filename() + ":" + s.start().line() + "," + s.start().column() + "-"
                + (s.end().line() == s.start().line() ? "" : s.end().line() + ",") + s.end().column() + ": ";
        return where + d.summary() + "; " + d.detail();
    }

    private static void emit(Value v, StringBuilder sb) {
        if (v.isNull()) {
            sb.append("null");
        } else if (v.type() == Type.STRING) {
            quote(v.asString(), sb);
        } else if (v.type() == Type.NUMBER) {
            sb.append(v.asNumber().toString());
        } else if (v.type() == Type.BOOL) {
            sb.append(v.asBool());
        } else if (v.isSequence()) {
            sb.append('[');
            List<Value> els = v.elements();
            for (int i = 0; i < els.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                emit(els.get(i), sb);
            }
            sb.append(']');
        } else if (v.isMapping()) {
            if (v.entries().isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            for (Map.Entry<String, Value> e : new TreeMap<>(v.entries()).entrySet()) {
                if (Identifiers.valid(e.getKey())) {
                    sb.append(e.getKey());
                } else {
                    quote(e.getKey(), sb);
                }
                sb.append(MARK).append(" = ");
                emit(e.getValue(), sb);
                sb.append('\n');
            }
            sb.append('}');
        } else {
            throw new FunctionException("cannot encode a value of type " + v.type());
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '$', '%' -> {
                    sb.append(c);
                    if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
                        sb.append(c);
                    }
                }
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Indents by bracket nesting and aligns the {@code =} of runs of one-line attributes. */
    private static String format(String raw) {
        if (raw.isEmpty()) {
            return raw;
        }
        boolean trailingNewline = raw.endsWith("\n");
        String[] lines = (trailingNewline ? raw.substring(0, raw.length() - 1) : raw).split("\n", -1);
        List<Integer> stack = new ArrayList<>();
        int[] indent = new int[lines.length];
        for (int i = 0; i < lines.length; i++) {
            int net = netBrackets(lines[i]);
            if (net > 0) {
                indent[i] = stack.size();
                stack.add(net);
            } else if (net < 0) {
                while (net < 0 && !stack.isEmpty()) {
                    net += stack.remove(stack.size() - 1);
                }
                indent[i] = stack.size();
            } else {
                indent[i] = stack.size();
            }
        }
        // Alignment runs: consecutive attribute lines whose value is on one line.
        int[] keyWidth = new int[lines.length];
        int i = 0;
        while (i < lines.length) {
            if (!alignable(lines[i])) {
                i++;
                continue;
            }
            int j = i;
            int w = 0;
            while (j < lines.length && alignable(lines[j])) {
                w = Math.max(w, lines[j].indexOf(MARK));
                j++;
            }
            for (int k = i; k < j; k++) {
                keyWidth[k] = w;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k];
            out.append("  ".repeat(indent[k]));
            int m = line.indexOf(MARK);
            if (m >= 0) {
                out.append(line, 0, m);
                if (alignable(line)) {
                    out.append(" ".repeat(keyWidth[k] - m));
                }
                out.append(line, m + 1, line.length());
            } else {
                out.append(line);
            }
            if (k < lines.length - 1 || trailingNewline) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static boolean alignable(String line) {
        return line.indexOf(MARK) >= 0 && netBrackets(line) <= 0;
    }

    private static int netBrackets(String line) {
        int net = 0;
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                net++;
            } else if (c == '}' || c == ']') {
                net--;
            }
        }
        return net;
    }
}
