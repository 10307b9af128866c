package io.capstan.state.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The self-describing form of an encrypted state or plan file: one header line starting with
 * {@value #MAGIC} and a clear JSON header (algorithm, KDF parameters, nonce, and the snapshot's
 * lineage/serial/resource count so backends can still guard against lost updates), then the
 * base64 ciphertext. The header is authenticated as GCM associated data. Not being JSON, the
 * envelope is refused by Terraform rather than misread.
 */
public record StateEnvelope(ObjectNode header, byte[] headerLine, byte[] ciphertext) {
  public static final String MAGIC = "CAPSTAN-ENCRYPTED-STATE/1";
  private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
  /**
   * Created on first use (an encrypted state to read or write): every local state write asks
   * {@link #isEncrypted}, and an ObjectMapper's initialisation costs a cold JVM about 0.1 s CPU.
   */
  private static final class Json {
    static final ObjectMapper INSTANCE = new ObjectMapper();
  }

  public static boolean isEncrypted(byte[] data) {
    return data != null && data.length >= MAGIC_BYTES.length
        && Arrays.equals(data, 0, MAGIC_BYTES.length, MAGIC_BYTES, 0, MAGIC_BYTES.length);
  }

  public static StateEnvelope parse(byte[] data) {
    if (!isEncrypted(data)) {
      throw new StateException("not an encrypted Capstan state");
    }
    int nl = indexOf(data, (byte) '\n');
    if (nl < 0) {
      throw new StateException("the encrypted state is truncated (no header line)");
    }
    byte[] headerLine = Arrays.copyOf(data, nl);
    try {
      JsonNode h = Json.INSTANCE.readTree(Arrays.copyOfRange(headerLine, MAGIC_BYTES.length, headerLine.length));
      if (!(h instanceof ObjectNode obj)) {
        throw new StateException("the encrypted state's header is not a JSON object");
      }
      String body = new String(data, nl + 1, data.length - nl - 1, StandardCharsets.US_ASCII).trim();
      return new StateEnvelope(obj, headerLine, Base64.getDecoder().decode(body));
    } catch (IOException | IllegalArgumentException e) {
      throw new StateException("the encrypted state is damaged: " + e.getMessage(), e);
    }
  }

  static byte[] headerLine(ObjectNode header) {
    try {
      return (MAGIC + " " + Json.INSTANCE.writeValueAsString(header)).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] toBytes() {
    byte[] body = Base64.getEncoder().encode(ciphertext);
    byte[] out = new byte[headerLine.length + 1 + body.length + 1];
    System.arraycopy(headerLine, 0, out, 0, headerLine.length);
    out[headerLine.length] = '\n';
    System.arraycopy(body, 0, out, headerLine.length + 1, body.length);
    out[out.length - 1] = '\n';
    return out;
  }

  /** Lineage, serial and resource count from the clear header. */
  public static StateMeta meta(byte[] data) {
    ObjectNode h = parse(data).header();
    return new StateMeta(h.path("lineage").asText(""), h.path("serial").asLong(-1), h.path("resources").asInt(0));
  }

  private static int indexOf(byte[] data, byte b) {
    for (int i = 0; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
