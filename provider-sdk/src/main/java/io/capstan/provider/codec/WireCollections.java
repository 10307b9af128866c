package io.capstan.provider.codec;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.MapType;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Building decoded collections, shared by the MessagePack and JSON decoders. Collections of
 * {@code dynamic} take their elements' common type when they have one, as cty does after
 * decoding a dynamic collection.
 */
final class WireCollections {
    private WireCollections() {
    }

    static Value collection(Type type, List<Value> elems, WirePath path) {
        Type et = type.elementType();
        if (et == Type.DYNAMIC) {
            et = commonType(elems.stream().map(Value::type).toList());
        }
        try {
            return type instanceof ListType ? Value.list(et, elems) : Value.set(et, elems);
        } catch (IllegalArgumentException e) {
            throw path.error(e.getMessage());
        }
    }

    static Value map(MapType type, Map<String, Value> entries) {
        Type et = type.element();
        if (et == Type.DYNAMIC) {
            et = commonType(entries.values().stream().map(Value::type).toList());
        }
        return Value.map(et, entries);
    }

    /** An object with every attribute of {@code type}; attributes the sender left out are null. */
    static Value object(ObjectType type, Map<String, Value> attrs) {
        Map<String, Value> all = new TreeMap<>(attrs);
        type.attributes().forEach((k, t) -> all.putIfAbsent(k, Value.nullOf(t)));
        // As in cty, attributes declared dynamic take the type of the value they hold.
        return Value.object(all);
    }

    private static Type commonType(List<Type> types) {
        if (types.isEmpty()) {
            return Type.DYNAMIC;
        }
        Type first = types.get(0);
        return types.stream().allMatch(first::equals) ? first : Type.DYNAMIC;
    }

    static BigNumber parseNumber(String s, WirePath path) {
        try {
            return BigNumber.parse(s);
        } catch (RuntimeException e) {
            throw path.error("invalid number \"" + s + "\"");
        }
    }
}
