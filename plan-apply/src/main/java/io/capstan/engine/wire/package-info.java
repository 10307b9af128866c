/** Values on the plugin-protocol wire: the MessagePack encoding of object-wire-format.md. */
package io.capstan.engine.wire;
