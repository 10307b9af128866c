package io.capstan.engine.render;

import static io.capstan.engine.render.Diff.forcesReplacement;
import static io.capstan.engine.render.Diff.indent;
import static io.capstan.engine.render.Diff.nullSuffix;
import static io.capstan.engine.render.Diff.symbol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a primitive value change: numbers and bools as literals, strings quoted, multi-line
 * strings as {@code <<-EOT} heredocs with a line diff, and strings holding JSON as a nested
 * {@code jsonencode(...)} diff, all as Terraform does.
 */
record PrimitiveRenderer(JsonNode before, JsonNode after, String type) implements Diff.DiffRenderer {
    static final String STRING = "string";
    static final String NUMBER = "number";
    static final String BOOL = "bool";
    static final String NULL = "nil";

    /** Created on first use (a string that looks like JSON): a plan of plain strings never pays for an ObjectMapper. */
    private static final class Strict {
        static final ObjectMapper INSTANCE = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @Override
    public String render(Diff diff, int indent, Diff.RenderOpts opts) {
        if (type.equals(STRING)) {
            return renderString(diff, indent, opts);
        }
        String b = value(before, opts);
        String a = value(after, opts);
        return switch (diff.action()) {
            case CREATE -> a + forcesReplacement(diff.replace(), opts);
            case DELETE -> b + nullSuffix(diff.action(), opts) + forcesReplacement(diff.replace(), opts);
            case NO_OP -> b + forcesReplacement(diff.replace(), opts);
            default -> b + " " + opts.color("[yellow]->[reset]") + " " + a + forcesReplacement(diff.replace(), opts);
        };
    }

    static String value(JsonNode v, Diff.RenderOpts opts) {
        if (v == null) {
            return opts.color("[dark_gray]null[reset]");
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "true" : "false";
        }
        if (v.isBigDecimal()) {
            return v.decimalValue().toString();
        }
        if (v.isNumber()) {
            return v.numberValue().toString();
        }
        return v.asText();
    }

    /** Terraform's {@code evaluatedString}. */
    record Evaluated(String string, JsonNode json, boolean multiline, boolean isNull) {
        String simple() {
            return isNull ? string : GoText.quote(string);
        }
    }

    static Evaluated evaluate(JsonNode v, Diff.RenderOpts opts) {
        if (v == null) {
            return new Evaluated(opts.color("[dark_gray]null[reset]"), null, false, true);
        }
        String s = v.asText();
        if (s.startsWith("{") || s.startsWith("[")) {
            try {
                JsonNode j = Strict.INSTANCE.readTree(s);
                if (j != null) {
                    return new Evaluated(s, j, false, false);
                }
            } catch (Exception e) {
                // not JSON: render as a plain string
            }
        }
        if (s.contains("\n")) {
            return new Evaluated(s.strip(), null, true, false);
        }
        return new Evaluated(s, null, false, false);
    }

    private String renderString(Diff diff, int indent, Diff.RenderOpts opts) {
        List<String> lines = new ArrayList<>();
        String noop = indent(indent + 1) + symbol(PlanAction.NO_OP, opts);
        switch (diff.action()) {
            case CREATE, NO_OP -> {
                Evaluated s = evaluate(after, opts);
                if (s.json() != null) {
                    return diff.action() == PlanAction.NO_OP ? asJson(diff, indent, opts, s, s)
                            : asJson(diff, indent, opts, new Evaluated(null, null, false, false), s);
                }
                if (!s.multiline()) {
                    return s.simple() + forcesReplacement(diff.replace(), opts);
                }
                for (String l : s.string().split("\n", -1)) {
                    lines.add(noop + l);
                }
            }
            case DELETE -> {
                Evaluated s = evaluate(before, opts);
                if (s.isNull()) {
                    return s.simple() + forcesReplacement(diff.replace(), opts);
                }
                if (s.json() != null) {
                    return asJson(diff, indent, opts, s, new Evaluated(null, null, false, false));
                }
                if (!s.multiline()) {
                    return s.simple() + nullSuffix(diff.action(), opts) + forcesReplacement(diff.replace(), opts);
                }
                for (String l : s.string().split("\n", -1)) {
                    lines.add(noop + l);
                }
            }
            default -> {
                Evaluated b = evaluate(before, opts);
                Evaluated a = evaluate(after, opts);
                if (b.json() != null && a.json() != null) {
                    return asJson(diff, indent, opts, b, a);
                }
                if (b.json() != null || a.json() != null) {
                    Diff typeChange = new Diff(new TypeChangeRenderer(
                            new Diff(new PrimitiveRenderer(before, null, STRING), PlanAction.DELETE, false),
                            new Diff(new PrimitiveRenderer(null, after, STRING), PlanAction.CREATE, false)),
                            diff.action(), diff.replace());
                    return typeChange.render(indent, opts);
                }
                if (!b.multiline() && !a.multiline()) {
                    return b.simple() + " " + opts.color("[yellow]->[reset]") + " " + a.simple()
                            + forcesReplacement(diff.replace(), opts);
                }
                List<String> bl = List.of(b.string().split("\n", -1));
                List<String> al = List.of(a.string().split("\n", -1));
                Slices.process(bl, al, (bi, ai) -> {
                    if (bi < 0 || bi >= bl.size()) {
                        lines.add(indent(indent + 1) + symbol(PlanAction.CREATE, opts) + al.get(ai));
                    } else if (ai < 0 || ai >= al.size()) {
                        lines.add(indent(indent + 1) + symbol(PlanAction.DELETE, opts) + bl.get(bi));
                    } else {
                        lines.add(noop + bl.get(bi));
                    }
                }, x -> false);
            }
        }
        return "<<-EOT" + forcesReplacement(diff.replace(), opts) + "\n" + String.join("\n", lines) + "\n"
                + indent(indent) + symbol(PlanAction.NO_OP, opts) + "EOT" + nullSuffix(diff.action(), opts);
    }

    private String asJson(Diff diff, int indent, Diff.RenderOpts opts, Evaluated before, Evaluated after) {
        Change change = new Change(before.json(), after.json(), null, null, null,
                diff.action() != PlanAction.CREATE, diff.action() != PlanAction.DELETE,
                PathMatcher.empty(false), PathMatcher.ALWAYS);
        Diff jsonDiff = JsonDiffer.transform(change);
        PlanAction action = diff.action();
        Diff.RenderOpts jsonOpts = opts.nullSuffixOverride(true);
        String whitespace = "";
        String replace = "";
        if (jsonDiff.action() == PlanAction.NO_OP && diff.action() == PlanAction.UPDATE) {
            whitespace = diff.replace() ? " # whitespace changes force replacement" : " # whitespace changes";
            jsonOpts = jsonOpts.showUnchanged(true);
            action = PlanAction.NO_OP;
        } else {
            replace = forcesReplacement(diff.replace(), opts);
        }
        String rendered = jsonDiff.render(indent + 1, jsonOpts);
        if (diff.action() == PlanAction.CREATE || diff.action() == PlanAction.DELETE) {
            action = PlanAction.NO_OP;
        }
        if (rendered.contains("\n")) {
            return "jsonencode(" + whitespace + "\n" + indent(indent + 1) + symbol(action, opts) + rendered + replace
                    + "\n" + indent(indent) + symbol(PlanAction.NO_OP, opts) + ")" + nullSuffix(diff.action(), opts);
        }
        return "jsonencode(" + rendered + ")" + whitespace + replace;
    }
}
