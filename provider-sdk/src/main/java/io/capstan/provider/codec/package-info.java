/**
 * The DynamicValue wire codec: Capstan's values ({@code io.capstan.hcl.value}) to and from
 * the plugin protocol's MessagePack and JSON encodings, and the object type a provider
 * schema implies. {@link io.capstan.provider.codec.WireCodec} is the entry point.
 */
package io.capstan.provider.codec;
