package io.capstan.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Terraform v4 state documents for tests: {@code terraform_data} resources by name. */
public final class States {
  private static final ObjectMapper JSON = new ObjectMapper();

  private States() {}

  public static byte[] state(String lineage, long serial, String... resources) {
    ObjectNode s = JSON.createObjectNode();
    s.put("version", 4);
    s.put("terraform_version", "1.11.4");
    s.put("serial", serial);
    s.put("lineage", lineage);
    s.putObject("outputs");
    ArrayNode rs = s.putArray("resources");
    for (String r : resources) {
      rs.add(resource(r));
    }
    s.putArray("check_results");
    return write(s);
  }

  static ObjectNode resource(String name) {
    ObjectNode r = JSON.createObjectNode();
    r.put("mode", "managed");
    r.put("type", "terraform_data");
    r.put("name", name);
    r.put("provider", "provider[\"terraform.io/builtin/terraform\"]");
    ObjectNode inst = r.putArray("instances").addObject();
    inst.put("schema_version", 0);
    ObjectNode attrs = inst.putObject("attributes");
    attrs.put("id", "id-" + name);
    attrs.putNull("input");
    attrs.putNull("output");
    attrs.putNull("triggers_replace");
    inst.putArray("sensitive_attributes");
    return r;
  }

  /** The state with one more resource and serial + 1, as an apply would write it. */
  public static byte[] withResource(byte[] state, String name) {
    try {
      ObjectNode s = (ObjectNode) JSON.readTree(state);
      s.put("serial", s.path("serial").asLong() + 1);
      ((ArrayNode) s.withArray("resources")).add(resource(name));
      return write(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<String> resourceNames(byte[] state) {
    List<String> out = new ArrayList<>();
    try {
      for (JsonNode r : JSON.readTree(state).path("resources")) {
        out.add(r.path("name").asText());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  public static byte[] padded(String lineage, long serial, int bytes) {
    ObjectNode s = (ObjectNode) read(state(lineage, serial, "big"));
    ObjectNode attrs = (ObjectNode) s.path("resources").get(0).path("instances").get(0).path("attributes");
    attrs.put("input", "x".repeat(Math.max(0, bytes - 600)));
    return write(s);
  }

  static JsonNode read(byte[] b) {
    try {
      return JSON.readTree(b);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] write(JsonNode n) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
