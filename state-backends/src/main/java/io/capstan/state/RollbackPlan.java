package io.capstan.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.state.crypto.StateEnvelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A state rollback, computed before it is done so the CLI can show what would change: the
 * current and target versions, the resource addresses that would come back or go away, and
 * the bytes to write (the target's content under the current lineage with the next serial).
 */
public record RollbackPlan(StateMeta from, StateMeta to, List<String> added, List<String> removed, byte[] newState) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static RollbackPlan of(byte[] current, byte[] target) {
    if (StateEnvelope.isEncrypted(current) || StateEnvelope.isEncrypted(target)) {
      throw new StateException("cannot roll back encrypted state without its key; configure the encryption setting");
    }
    try {
      StateMeta from = StateMeta.of(current);
      StateMeta to = StateMeta.of(target);
      ObjectNode restored = (ObjectNode) JSON.readTree(target);
      if (from.present()) {
        restored.put("serial", from.serial() + 1);
        restored.put("lineage", from.lineage());
      }
      TreeSet<String> now = addresses(current.length == 0 ? null : JSON.readTree(current));
      TreeSet<String> then = addresses(restored);
      List<String> added = new ArrayList<>(then);
      added.removeAll(now);
      List<String> removed = new ArrayList<>(now);
      removed.removeAll(then);
      byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(restored);
      return new RollbackPlan(from, to, List.copyOf(added), List.copyOf(removed), bytes);
    } catch (IOException | ClassCastException e) {
      throw new StateException("cannot read the kept state: " + e.getMessage(), e);
    }
  }

  private static TreeSet<String> addresses(JsonNode state) {
    TreeSet<String> out = new TreeSet<>();
    if (state == null) {
      return out;
    }
    for (JsonNode r : state.path("resources")) {
      String module = r.path("module").asText("");
      String prefix = module.isEmpty() ? "" : module + ".";
      String mode = r.path("mode").asText("managed");
      String base = prefix + ("data".equals(mode) ? "data." : "") + r.path("type").asText() + "." + r.path("name").asText();
      out.add(base);
    }
    return out;
  }
}
