package io.capstan.provider.codec;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.DynamicType;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.MapType;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The MessagePack form of values (object-wire-format.md): nulls as nil, unknowns as
 * extension 0 (any extension code decodes as unknown; code 12's refinements are dropped
 * because the value model has none), numbers as int64 when integral, float64 when exact and
 * a decimal string otherwise, dynamic values as {@code [type JSON, value]}. Marks are not
 * part of the wire form and are dropped.
 */
public final class MsgpackValues {
    /**
     * Packers with a 512-byte first buffer (it grows as needed) instead of the default 8 KB:
     * a wire value is usually a few hundred bytes and every encode makes a fresh packer.
     */
    private static final MessagePack.PackerConfig PACKER = new MessagePack.PackerConfig().withBufferSize(512);

    /** The extension code of an unrefined unknown value. */
    public static final byte UNKNOWN_EXT = 0;
    /** The extension code of a refined unknown value. */
    public static final byte REFINED_UNKNOWN_EXT = 12;

    private MsgpackValues() {
    }

    /** Encodes {@code value} as a value of {@code type}. */
    public static byte[] encode(Value value, Type type) {
        try (MessageBufferPacker p = PACKER.newBufferPacker()) {
            write(p, value.unmarkDeep().value(), type, new WirePath());
            return p.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("msgpack buffer failed", e);
        }
    }

    /** Decodes bytes as a value of {@code type}; malformed input fails naming the path. */
    public static Value decode(byte[] bytes, Type type) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            WirePath path = new WirePath();
            Value v = read(u, type, path);
            if (u.hasNext()) {
                throw path.error("extra bytes after the value");
            }
            return v;
        } catch (IOException | org.msgpack.core.MessagePackException e) {
            throw new IllegalArgumentException("invalid msgpack: " + e.getMessage(), e);
        }
    }

    private static void write(MessagePacker p, Value v, Type type, WirePath path) throws IOException {
        if (type instanceof DynamicType && !(v.type() instanceof DynamicType) && !v.isKnown()) {
            // as cty: a typed unknown in a dynamic slot keeps its type, [type JSON, unknown]
            byte[] typeJson = TypeJson.toJsonString(v.type()).getBytes(StandardCharsets.UTF_8);
            p.packArrayHeader(2);
            p.packBinaryHeader(typeJson.length);
            p.writePayload(typeJson);
            write(p, v, v.type(), path);
            return;
        }
        if (!v.isKnown()) {
            // fixext1 with a zero byte, exactly what Terraform sends (d4 00 00).
            p.packExtensionTypeHeader(UNKNOWN_EXT, 1);
            p.writePayload(new byte[] {0});
            return;
        }
        if (v.isNull()) {
            p.packNil();
            return;
        }
        if (type instanceof DynamicType) {
            byte[] typeJson = TypeJson.toJsonString(v.type()).getBytes(StandardCharsets.UTF_8);
            p.packArrayHeader(2);
            p.packBinaryHeader(typeJson.length);
            p.writePayload(typeJson);
            write(p, v, v.type(), path);
            return;
        }
        if (type == Type.STRING) {
            p.packString(v.asString());
        } else if (type == Type.NUMBER) {
            writeNumber(p, v.asNumber());
        } else if (type == Type.BOOL) {
            p.packBoolean(v.asBool());
        } else if (type instanceof ListType || type instanceof SetType) {
            List<Value> elems = v.elements();
            p.packArrayHeader(elems.size());
            for (int i = 0; i < elems.size(); i++) {
                write(p, elems.get(i), type.elementType(), path.index(i));
            }
        } else if (type instanceof TupleType t) {
            List<Value> elems = v.elements();
            if (elems.size() != t.elements().size()) {
                throw path.error("tuple has " + elems.size() + " elements, type wants " + t.elements().size());
            }
            p.packArrayHeader(elems.size());
            for (int i = 0; i < elems.size(); i++) {
                write(p, elems.get(i), t.elements().get(i), path.index(i));
            }
        } else if (type instanceof MapType m) {
            Map<String, Value> entries = v.entries();
            p.packMapHeader(entries.size());
            for (Map.Entry<String, Value> e : entries.entrySet()) {
                p.packString(e.getKey());
                write(p, e.getValue(), m.element(), path.key(e.getKey()));
            }
        } else if (type instanceof ObjectType o) {
            Map<String, Type> attrs = new TreeMap<>(o.attributes());
            p.packMapHeader(attrs.size());
            for (Map.Entry<String, Type> a : attrs.entrySet()) {
                p.packString(a.getKey());
                Value av = v.entries().get(a.getKey());
                write(p, av == null ? Value.nullOf(a.getValue()) : av, a.getValue(), path.attr(a.getKey()));
            }
        } else {
            throw path.error("cannot encode type " + type.friendlyName());
        }
    }

    private static void writeNumber(MessagePacker p, BigNumber n) throws IOException {
        if (n.isInfinite()) {
            p.packDouble(n.isNegative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        } else if (n.isInteger() && n.toBigInteger().bitLength() < 64) {
            p.packLong(n.toBigInteger().longValue());
        } else {
            double d = n.doubleValue();
            if (!Double.isInfinite(d) && BigNumber.of(d).equals(n)) {
                p.packDouble(d);
            } else {
                p.packString(n.toString());
            }
        }
    }

    private static Value read(MessageUnpacker u, Type type, WirePath path) throws IOException {
        if (!u.hasNext()) {
            throw path.error("unexpected end of input");
        }
        MessageFormat f = u.getNextFormat();
        if (f.getValueType() == ValueType.EXTENSION) {
            // Any extension code means "unknown"; code 12's refinement payload is skipped.
            u.skipValue();
            return Value.unknown(type);
        }
        if (f == MessageFormat.NIL) {
            u.unpackNil();
            return Value.nullOf(type);
        }
        if (type instanceof DynamicType) {
            return readDynamic(u, path);
        }
        if (type == Type.STRING) {
            expect(f, ValueType.STRING, type, path);
            return Value.of(string(u));
        } else if (type == Type.NUMBER) {
            return Value.of(readNumber(u, f, path));
        } else if (type == Type.BOOL) {
            expect(f, ValueType.BOOLEAN, type, path);
            return Value.of(u.unpackBoolean());
        } else if (type instanceof ListType || type instanceof SetType) {
            expect(f, ValueType.ARRAY, type, path);
            int n = u.unpackArrayHeader();
            List<Value> elems = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                elems.add(read(u, type.elementType(), path.index(i)));
            }
            return WireCollections.collection(type, elems, path);
        } else if (type instanceof TupleType t) {
            expect(f, ValueType.ARRAY, type, path);
            int n = u.unpackArrayHeader();
            if (n != t.elements().size()) {
                throw path.error("tuple of " + t.elements().size() + " elements expected, got " + n);
            }
            List<Value> elems = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                elems.add(read(u, t.elements().get(i), path.index(i)));
            }
            return Value.tuple(elems);
        } else if (type instanceof MapType m) {
            expect(f, ValueType.MAP, type, path);
            int n = u.unpackMapHeader();
            Map<String, Value> entries = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                String k = readKey(u, path);
                entries.put(k, read(u, m.element(), path.key(k)));
            }
            return WireCollections.map(m, entries);
        } else if (type instanceof ObjectType o) {
            expect(f, ValueType.MAP, type, path);
            int n = u.unpackMapHeader();
            Map<String, Value> attrs = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                String k = readKey(u, path);
                Type at = o.attributes().get(k);
                if (at == null) {
                    throw path.error("unsupported attribute \"" + k + "\"");
                }
                attrs.put(k, read(u, at, path.attr(k)));
            }
            return WireCollections.object(o, attrs);
        }
        throw path.error("cannot decode type " + type.friendlyName());
    }

    private static Value readDynamic(MessageUnpacker u, WirePath path) throws IOException {
        expect(u.getNextFormat(), ValueType.ARRAY, Type.DYNAMIC, path);
        if (u.unpackArrayHeader() != 2) {
            throw path.error("dynamic value must be a [type, value] pair");
        }
        MessageFormat tf = u.getNextFormat();
        String typeJson;
        if (tf.getValueType() == ValueType.BINARY) {
            typeJson = new String(u.readPayload(u.unpackBinaryHeader()), StandardCharsets.UTF_8);
        } else if (tf.getValueType() == ValueType.STRING) {
            typeJson = string(u);
        } else {
            throw path.error("dynamic value's type must be JSON bytes");
        }
        Type actual;
        try {
            actual = TypeJson.fromJsonString(typeJson);
        } catch (RuntimeException e) {
            throw path.error("invalid type " + typeJson + ": " + e.getMessage());
        }
        return read(u, actual, path);
    }

    private static BigNumber readNumber(MessageUnpacker u, MessageFormat f, WirePath path) throws IOException {
        return switch (f.getValueType()) {
            case INTEGER -> f == MessageFormat.UINT64
                    ? BigNumber.of(u.unpackBigInteger()) : BigNumber.of(u.unpackLong());
            case FLOAT -> BigNumber.of(u.unpackDouble());
            case STRING -> WireCollections.parseNumber(string(u), path);
            default -> throw path.error("number expected, got " + f.getValueType().name().toLowerCase());
        };
    }

    private static String readKey(MessageUnpacker u, WirePath path) throws IOException {
        if (u.getNextFormat().getValueType() != ValueType.STRING) {
            throw path.error("map keys must be strings");
        }
        return string(u);
    }

    /**
     * The next string, read as its UTF-8 bytes. {@link MessageUnpacker#unpackString} gives the
     * same result (malformed bytes become U+FFFD either way), but each unpacker allocates a
     * 16 KB character buffer on its first string; a provider call decodes a few values, each
     * with a fresh unpacker, so that buffer was about a tenth of a Java provider's CPU samples.
     */
    private static String string(MessageUnpacker u) throws IOException {
        int n = u.unpackRawStringHeader();
        return n == 0 ? "" : new String(u.readPayload(n), StandardCharsets.UTF_8);
    }

    private static void expect(MessageFormat f, ValueType want, Type type, WirePath path) {
        if (f.getValueType() != want) {
            throw path.error(type.friendlyName() + " expected, got msgpack "
                    + f.getValueType().name().toLowerCase());
        }
    }
}
