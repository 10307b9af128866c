package io.capstan.provider.client;

/**
 * The seam between the protocol and the value model: turns a value of the model into the
 * protocol's {@link DynamicValue} for a given type and back (object-wire-format.md:
 * MessagePack with unknown values as extension type 0, or JSON). The implementation lives
 * next to the value model ({@code io.capstan.hcl.value}); this module only depends on the
 * interface, with {@code V} the value type and {@code T} the type representation.
 */
public interface ValueCodec<V, T> {

    /** Encodes {@code value}, which must conform to {@code type}, as MessagePack. */
    DynamicValue encode(V value, T type);

    /**
     * Decodes bytes sent by a provider. Implementations accept both encodings (MessagePack
     * and JSON) and fail with {@link IllegalArgumentException} naming the offending path
     * when the bytes do not conform to {@code type}.
     */
    V decode(DynamicValue value, T type);
}
