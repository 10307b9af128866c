package io.capstan.provider.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A value as it crosses the plugin protocol: opaque MessagePack bytes (what Terraform and
 * Capstan send) or JSON bytes (what some providers answer with). Interpreting the bytes
 * needs the schema's type and is the job of a {@link ValueCodec}; this record only carries
 * them. An absent value (the protocol field unset) is represented by {@code null}, not by
 * an empty DynamicValue.
 */
public record DynamicValue(byte[] msgpack, byte[] json) {
    public DynamicValue {
        msgpack = msgpack == null ? new byte[0] : msgpack.clone();
        json = json == null ? new byte[0] : json.clone();
    }

    public static DynamicValue ofMsgpack(byte[] bytes) {
        return new DynamicValue(bytes, null);
    }

    public static DynamicValue ofJson(byte[] bytes) {
        return new DynamicValue(null, bytes);
    }

    public static DynamicValue ofJson(String json) {
        return ofJson(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] msgpack() {
        return msgpack.clone();
    }

    @Override
    public byte[] json() {
        return json.clone();
    }

    public boolean isMsgpack() {
        return msgpack.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DynamicValue d && Arrays.equals(msgpack, d.msgpack) && Arrays.equals(json, d.json);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(msgpack) + Arrays.hashCode(json);
    }

    @Override
    public String toString() {
        return isMsgpack() ? "DynamicValue[msgpack=" + HexFormat.of().formatHex(msgpack) + "]"
                : "DynamicValue[json=" + new String(json, StandardCharsets.UTF_8) + "]";
    }
}
