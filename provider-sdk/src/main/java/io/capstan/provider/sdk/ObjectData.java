package io.capstan.provider.sdk;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Typed access to one object value (a resource's configuration, plan or state, or a data
 * source's result) by attribute name: {@code getString("filename")},
 * {@code getLong("length")}, {@code set("result", "...")}. Getters return {@code null} for
 * a null attribute and fail for an unknown one (check {@link #isKnown} first where the
 * plan may hold unknowns). Setters convert Java objects to the attribute's type.
 */
public final class ObjectData {
    private final ObjectType type;
    private final TreeMap<String, Value> values = new TreeMap<>();

    private ObjectData(ObjectType type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The attributes of {@code object}; every attribute null when the object itself is null. */
    public static ObjectData of(Value object, ObjectType type) {
        ObjectData d = new ObjectData(type);
        boolean present = object != null && !object.isNull() && object.isKnown();
        for (var e : type.attributes().entrySet()) {
            Value v = present ? object.attr(e.getKey()) : null;
            d.values.put(e.getKey(), v == null ? Value.nullOf(e.getValue()) : v);
        }
        return d;
    }

    public static ObjectData empty(ObjectType type) {
        return of(null, type);
    }

    public ObjectData copy() {
        return of(toValue(), type);
    }

    public ObjectType type() {
        return type;
    }

    public Type typeOf(String name) {
        Type t = type.attributes().get(name);
        if (t == null) {
            throw new IllegalArgumentException("no attribute \"" + name + "\" in this schema; it has "
                    + type.attributes().keySet());
        }
        return t;
    }

    public Value get(String name) {
        typeOf(name);
        return values.get(name);
    }

    public boolean isNull(String name) {
        Value v = get(name);
        return v.isKnown() && v.isNull();
    }

    public boolean isKnown(String name) {
        return get(name).isWhollyKnown();
    }

    private Value known(String name) {
        Value v = get(name).unmarkDeep().value();
        if (!v.isWhollyKnown()) {
            throw new IllegalStateException("attribute \"" + name + "\" is not known yet");
        }
        return v;
    }

    public String getString(String name) {
        Value v = known(name);
        return v.isNull() ? null : v.asString();
    }

    public String getString(String name, String dflt) {
        String s = getString(name);
        return s == null ? dflt : s;
    }

    public BigNumber getNumber(String name) {
        Value v = known(name);
        return v.isNull() ? null : v.asNumber();
    }

    public Long getLong(String name) {
        BigNumber n = getNumber(name);
        return n == null ? null : n.toBigDecimal().longValue();
    }

    public long getLong(String name, long dflt) {
        Long l = getLong(name);
        return l == null ? dflt : l;
    }

    public Boolean getBool(String name) {
        Value v = known(name);
        return v.isNull() ? null : v.asBool();
    }

    public boolean getBool(String name, boolean dflt) {
        Boolean b = getBool(name);
        return b == null ? dflt : b;
    }

    /** Elements of a list, set or tuple attribute; empty when null. */
    public List<Value> getList(String name) {
        Value v = known(name);
        return v.isNull() ? List.of() : v.elements();
    }

    public List<String> getStringList(String name) {
        List<String> out = new ArrayList<>();
        for (Value e : getList(name)) {
            out.add(e.isNull() ? null : e.asString());
        }
        return out;
    }

    /** Entries of a map or object attribute; empty when null. */
    public Map<String, Value> getMap(String name) {
        Value v = known(name);
        return v.isNull() ? Map.of() : v.entries();
    }

    public Map<String, String> getStringMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        getMap(name).forEach((k, e) -> out.put(k, e.isNull() ? null : e.asString()));
        return Collections.unmodifiableMap(out);
    }

    /** An object attribute or a single nested block; null when null. */
    public ObjectData getObject(String name) {
        Value v = known(name);
        if (v.isNull()) {
            return null;
        }
        return of(v, (ObjectType) typeOf(name));
    }

    /** The objects of a list or set of nested blocks (or a list of objects). */
    public List<ObjectData> getObjects(String name) {
        Type et = typeOf(name).elementType();
        List<ObjectData> out = new ArrayList<>();
        for (Value e : getList(name)) {
            out.add(of(e, (ObjectType) et));
        }
        return out;
    }

    /** Sets an attribute from a {@link Value} or a plain Java object (see {@link JavaValues}). */
    public ObjectData set(String name, Object value) {
        values.put(name, JavaValues.toValue(value, typeOf(name)));
        return this;
    }

    /** Marks an attribute "known after apply" (only meaningful while planning). */
    public ObjectData setUnknown(String name) {
        values.put(name, Value.unknown(typeOf(name)));
        return this;
    }

    public ObjectData setNull(String name) {
        values.put(name, Value.nullOf(typeOf(name)));
        return this;
    }

    /** The object value, typed exactly as the schema says. */
    public Value toValue() {
        return Value.object(values);
    }

    @Override
    public String toString() {
        return toValue().toString();
    }
}
