package io.capstan.cli.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.ResourceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An address as the state commands take it: a module ({@code module.a["k"]}), a resource
 * ({@code module.a.aws_vpc.main}, {@code data.x.y}) or one instance ({@code aws_vpc.main[0]}).
 *
 * @param module the module instance address, "" for the root
 * @param type null for a module address
 * @param key the instance key (number or string node) or null when the address has none
 */
public record StateAddress(String module, String mode, String type, String name, JsonNode key) {

  public boolean isModule() {
    return type == null;
  }

  public boolean hasKey() {
    return key != null;
  }

  /** Parses an address; empty when it is not valid address syntax. */
  public static Optional<StateAddress> parse(String text) {
    List<String[]> steps = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int start = i;
      while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
        i++;
      }
      String name = text.substring(start, i);
      if (name.isEmpty()) {
        return Optional.empty();
      }
      String key = null;
      if (i < n && text.charAt(i) == '[') {
        int close = closing(text, i);
        if (close < 0) {
          return Optional.empty();
        }
        key = text.substring(i + 1, close);
        i = close + 1;
      }
      steps.add(new String[] {name, key});
      if (i < n) {
        if (text.charAt(i) != '.') {
          return Optional.empty();
        }
        i++;
        if (i == n) {
          return Optional.empty();
        }
      }
    }
    StringBuilder module = new StringBuilder();
    int k = 0;
    while (k + 1 < steps.size() && steps.get(k)[0].equals("module") && steps.get(k)[1] == null) {
      String[] m = steps.get(k + 1);
      if (module.length() > 0) {
        module.append('.');
      }
      module.append("module.").append(m[0]);
      if (m[1] != null) {
        // as terraform prints a module key (and the state holds it): ["a"], not [ "a" ] or [01]
        JsonNode mk = keyNode(m[1]);
        module.append('[').append(mk == null ? m[1] : keyText(mk)).append(']');
      }
      k += 2;
    }
    List<String[]> rest = steps.subList(k, steps.size());
    if (rest.isEmpty()) {
      return steps.isEmpty() ? Optional.empty() : Optional.of(new StateAddress(module.toString(), null, null, null, null));
    }
    String mode = "managed";
    if (rest.get(0)[0].equals("data") && rest.get(0)[1] == null) {
      mode = "data";
      rest = rest.subList(1, rest.size());
    }
    if (rest.size() != 2 || rest.get(0)[1] != null) {
      return Optional.empty();
    }
    JsonNode key = null;
    if (rest.get(1)[1] != null) {
      key = keyNode(rest.get(1)[1]);
      if (key == null) {
        return Optional.empty();
      }
    }
    return Optional.of(new StateAddress(module.toString(), mode, rest.get(0)[0], rest.get(1)[0], key));
  }

  private static int closing(String s, int open) {
    boolean quoted = false;
    for (int i = open + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ']' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  private static JsonNode keyNode(String text) {
    String k = text.strip(); // [ "x" ] is ["x"], as HCL reads it
    if (k.length() >= 2 && k.startsWith("\"") && k.endsWith("\"")) {
      // an HCL quoted string, decoded as terraform's address parser decodes it (escapes, $${ and %%{)
      var parsed = io.capstan.graph.addrs.Addresses.parseAbsResourceInstance("a.b[" + k + "]");
      if (parsed.hasErrors() || !(parsed.value().resource().key() instanceof io.capstan.graph.addrs.InstanceKey.Str str)) {
        return null;
      }
      return JsonNodeFactory.instance.textNode(str.key());
    }
    try {
      // a whole number however written (1.0 and 1e0 are 1, as gocty converts them to an int key)
      return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(k).toBigIntegerExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** The resource part, without key: {@code module.a.data.x.y}. */
  public String resourceAddress() {
    String local = ("data".equals(mode) ? "data." : "ephemeral".equals(mode) ? "ephemeral." : "") + type + "." + name;
    return module.isEmpty() ? local : module + "." + local;
  }

  public boolean sameResource(ResourceState r) {
    return !isModule() && module.equals(r.module() == null ? "" : r.module()) && mode.equals(r.mode())
        && type.equals(r.type()) && name.equals(r.name());
  }

  public boolean sameKey(InstanceState i) {
    JsonNode other = i.indexKey() == null || i.indexKey().isNull() ? null : i.indexKey();
    if (key == null || other == null) {
      return key == other;
    }
    return key.isNumber() == other.isNumber() && key.asText().equals(other.asText());
  }

  /** Whether this address selects the instance (module prefix, resource, or exact instance). */
  public boolean selects(ResourceState r, InstanceState i) {
    String rm = r.module() == null ? "" : r.module();
    if (isModule()) {
      return rm.equals(module) || rm.startsWith(module + ".") || rm.startsWith(module + "[");
    }
    return sameResource(r) && (key == null || sameKey(i));
  }

  @Override
  public String toString() {
    if (isModule()) {
      return module;
    }
    return key == null ? resourceAddress() : resourceAddress() + "[" + keyText(key) + "]";
  }

  private static String keyText(JsonNode key) {
    return key.isNumber() ? key.asText() : HumanState.quote(key.asText());
  }
}
