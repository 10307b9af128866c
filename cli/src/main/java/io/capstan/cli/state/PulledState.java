package io.capstan.cli.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.engine.state.GoJson;
import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The text {@code state pull} prints for a stored snapshot, as terraform 1.11's does: it decodes the
 * snapshot and writes it again ({@code statefile.Write}), so a state another program wrote compactly,
 * with other indentation or keys in another order comes out in terraform's encoding: Go's two-space
 * indented JSON, its field order, resources and instances sorted, unknown fields dropped, its own
 * version as {@code terraform_version}, root outputs re-encoded from their values (object and map keys
 * sorted, numbers in their shortest form), {@code sensitive_attributes} always a list and an empty
 * {@code check_results} as null. Instance attributes keep their key order, as terraform keeps their
 * raw JSON.
 *
 * <p>A snapshot already in that encoding is returned as stored, without decoding it: {@link
 * #isTerraformEncoding} checks the bytes in one pass (the layout of Go's indenter, the escapes of Go's
 * string encoder, this version's header), which costs less than a decode of a large state.
 */
public final class PulledState {
  /** Bytes a string holds as they are in terraform's encoding, with nothing to look at. */
  private static final boolean[] STRING_PLAIN = new boolean[256];

  static {
    for (int c = 0x20; c < 256; c++) {
      STRING_PLAIN[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != 0xe2;
    }
  }

  private static final byte[] HEADER = ("{\n  \"version\": 4,\n  \"terraform_version\": \""
      + StateFile.TERRAFORM_VERSION + "\",\n  \"serial\": ").getBytes(StandardCharsets.US_ASCII);

  private PulledState() {
  }

  /** The snapshot as terraform writes it (ending in its newline); an undecodable one is the user's error. */
  public static byte[] encode(byte[] stored) {
    if (isTerraformEncoding(stored)) {
      return stored;
    }
    return Reencoded.of(stored);
  }

  /** The decode and write again, apart: a snapshot already in terraform's encoding loads none of it. */
  private static final class Reencoded {
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    static byte[] of(byte[] stored) {
      StateFile s = StateAccess.decode(stored);
      StateFile current = new StateFile(StateFile.TERRAFORM_VERSION, s.serial(), s.lineage(), s.outputs(),
          s.resources(), s.checkResults());
      ObjectNode root = StateCodec.toJson(current);
      for (JsonNode o : root.path("outputs")) {
        ObjectNode out = (ObjectNode) o;
        out.set("value", sortedKeys(out.get("value")));
        out.set("type", sortedKeys(out.get("type")));
      }
      for (JsonNode r : root.path("resources")) {
        for (JsonNode i : r.path("instances")) {
          JsonNode paths = i.get("sensitive_attributes");
          if (paths == null || !paths.isArray()) {
            // terraform re-encodes the paths it read: none (a null) is an empty list
            ((ObjectNode) i).set("sensitive_attributes", F.arrayNode());
          }
        }
      }
      JsonNode checks = root.get("check_results");
      if (checks != null && checks.isArray() && checks.isEmpty()) {
        root.set("check_results", F.nullNode()); // terraform writes no results as null
      }
      return (GoJson.indent(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A value as cty encodes it: an object's (or map's) attributes in name order, at every depth. */
    private static JsonNode sortedKeys(JsonNode n) {
      if (n == null) {
        return null;
      }
      if (n.isObject()) {
        List<String> names = new ArrayList<>(n.size());
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
        names.sort(null); // Go sorts map keys by their bytes: the same order for UTF-16 outside surrogates
        ObjectNode o = F.objectNode();
        for (String name : names) {
          o.set(name, sortedKeys(n.get(name)));
        }
        return o;
      }
      if (n.isArray()) {
        ArrayNode a = F.arrayNode(n.size());
        for (JsonNode e : n) {
          a.add(sortedKeys(e));
        }
        return a;
      }
      return n;
    }
  }

  /**
   * Whether the bytes are what terraform 1.11.4 (and Capstan) write: this version's header, then JSON laid out
   * exactly as Go's {@code json.MarshalIndent(v, "", "  ")} lays it out (a newline and two spaces per depth
   * before each member and closing bracket, {@code ": "} after a key, {@code []} and {@code {}} when empty, no
   * other whitespace), strings with no raw {@code <}, {@code >}, {@code &}, controls, U+2028 or U+2029 (Go
   * escapes them), ending in a newline. A snapshot that passes is printed as stored; one that fails is decoded
   * and written again. What this does not check (the order of resources,
   * instances and fields, the form of numbers and output values) only terraform and Capstan write, and they
   * write it in order.
   */
  static boolean isTerraformEncoding(byte[] b) {
    int n = b.length;
    if (n < HEADER.length + 4 || b[n - 1] != '\n' || b[n - 2] != '}' || b[n - 3] != '\n') {
      return false;
    }
    for (int k = 0; k < HEADER.length; k++) {
      if (b[k] != HEADER[k]) {
        return false;
      }
    }
    int depth = 0;
    int i = 0;
    int last = n - 1; // the final newline
    while (i < last) {
      byte c = b[i];
      switch (c) {
        case '"' -> {
          i = string(b, i + 1, last);
          if (i < 0) {
            return false;
          }
          if (b[i] == ':') { // a key: ": " and then a value
            if (i + 1 >= last || b[i + 1] != ' ' || b[i + 2] == ' ' || b[i + 2] == '\n') {
              return false;
            }
            i += 2;
          }
        }
        case '{', '[' -> {
          byte close = c == '{' ? (byte) '}' : (byte) ']';
          if (i + 1 < last && b[i + 1] == close) {
            i += 2; // empty: {} or []
          } else {
            depth++;
            i = indent(b, i + 1, depth, last);
            if (i < 0 || b[i] == '}' || b[i] == ']') {
              return false;
            }
          }
        }
        case ',' -> {
          i = indent(b, i + 1, depth, last);
          if (i < 0 || b[i] == '}' || b[i] == ']') {
            return false;
          }
        }
        case '\n' -> {
          // only before a closing bracket: a newline and the indent of the depth it closes
          depth--;
          i = indent(b, i, depth, last);
          if (i < 0 || depth < 0 || (b[i] != '}' && b[i] != ']')) {
            return false;
          }
          i++;
        }
        case ' ', '\t', '\r' -> {
          return false;
        }
        default -> i++; // numbers, true, false, null; and a closing bracket after its indent
      }
    }
    return depth == 0;
  }

  /** After a newline at {@code i}: exactly {@code 2 * depth} spaces; the index after them, or -1. */
  private static int indent(byte[] b, int i, int depth, int last) {
    int width = 2 * depth;
    if (i >= last || b[i] != '\n' || i + 1 + width >= last) {
      return -1;
    }
    i++;
    if (!allSpaces(b, i, i + width)) {
      return -1;
    }
    i += width;
    return b[i] != ' ' && b[i] != '\n' ? i : -1;
  }

  private static boolean allSpaces(byte[] b, int from, int to) {
    for (int k = from; k < to; k++) {
      if (b[k] != ' ') {
        return false;
      }
    }
    return true;
  }

  /**
   * A string's rest from {@code i} (after its opening quote) as terraform writes one: any JSON escape (an
   * attribute's string keeps the escapes it was stored with), but {@code <}, {@code >}, {@code &}, U+2028 and
   * U+2029 escaped, as Go's encoder escapes them also in raw JSON; the index after the closing quote, or -1.
   */
  private static int string(byte[] b, int i, int last) {
    while (i < last) {
      // the plain run first, one table look-up a byte
      while (i < last && STRING_PLAIN[b[i] & 0xff]) {
        i++;
      }
      if (i >= last) {
        return -1;
      }
      int c = b[i] & 0xff;
      if (c == '"') {
        return i + 1 < last ? i + 1 : -1;
      }
      if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        return -1;
      }
      if (c == '\\') {
        if (i + 1 >= last) {
          return -1;
        }
        byte e = b[i + 1];
        if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
          i += 2;
          continue;
        }
        if (e != 'u' || i + 5 >= last || !hex4(b, i + 2)) {
          return -1;
        }
        i += 6;
        continue;
      }
      if (c == 0xe2 && i + 2 < last && (b[i + 1] & 0xff) == 0x80
          && ((b[i + 2] & 0xff) == 0xa8 || (b[i + 2] & 0xff) == 0xa9)) {
        return -1; // U+2028 and U+2029, which Go escapes
      }
      i++;
    }
    return -1;
  }

  private static boolean hex4(byte[] b, int at) {
    for (int k = at; k < at + 4; k++) {
      if (Character.digit(b[k], 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
