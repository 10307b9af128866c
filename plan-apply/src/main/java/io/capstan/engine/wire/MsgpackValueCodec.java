package io.capstan.engine.wire;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.DynamicType;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.MapType;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.PrimitiveType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.ValueCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Encodes Capstan values as the plugin protocol's MessagePack {@link DynamicValue} and back,
 * as object-wire-format.md specifies: unknown as extension 0, objects and maps as maps,
 * lists, sets and tuples as arrays, numbers as the smallest exact representation
 * (integer, float64, or decimal string), and dynamically typed values as a two-element
 * array of the JSON type and the value. Values must be unmarked: marks never cross the wire.
 */
public final class MsgpackValueCodec implements ValueCodec<Value, Type> {
    public static final MsgpackValueCodec INSTANCE = new MsgpackValueCodec();

    @Override
    public DynamicValue encode(Value value, Type type) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            write(p, value.unmarkDeep().value(), type);
            return DynamicValue.ofMsgpack(p.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Value decode(DynamicValue value, Type type) {
        if (!value.isMsgpack()) {
            return ValueJson.decode(new String(value.json(), StandardCharsets.UTF_8), type);
        }
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(value.msgpack())) {
            return read(u, type, "");
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed MessagePack value: " + e.getMessage(), e);
        }
    }

    private static void write(MessageBufferPacker p, Value v, Type t) throws IOException {
        if (!v.isKnown()) {
            p.packExtensionTypeHeader((byte) 0, 1);
            p.writePayload(new byte[] {0});
            return;
        }
        if (v.isNull()) {
            p.packNil();
            return;
        }
        if (t instanceof DynamicType) {
            p.packArrayHeader(2);
            byte[] typeJson = TypeJson.toJsonString(v.type()).getBytes(StandardCharsets.UTF_8);
            p.packBinaryHeader(typeJson.length);
            p.writePayload(typeJson);
            write(p, v, v.type());
            return;
        }
        if (t instanceof PrimitiveType pt) {
            switch (pt) {
                case STRING -> p.packString(v.asString());
                case BOOL -> p.packBoolean(v.asBool());
                case NUMBER -> writeNumber(p, v.asNumber());
            }
        } else if (t instanceof ListType lt) {
            writeArray(p, v.elements(), i -> lt.element());
        } else if (t instanceof SetType st) {
            writeArray(p, v.elements(), i -> st.element());
        } else if (t instanceof TupleType tt) {
            writeArray(p, v.elements(), i -> tt.elements().get(i));
        } else if (t instanceof MapType mt) {
            p.packMapHeader(v.entries().size());
            for (Map.Entry<String, Value> e : v.entries().entrySet()) {
                p.packString(e.getKey());
                write(p, e.getValue(), mt.element());
            }
        } else if (t instanceof ObjectType ot) {
            p.packMapHeader(ot.attributes().size());
            for (String name : new java.util.TreeSet<>(ot.attributes().keySet())) {
                p.packString(name);
                Value a = v.type() instanceof ObjectType vt && vt.hasAttribute(name)
                        ? v.attr(name) : Value.nullOf(ot.attribute(name));
                write(p, a, ot.attribute(name));
            }
        } else {
            throw new IllegalArgumentException("cannot encode type " + t);
        }
    }

    private interface TypeAt {
        Type at(int i);
    }

    private static void writeArray(MessageBufferPacker p, List<Value> elems, TypeAt types) throws IOException {
        p.packArrayHeader(elems.size());
        for (int i = 0; i < elems.size(); i++) {
            write(p, elems.get(i), types.at(i));
        }
    }

    private static void writeNumber(MessageBufferPacker p, BigNumber n) throws IOException {
        if (n.isInteger()) {
            java.math.BigInteger bi = n.toBigInteger();
            if (bi.bitLength() < 64) {
                p.packLong(bi.longValue());
                return;
            }
        } else if (!n.isInfinite()) {
            BigDecimal d = n.toBigDecimal();
            double f = d.doubleValue();
            if (new BigDecimal(f).compareTo(d) == 0) {
                p.packDouble(f);
                return;
            }
        }
        if (n.isInfinite()) {
            p.packDouble(n.isNegative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            return;
        }
        p.packString(n.toBigDecimal().toPlainString());
    }

    private static Value read(MessageUnpacker u, Type t, String path) throws IOException {
        MessageFormat f = u.getNextFormat();
        if (f.getValueType() == ValueType.EXTENSION) {
            org.msgpack.core.ExtensionTypeHeader h = u.unpackExtensionTypeHeader();
            u.readPayload(h.getLength());
            return Value.unknown(t);
        }
        if (f == MessageFormat.NIL) {
            u.unpackNil();
            return Value.nullOf(t);
        }
        if (t instanceof DynamicType) {
            int n = u.unpackArrayHeader();
            if (n != 2) {
                throw new IllegalArgumentException(at(path) + "dynamic value must be a two-element array");
            }
            return read(u, TypeJson.fromJsonString(f(u)), path);
        }
        if (t instanceof PrimitiveType pt) {
            return switch (pt) {
                case STRING -> Value.of(u.unpackString());
                case BOOL -> Value.of(u.unpackBoolean());
                case NUMBER -> Value.of(readNumber(u, f));
            };
        }
        if (t instanceof ListType lt) {
            return Value.list(lt.element(), readArray(u, i -> lt.element(), path));
        }
        if (t instanceof SetType st) {
            return Value.set(st.element(), readArray(u, i -> st.element(), path));
        }
        if (t instanceof TupleType tt) {
            return Value.tuple(readArray(u, i -> tt.elements().get(i), path));
        }
        if (t instanceof MapType mt) {
            int n = u.unpackMapHeader();
            Map<String, Value> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String k = u.unpackString();
                m.put(k, read(u, mt.element(), path + "[\"" + k + "\"]"));
            }
            return Value.map(mt.element(), m);
        }
        if (t instanceof ObjectType ot) {
            int n = u.unpackMapHeader();
            Map<String, Value> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String k = u.unpackString();
                if (!ot.hasAttribute(k)) {
                    throw new IllegalArgumentException(at(path) + "unsupported attribute \"" + k + "\"");
                }
                m.put(k, read(u, ot.attribute(k), path + "." + k));
            }
            for (String name : ot.attributes().keySet()) {
                m.putIfAbsent(name, Value.nullOf(ot.attribute(name)));
            }
            return Value.object(m);
        }
        throw new IllegalArgumentException(at(path) + "cannot decode type " + t);
    }

    private static String f(MessageUnpacker u) throws IOException {
        MessageFormat f = u.getNextFormat();
        if (f.getValueType() == ValueType.BINARY) {
            return new String(u.readPayload(u.unpackBinaryHeader()), StandardCharsets.UTF_8);
        }
        return u.unpackString();
    }

    private static BigNumber readNumber(MessageUnpacker u, MessageFormat f) throws IOException {
        return switch (f.getValueType()) {
            case INTEGER -> BigNumber.of(u.unpackBigInteger());
            case FLOAT -> BigNumber.of(u.unpackDouble());
            case STRING -> BigNumber.parse(u.unpackString());
            default -> throw new IllegalArgumentException("number expected, got " + f.getValueType());
        };
    }

    private static List<Value> readArray(MessageUnpacker u, TypeAt types, String path) throws IOException {
        int n = u.unpackArrayHeader();
        List<Value> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(read(u, types.at(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : path.substring(path.startsWith(".") ? 1 : 0) + ": ";
    }
}
