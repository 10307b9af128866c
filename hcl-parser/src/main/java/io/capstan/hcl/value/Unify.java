package io.capstan.hcl.value;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds one type that a list of types can all convert to, as cty's {@code convert.Unify}:
 * used for the two arms of a conditional and for turning a tuple into a list or an object
 * into a map. Same-kind structural types unify member by member (objects with different
 * attribute names fall back to a map); otherwise the most general type that every input
 * converts to is chosen (string over number and bool; dynamic last).
 */
public final class Unify {
    private Unify() {
    }

    /** The unified type, or null when there is none. */
    public static Type unify(List<Type> types, boolean unsafe) {
        if (types.isEmpty()) {
            return null;
        }
        int map = 0, list = 0, set = 0, obj = 0, tup = 0, dyn = 0;
        for (Type t : types) {
            if (t instanceof MapType) {
                map++;
            } else if (t instanceof ListType) {
                list++;
            } else if (t instanceof SetType) {
                set++;
            } else if (t instanceof ObjectType) {
                obj++;
            } else if (t instanceof TupleType) {
                tup++;
            } else if (t == Type.DYNAMIC) {
                dyn++;
            }
        }
        int n = types.size();
        if (map > 0 && map + dyn == n) {
            return collection(types, unsafe, dyn > 0, "map");
        } else if (map > 0 && map + obj + dyn == n) {
            Type t = membersAs(types, unsafe, "map");
            if (t != null) {
                return t;
            }
        } else if (list > 0 && list + dyn == n) {
            return collection(types, unsafe, dyn > 0, "list");
        } else if (list > 0 && list + tup + dyn == n) {
            Type t = membersAs(types, unsafe, "list");
            if (t != null) {
                return t;
            }
        } else if (set > 0 && set + dyn == n) {
            return collection(types, unsafe, dyn > 0, "set");
        } else if (obj > 0 && obj + dyn == n) {
            return dyn > 0 ? Type.DYNAMIC : objects(types, unsafe);
        } else if (tup > 0 && tup + dyn == n) {
            return dyn > 0 ? Type.DYNAMIC : tuples(types, unsafe);
        } else if (obj > 0 && tup > 0) {
            return null;
        }
        candidates:
        for (int w : preferenceOrder(types)) {
            Type want = types.get(w);
            for (Type t : types) {
                if (!t.equals(want) && !Convert.canConvert(t, want, unsafe)) {
                    continue candidates;
                }
            }
            return want;
        }
        return null;
    }

    private static Type collection(List<Type> types, boolean unsafe, boolean hasDynamic, String kind) {
        if (hasDynamic) {
            return Type.DYNAMIC;
        }
        List<Type> elems = new ArrayList<>();
        for (Type t : types) {
            elems.add(t.elementType());
        }
        Type e = unify(elems, unsafe);
        return e == null ? null : make(kind, e);
    }

    private static Type make(String kind, Type e) {
        return switch (kind) {
            case "map" -> Type.map(e);
            case "list" -> Type.list(e);
            default -> Type.set(e);
        };
    }

    /** Maps mixed with objects (or lists with tuples): unify every member type. */
    private static Type membersAs(List<Type> types, boolean unsafe, String kind) {
        List<Type> elems = new ArrayList<>();
        for (Type t : types) {
            if (t instanceof ObjectType o) {
                elems.addAll(o.attributes().values());
            } else if (t instanceof TupleType tt) {
                elems.addAll(tt.elements());
            } else if (t != Type.DYNAMIC) {
                elems.add(t.elementType());
            }
        }
        Type e = unify(elems, unsafe);
        return e == null ? null : make(kind, e);
    }

    private static Type objects(List<Type> types, boolean unsafe) {
        Set<String> first = ((ObjectType) types.get(0)).attributes().keySet();
        for (Type t : types) {
            if (!((ObjectType) t).attributes().keySet().equals(first)) {
                List<Type> all = new ArrayList<>();
                for (Type x : types) {
                    all.addAll(((ObjectType) x).attributes().values());
                }
                Type e = unify(all, unsafe);
                return e == null ? null : Type.map(e);
            }
        }
        TreeMap<String, Type> attrs = new TreeMap<>();
        for (String name : first) {
            List<Type> across = new ArrayList<>();
            for (Type t : types) {
                across.add(((ObjectType) t).attribute(name));
            }
            Type a = unify(across, unsafe);
            if (a == null) {
                return null;
            }
            attrs.put(name, a);
        }
        return Type.object(attrs);
    }

    private static Type tuples(List<Type> types, boolean unsafe) {
        int len = ((TupleType) types.get(0)).elements().size();
        for (Type t : types) {
            if (((TupleType) t).elements().size() != len) {
                // Tuples of different lengths can still all become one list type.
                List<Type> all = new ArrayList<>();
                for (Type x : types) {
                    all.addAll(((TupleType) x).elements());
                }
                if (all.isEmpty()) {
                    return null;
                }
                Type e = unify(all, unsafe);
                return e == null ? null : Type.list(e);
            }
        }
        List<Type> out = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            List<Type> across = new ArrayList<>();
            for (Type t : types) {
                across.add(((TupleType) t).elements().get(i));
            }
            Type e = unify(across, unsafe);
            if (e == null) {
                return null;
            }
            out.add(e);
        }
        return Type.tuple(out);
    }

    /** Topological order of "more general than" (Kahn's algorithm, stable), as cty's sortTypes. */
    private static List<Integer> preferenceOrder(List<Type> types) {
        int l = types.size();
        List<List<Integer>> edges = new ArrayList<>();
        for (int i = 0; i < l; i++) {
            edges.add(new ArrayList<>());
        }
        for (int i = 0; i < l - 1; i++) {
            for (int j = i + 1; j < l; j++) {
                int c = compare(types.get(i), types.get(j));
                if (c < 0) {
                    edges.get(i).add(j);
                } else if (c > 0) {
                    edges.get(j).add(i);
                }
            }
        }
        int[] in = new int[l];
        for (List<Integer> outs : edges) {
            for (int j : outs) {
                in[j]++;
            }
        }
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < l; i++) {
            if (in[i] == 0) {
                result.add(i);
            }
        }
        for (int q = 0; q < result.size(); q++) {
            for (int j : edges.get(result.get(q))) {
                if (--in[j] == 0) {
                    result.add(j);
                }
            }
        }
        return result;
    }

    /** Negative when {@code a} is more general than {@code b}. */
    private static int compare(Type a, Type b) {
        if (a == Type.DYNAMIC || b == Type.DYNAMIC) {
            if (a != Type.DYNAMIC) {
                return -1;
            }
            return b != Type.DYNAMIC ? 1 : 0;
        }
        if (a.isPrimitive() && b.isPrimitive()) {
            if (a == Type.STRING || b == Type.STRING) {
                if (a != Type.STRING) {
                    return 1;
                }
                return b != Type.STRING ? -1 : 0;
            }
        }
        if (a instanceof ListType && b instanceof ListType || a instanceof SetType && b instanceof SetType
                || a instanceof MapType && b instanceof MapType) {
            return compare(a.elementType(), b.elementType());
        }
        int swap = 1;
        if (a instanceof TupleType && b instanceof ListType || a instanceof ObjectType && b instanceof MapType
                || a instanceof SetType && (b instanceof TupleType || b instanceof ListType)) {
            Type t = a;
            a = b;
            b = t;
            swap = -1;
        }
        if (b instanceof SetType && (a instanceof TupleType || a instanceof ListType)) {
            return -swap;
        }
        if (a instanceof ListType && b instanceof TupleType || a instanceof MapType && b instanceof ObjectType) {
            return -swap;
        }
        List<Type> as = null, bs = null;
        if (a instanceof ObjectType oa && b instanceof ObjectType ob) {
            if (!oa.attributes().keySet().equals(ob.attributes().keySet())) {
                return 0;
            }
            as = new ArrayList<>(oa.attributes().values());
            bs = new ArrayList<>(ob.attributes().values());
        } else if (a instanceof TupleType ta && b instanceof TupleType tb) {
            if (ta.elements().size() != tb.elements().size()) {
                return 0;
            }
            as = ta.elements();
            bs = tb.elements();
        }
        if (as == null) {
            return 0;
        }
        boolean aSuper = false, bSuper = false;
        for (int i = 0; i < as.size(); i++) {
            int c = compare(as.get(i), bs.get(i));
            aSuper |= c < 0;
            bSuper |= c > 0;
        }
        if (aSuper == bSuper) {
            return 0;
        }
        return aSuper ? -swap : swap;
    }

    /** Unifies and converts values to the common type (null when impossible). */
    public static List<Value> unifyValues(List<Value> values, boolean unsafe) {
        Type t = unify(values.stream().map(Value::type).toList(), unsafe);
        if (t == null) {
            return null;
        }
        List<Value> out = new ArrayList<>();
        for (Value v : values) {
            out.add(Convert.convert(v, t, unsafe));
        }
        return out;
    }

    static Set<Type> distinct(List<Type> types) {
        return new LinkedHashSet<>(types);
    }

    static Map<String, Type> attrs(Type t) {
        return ((ObjectType) t).attributes();
    }
}
