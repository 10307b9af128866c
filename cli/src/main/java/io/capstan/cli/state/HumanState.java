package io.capstan.cli.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.engine.json.ResourceSchemas;
import io.capstan.engine.json.StateValuesJson;
import io.capstan.engine.state.GoJson;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.OutputState;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateFile;
import io.capstan.engine.state.StateOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The human rendering of a state as {@code terraform show} and {@code terraform state show}
 * print it: per instance a {@code # ADDRESS:} header and a {@code resource "T" "N" { ... }}
 * block of its non-null attributes, aligned at {@code =}, sensitive values as
 * {@code (sensitive value)}; modules one after another (root first), then the root outputs.
 * Nested blocks of a schema are printed like attributes holding objects.
 */
public final class HumanState {
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final String SENSITIVE = "(sensitive value)";

  private HumanState() {}

  /** {@code terraform show} of a state; "No state." when there is nothing. */
  public static String show(StateFile state, ResourceSchemas schemas) {
    if (state == null || (state.isEmpty())) {
      return "No state.\n";
    }
    Map<String, List<String>> byModule = new TreeMap<>((a, b) -> a.isEmpty() ? (b.isEmpty() ? 0 : -1)
        : b.isEmpty() ? 1 : a.compareTo(b));
    for (ResourceState r : StateOrder.sorted(state.resources())) {
      String module = r.module() == null ? "" : r.module();
      for (InstanceState i : r.instances()) {
        if (i.deposed() == null) {
          byModule.computeIfAbsent(module, k -> new ArrayList<>()).add(instance(r, i, schemas) + "\n");
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> blocks : byModule.values()) {
      blocks.forEach(sb::append);
      sb.append('\n');
    }
    if (!state.outputs().isEmpty()) {
      sb.append("Outputs:\n\n");
      for (Map.Entry<String, OutputState> e : state.outputs().entrySet()) {
        sb.append(e.getKey()).append(" = ")
            .append(e.getValue().sensitive() ? SENSITIVE : value(e.getValue().value(), null, 0)).append('\n');
      }
    }
    return sb.toString().strip() + "\n";
  }

  /** One instance as {@code state show} prints it, ending with {@code }\n}. */
  public static String instance(ResourceState r, InstanceState i, ResourceSchemas schemas) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(r.address()).append(i.keySuffix()).append(':');
    if (i.tainted()) {
      sb.append(" (tainted)");
    }
    if (i.deposed() != null) {
      sb.append(" (deposed object ").append(i.deposed()).append(')');
    }
    sb.append('\n');
    sb.append("data".equals(r.mode()) ? "data" : "resource").append(' ').append(GoJson.quote(r.type())).append(' ')
        .append(GoJson.quote(r.name())).append(' ');
    var json = StateValuesJson.instance(r, i, schemas);
    sb.append(object(json.get("values"), json.get("sensitive_values"), 0)).append('\n');
    return sb.toString();
  }

  /** A value at {@code indent} spaces, {@code sensitive} its node of the sensitive_values tree (or null). */
  static String value(JsonNode v, JsonNode sensitive, int indent) {
    if (sensitive != null && sensitive.isBoolean() && sensitive.asBoolean()) {
      return SENSITIVE;
    }
    if (v == null || v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return string(v.asText(), indent);
    }
    if (v.isValueNode()) {
      return v.isNumber() ? v.decimalValue().stripTrailingZeros().toPlainString() : v.asText();
    }
    if (v.isArray()) {
      if (v.isEmpty()) {
        return "[]";
      }
      StringBuilder sb = new StringBuilder("[\n");
      for (int k = 0; k < v.size(); k++) {
        JsonNode s = sensitive != null && sensitive.isArray() ? sensitive.get(k) : null;
        sb.append(" ".repeat(indent + 4)).append(value(v.get(k), s, indent + 4)).append(",\n");
      }
      return sb.append(" ".repeat(indent)).append(']').toString();
    }
    return object(v, sensitive, indent);
  }

  private static String object(JsonNode v, JsonNode sensitive, int indent) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNull()) {
        keys.put(e.getKey(), IDENT.matcher(e.getKey()).matches() ? e.getKey() : quote(e.getKey()));
      }
    }
    if (keys.isEmpty()) {
      return "{}";
    }
    int width = keys.values().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder sb = new StringBuilder("{\n");
    keys.forEach((key, shown) -> {
      JsonNode s = sensitive != null && sensitive.isObject() ? sensitive.get(key) : null;
      sb.append(" ".repeat(indent + 4)).append(shown).append(" ".repeat(width - shown.length())).append(" = ")
          .append(value(v.get(key), s, indent + 4)).append('\n');
    });
    return sb.append(" ".repeat(indent)).append('}').toString();
  }

  private static String string(String s, int indent) {
    if (s.contains("\n") && s.endsWith("\n")) {
      StringBuilder sb = new StringBuilder("<<-EOT\n");
      for (String line : s.substring(0, s.length() - 1).split("\n", -1)) {
        sb.append(" ".repeat(indent + 4)).append(line).append('\n');
      }
      return sb.append(" ".repeat(indent)).append("EOT").toString();
    }
    return quote(s);
  }

  /** A string literal as Terraform's renderer quotes it (no HTML escaping, unlike JSON). */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
