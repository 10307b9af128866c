package io.capstan.hcl.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Default values for optional object attributes, as a tree mirroring the type constraint
 * (Terraform's typeexpr.Defaults): {@code values} are the defaults of this object's
 * attributes, {@code children} the defaults nested under an attribute name, or under
 * {@code ""} for the elements of a collection. Applied to a value before it is converted
 * to the constraint's type.
 */
public record Defaults(Type type, Map<String, Value> values, Map<String, Defaults> children) {
    public Defaults {
        values = Map.copyOf(values);
        children = Map.copyOf(children);
    }

    public boolean isEmpty() {
        return values.isEmpty() && children.isEmpty();
    }

    /** Fills null or absent optional attributes with their defaults, at every depth. */
    public Value apply(Value v) {
        if (!v.isKnown() || v.isNull() || isEmpty()) {
            return v;
        }
        Value u = v.unmark();
        Type t = u.type();
        if (u.isSequence()) {
            Defaults shared = children.get("");
            List<Value> els = new ArrayList<>();
            int i = 0;
            for (Value e : u.elements()) {
                Defaults child = t instanceof TupleType && shared == null ? children.get(Integer.toString(i)) : shared;
                els.add(child == null ? e : child.apply(e));
                i++;
            }
            Value out;
            if (t instanceof TupleType) {
                out = Value.tuple(els);
            } else {
                List<Value> unified = els.isEmpty() ? els : Unify.unifyValues(els, true);
                Type et = els.isEmpty() ? t.elementType() : unified.get(0).type();
                out = t instanceof ListType ? Value.list(et, unified) : Value.set(et, unified);
            }
            return out.withMarks(v.marks());
        }
        if (u.isMapping()) {
            boolean isMap = t instanceof MapType;
            Map<String, Value> out = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : u.entries().entrySet()) {
                Defaults child = children.get(isMap ? "" : e.getKey());
                out.put(e.getKey(), child == null ? e.getValue() : child.apply(e.getValue()));
            }
            for (Map.Entry<String, Value> d : new TreeMap<>(values).entrySet()) {
                Value cur = out.get(d.getKey());
                if (cur == null || cur.isNull()) {
                    Defaults child = children.get(d.getKey());
                    out.put(d.getKey(), child == null ? d.getValue() : child.apply(d.getValue()));
                }
            }
            if (isMap) {
                List<Value> unified = Unify.unifyValues(new ArrayList<>(out.values()), true);
                if (unified == null || unified.isEmpty()) {
                    return v;
                }
                Map<String, Value> m = new LinkedHashMap<>();
                int i = 0;
                for (String k : out.keySet()) {
                    m.put(k, unified.get(i++));
                }
                return Value.map(unified.get(0).type(), m).withMarks(v.marks());
            }
            return Value.object(out).withMarks(v.marks());
        }
        return v;
    }
}
