package io.capstan.hcl.value;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable Terraform value, the equivalent of a cty.Value: a type plus either a known
 * payload, {@code null} (typed) or "unknown" (known after apply, typed, possibly dynamic),
 * and a set of {@link Mark marks}. Marks sit on the value they were put on (an element can
 * be sensitive inside a list that is not); {@link #unmarkDeep()} collects them all.
 *
 * <p>Payloads: String, {@link BigNumber}, Boolean, an ordered {@code List<Value>} for lists,
 * tuples and sets (sets kept in Terraform's set order, deduplicated) and a lexically sorted
 * {@code Map<String, Value>} for maps and objects. {@link #equals} is raw equality (same
 * type, payload and marks); the language's {@code ==} is {@link Operations#equal}.
 */
public final class Value {
    private static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "(known after apply)";
        }
    };

    public static final Value TRUE = new Value(Type.BOOL, Boolean.TRUE, Set.of());
    public static final Value FALSE = new Value(Type.BOOL, Boolean.FALSE, Set.of());
    public static final Value DYNAMIC_NULL = new Value(Type.DYNAMIC, null, Set.of());
    public static final Value DYNAMIC_UNKNOWN = new Value(Type.DYNAMIC, UNKNOWN, Set.of());
    public static final Value EMPTY_STRING = new Value(Type.STRING, "", Set.of());
    public static final Value EMPTY_TUPLE = new Value(Type.EMPTY_TUPLE, List.of(), Set.of());
    public static final Value EMPTY_OBJECT = new Value(Type.EMPTY_OBJECT, Collections.emptySortedMap(), Set.of());

    private final Type type;
    private final Object v;
    private final Set<Mark> marks;

    private Value(Type type, Object v, Set<Mark> marks) {
        this.type = Objects.requireNonNull(type, "type");
        this.v = v;
        this.marks = marks;
    }

    // --- construction --------------------------------------------------------------------

    /** A string value, normalized to Unicode NFC as cty does (so "é" equals "e\u0301"). */
    public static Value of(String s) {
        Objects.requireNonNull(s);
        if (mayNeedNormalizing(s) && !Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFC);
        }
        return new Value(Type.STRING, s, Set.of());
    }

    /**
     * False when every char is below U+0300: each such code point is its own NFC form and a
     * starter nothing composes with, so the string is NFC already (as TemplateBuilder assumes).
     * Skipping the JDK's check for such strings spares a run the ICU normaliser (39 classes and
     * its data file read from the runtime image) when no value holds a combining mark or beyond.
     */
    private static boolean mayNeedNormalizing(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x300) {
                return true;
            }
        }
        return false;
    }

    public static Value of(BigNumber n) {
        return new Value(Type.NUMBER, Objects.requireNonNull(n), Set.of());
    }

    public static Value of(long n) {
        return of(BigNumber.of(n));
    }

    public static Value of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public static Value nullOf(Type t) {
        return t == Type.DYNAMIC ? DYNAMIC_NULL : new Value(t, null, Set.of());
    }

    public static Value unknown(Type t) {
        return t == Type.DYNAMIC ? DYNAMIC_UNKNOWN : new Value(t, UNKNOWN, Set.of());
    }

    /** A list of values that all have exactly {@code elementType}. */
    public static Value list(Type elementType, List<Value> elements) {
        for (Value e : elements) {
            requireType(elementType, e);
        }
        return new Value(Type.list(elementType), List.copyOf(elements), Set.of());
    }

    public static Value tuple(List<Value> elements) {
        List<Type> types = new ArrayList<>(elements.size());
        for (Value e : elements) {
            types.add(e.type);
        }
        return new Value(Type.tuple(types), List.copyOf(elements), Set.of());
    }

    public static Value map(Type elementType, Map<String, Value> elements) {
        for (Value e : elements.values()) {
            requireType(elementType, e);
        }
        return new Value(Type.map(elementType), sorted(elements), Set.of());
    }

    public static Value object(Map<String, Value> attributes) {
        if (attributes.isEmpty()) {
            // an evaluation scope builds several empty objects per expression (var, local, data...)
            return EMPTY_OBJECT;
        }
        SortedMap<String, Value> s = sorted(attributes);
        TreeMap<String, Type> types = new TreeMap<>();
        for (Map.Entry<String, Value> e : s.entrySet()) {
            types.put(e.getKey(), e.getValue().type);
        }
        return new Value(Type.object(types), s, Set.of());
    }

    /**
     * A set of values of {@code elementType}: duplicates dropped, elements in Terraform's
     * set order; marks on elements move to the set, as cty does.
     */
    public static Value set(Type elementType, List<Value> elements) {
        Set<Mark> moved = new HashSet<>();
        List<Value> unmarked = new ArrayList<>(elements.size());
        for (Value e : elements) {
            requireType(elementType, e);
            Unmarked u = e.unmarkDeep();
            moved.addAll(u.marks());
            unmarked.add(u.value());
        }
        Value s = new Value(Type.set(elementType), SetOrder.normalize(unmarked), Set.of());
        return s.withMarks(moved);
    }

    private static void requireType(Type t, Value e) {
        if (!e.type.equals(t) && t != Type.DYNAMIC) {
            throw new IllegalArgumentException("element of type " + e.type + " where " + t + " expected");
        }
    }

    private static SortedMap<String, Value> sorted(Map<String, Value> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    // --- inspection ----------------------------------------------------------------------

    public Type type() {
        return type;
    }

    public boolean isNull() {
        return v == null;
    }

    public boolean isKnown() {
        return v != UNKNOWN;
    }

    /** Known, and every nested element known too. */
    public boolean isWhollyKnown() {
        if (!isKnown()) {
            return false;
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!((Value) o).isWhollyKnown()) {
                    return false;
                }
            }
        } else if (v instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                if (!((Value) o).isWhollyKnown()) {
                    return false;
                }
            }
        }
        return true;
    }

    public String asString() {
        return (String) known();
    }

    public BigNumber asNumber() {
        return (BigNumber) known();
    }

    public boolean asBool() {
        return (Boolean) known();
    }

    /** True for a known, non-null {@code true}. */
    public boolean isTrue() {
        return v == Boolean.TRUE;
    }

    /** Elements of a list, set or tuple in order. */
    @SuppressWarnings("unchecked")
    public List<Value> elements() {
        return (List<Value>) known();
    }

    /** Elements of a map or attributes of an object, keys in lexical order. */
    @SuppressWarnings("unchecked")
    public SortedMap<String, Value> entries() {
        return (SortedMap<String, Value>) known();
    }

    /** Object attribute (null if absent). */
    public Value attr(String name) {
        return entries().get(name);
    }

    /** Number of elements of a known, non-null collection or structural value. */
    public int length() {
        Object k = known();
        return k instanceof List<?> l ? l.size() : ((Map<?, ?>) k).size();
    }

    /** True for list, set, tuple (sequence-like values). */
    public boolean isSequence() {
        return type instanceof ListType || type instanceof SetType || type instanceof TupleType;
    }

    /** True for map and object values. */
    public boolean isMapping() {
        return type instanceof MapType || type instanceof ObjectType;
    }

    private Object known() {
        if (v == null) {
            throw new IllegalStateException("value is null");
        }
        if (v == UNKNOWN) {
            throw new IllegalStateException("value is unknown");
        }
        return v;
    }

    // --- marks ---------------------------------------------------------------------------

    public Set<Mark> marks() {
        return marks;
    }

    public boolean isMarked() {
        return !marks.isEmpty();
    }

    public boolean hasMark(Mark m) {
        return marks.contains(m);
    }

    public boolean isSensitive() {
        return marks.contains(Mark.SENSITIVE);
    }

    public Value mark(Mark m) {
        return withMarks(Set.of(m));
    }

    /** This value with {@code more} marks added to its own. */
    public Value withMarks(Set<Mark> more) {
        if (more.isEmpty() || marks.containsAll(more)) {
            return this;
        }
        Set<Mark> all = new LinkedHashSet<>(marks);
        all.addAll(more);
        return new Value(type, v, Collections.unmodifiableSet(all));
    }

    /** This value without its own marks (nested marks stay). */
    public Value unmark() {
        return marks.isEmpty() ? this : new Value(type, v, Set.of());
    }

    /** A value stripped of marks, with the marks that were removed. */
    public record Unmarked(Value value, Set<Mark> marks) {
    }

    /** Removes marks at every depth and returns them all. */
    public Unmarked unmarkDeep() {
        if (!containsMarked()) {
            // the common case (planned objects, state): one walk without copying any collection
            return new Unmarked(this, Set.of());
        }
        Set<Mark> found = new LinkedHashSet<>();
        Value u = unmarkDeep(found);
        return new Unmarked(u, Collections.unmodifiableSet(found));
    }

    private Value unmarkDeep(Set<Mark> found) {
        found.addAll(marks);
        Object nv = v;
        if (v instanceof List<?> l) {
            List<Value> out = new ArrayList<>(l.size());
            boolean changed = false;
            for (Object o : l) {
                Value e = (Value) o;
                Value ue = e.unmarkDeep(found);
                changed |= ue != e;
                out.add(ue);
            }
            nv = changed ? Collections.unmodifiableList(out) : v;
        } else if (v instanceof SortedMap<?, ?> m) {
            TreeMap<String, Value> out = new TreeMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> en : m.entrySet()) {
                Value e = (Value) en.getValue();
                Value ue = e.unmarkDeep(found);
                changed |= ue != e;
                out.put((String) en.getKey(), ue);
            }
            nv = changed ? Collections.unmodifiableSortedMap(out) : v;
        }
        if (nv == v && marks.isEmpty()) {
            return this;
        }
        return new Value(type, nv, Set.of());
    }

    /** True if this value or anything inside it carries a mark. */
    public boolean containsMarked() {
        if (!marks.isEmpty()) {
            return true;
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (((Value) o).containsMarked()) {
                    return true;
                }
            }
        } else if (v instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                if (((Value) o).containsMarked()) {
                    return true;
                }
            }
        }
        return false;
    }

    // --- identity ------------------------------------------------------------------------

    /** Raw equality: same type, same payload (numbers compared numerically), same marks. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Value x && type.equals(x.type) && Objects.equals(v, x.v) && marks.equals(x.marks);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(type, v == UNKNOWN ? 1 : v);
        // Spread the bits (murmur3's finalizer). Collections combine element hashes linearly
        // (31 * h + e) and String's hash is just as linear, so without this, tuples such as
        // ["a12", "b3"] and ["a11", "b34"] collide: the 90,000 pairs of setproduct over
        // 300 x 300 strings had 14,860 distinct hashes (89,999 with the mixing).
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** A debugging rendering (HCL-like); not used in user-facing output. */
    @Override
    public String toString() {
        String body;
        if (v == null) {
            body = "null";
        } else if (v == UNKNOWN) {
            body = "(known after apply)";
        } else if (v instanceof String s) {
            body = '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
        } else {
            body = v.toString();
        }
        String ty = type.isPrimitive() ? "" : type.typeExpression() + " ";
        return ty + body + (marks.isEmpty() ? "" : " " + marks);
    }
}
