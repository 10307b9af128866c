package io.capstan.provider.codec;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.ValueCodec;

/**
 * The {@link ValueCodec} for Capstan's value model: encodes as MessagePack (what providers
 * and Terraform expect) and decodes whichever encoding the sender populated, MessagePack
 * first. Stateless and thread-safe; use {@link #INSTANCE}.
 */
public final class WireCodec implements ValueCodec<Value, Type> {
    public static final WireCodec INSTANCE = new WireCodec();

    private WireCodec() {
    }

    @Override
    public DynamicValue encode(Value value, Type type) {
        return DynamicValue.ofMsgpack(MsgpackValues.encode(value, type));
    }

    /** Encodes as JSON (for RawState and providers that prefer it); fails on unknown values. */
    public DynamicValue encodeJson(Value value, Type type) {
        return DynamicValue.ofJson(JsonValues.encode(value, type));
    }

    @Override
    public Value decode(DynamicValue value, Type type) {
        if (value.isMsgpack()) {
            return MsgpackValues.decode(value.msgpack(), type);
        }
        byte[] json = value.json();
        if (json.length == 0) {
            // An empty DynamicValue is how some providers say "nothing": a null of the type.
            return Value.nullOf(type);
        }
        return JsonValues.decode(json, type);
    }
}
