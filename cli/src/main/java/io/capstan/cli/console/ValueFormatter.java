package io.capstan.cli.console;

import io.capstan.hcl.value.GoFormat;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.MapType;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.List;
import java.util.Map;

/**
 * Renders a value exactly as {@code terraform console} prints it: strings Go-quoted (or as a
 * heredoc when they span lines), numbers in full, typed nulls as {@code tostring(null)},
 * collections wrapped in {@code tolist(...)}/{@code toset(...)}/{@code tomap(...)},
 * multi-line objects and tuples, {@code (sensitive value)} and {@code (known after apply)}.
 */
public final class ValueFormatter {
    private ValueFormatter() {
    }

    public static String format(Value v) {
        return format(v, 0);
    }

    static String format(Value v, int indent) {
        if (!v.isKnown()) {
            return "(known after apply)";
        }
        if (v.hasMark(Mark.SENSITIVE)) {
            return "(sensitive value)";
        }
        Type ty = v.type();
        if (v.isNull()) {
            if (ty == Type.DYNAMIC) {
                return "null";
            } else if (ty == Type.STRING) {
                return "tostring(null)";
            } else if (ty == Type.NUMBER) {
                return "tonumber(null)";
            } else if (ty == Type.BOOL) {
                return "tobool(null)";
            } else if (ty instanceof ListType l) {
                return "tolist(null) /* of " + l.element().friendlyName() + " */";
            } else if (ty instanceof SetType s) {
                return "toset(null) /* of " + s.element().friendlyName() + " */";
            } else if (ty instanceof MapType m) {
                return "tomap(null) /* of " + m.element().friendlyName() + " */";
            }
            return "null /* " + ty.friendlyName() + " */";
        }
        if (ty == Type.STRING) {
            String heredoc = heredoc(v.asString(), indent);
            return heredoc != null ? heredoc : GoFormat.quote(v.asString());
        } else if (ty == Type.NUMBER) {
            return v.asNumber().toString();
        } else if (ty == Type.BOOL) {
            return v.asBool() ? "true" : "false";
        } else if (ty instanceof ObjectType) {
            return mapping(v.entries(), indent);
        } else if (ty instanceof ListType) {
            return "tolist(" + sequence(v.elements(), indent) + ")";
        } else if (ty instanceof SetType) {
            return "toset(" + sequence(v.elements(), indent) + ")";
        } else if (ty instanceof MapType) {
            return "tomap(" + mapping(v.entries(), indent) + ")";
        }
        return sequence(v.elements(), indent);
    }

    private static String heredoc(String s, int indent) {
        String[] lines = s.split("\n", -1);
        if (lines.length < 2) {
            return null;
        }
        String delimiter = "EOT";
        boolean clash = true;
        while (clash) {
            clash = false;
            for (String line : lines) {
                if (line.strip().equals(delimiter)) {
                    delimiter += "_";
                    clash = true;
                    break;
                }
            }
        }
        StringBuilder sb = new StringBuilder(indent > 0 ? "<<-" : "<<").append(delimiter);
        String pad = " ".repeat(indent);
        for (String line : lines) {
            sb.append('\n').append(pad).append(line);
        }
        return sb.append('\n').append(pad).append(delimiter).toString();
    }

    private static String mapping(Map<String, Value> entries, int indent) {
        StringBuilder sb = new StringBuilder("{");
        String pad = " ".repeat(indent + 2);
        for (Map.Entry<String, Value> e : entries.entrySet()) {
            sb.append('\n').append(pad).append(format(Value.of(e.getKey()), indent + 2)).append(" = ")
                    .append(format(e.getValue(), indent + 2));
        }
        if (!entries.isEmpty()) {
            sb.append('\n').append(" ".repeat(indent));
        }
        return sb.append('}').toString();
    }

    private static String sequence(List<Value> elements, int indent) {
        StringBuilder sb = new StringBuilder("[");
        String pad = " ".repeat(indent + 2);
        for (Value e : elements) {
            sb.append('\n').append(pad).append(format(e, indent + 2)).append(',');
        }
        if (!elements.isEmpty()) {
            sb.append('\n').append(" ".repeat(indent));
        }
        return sb.append(']').toString();
    }
}
