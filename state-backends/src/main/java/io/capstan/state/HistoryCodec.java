package io.capstan.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * JSON form of history entries, shared by the backends that keep history as objects beside the
 * state (local files, S3 objects, etcd keys, HTTP documents), and the trimming rule: keep the
 * newest {@code limit} serials.
 *
 * <p>No ObjectMapper: every apply and destroy on the local backend writes an entry, and an
 * ObjectMapper's class initialisation (Jackson's date format, a calendar, the JDK's locale
 * tables) cost each such cold run about 0.05 s of CPU. Entries are written with Jackson's
 * generator, the bytes {@code ObjectMapper.writeValueAsBytes} gave for the same tree, and read
 * with {@link JsonTrees}.
 */
public final class HistoryCodec {

  private HistoryCodec() {}

  public static HistoryEntry entry(StateMeta meta, String who, long size) {
    return new HistoryEntry(meta.serial(), meta.lineage(), Instant.now(), who, meta.resources(), size);
  }

  public static ObjectNode toNode(HistoryEntry e) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("serial", e.serial());
    n.put("lineage", e.lineage());
    n.put("time", e.time().toString());
    n.put("who", e.who());
    n.put("resources", e.resources());
    n.put("size", e.size());
    return n;
  }

  public static HistoryEntry fromNode(JsonNode n) {
    return new HistoryEntry(n.path("serial").asLong(), n.path("lineage").asText(""),
        Instant.parse(n.path("time").asText(Instant.EPOCH.toString())), n.path("who").asText(""),
        n.path("resources").asInt(), n.path("size").asLong());
  }

  public static byte[] toJson(HistoryEntry e) {
    return write(g -> fields(e, g));
  }

  public static HistoryEntry fromJson(byte[] b) {
    try {
      return fromNode(JsonTrees.read(b, false));
    } catch (IOException e) {
      throw new StateException("damaged history entry: " + e.getMessage(), e);
    }
  }

  /** An index document: a JSON array of entries. */
  public static byte[] indexToJson(List<HistoryEntry> entries) {
    return write(g -> {
      g.writeStartArray();
      for (HistoryEntry e : entries) {
        fields(e, g);
      }
      g.writeEndArray();
    });
  }

  public static List<HistoryEntry> indexFromJson(byte[] b) {
    List<HistoryEntry> out = new ArrayList<>();
    if (b == null || b.length == 0) {
      return out;
    }
    try {
      for (JsonNode n : JsonTrees.read(b, false)) {
        out.add(fromNode(n));
      }
    } catch (IOException e) {
      throw new StateException("damaged history index: " + e.getMessage(), e);
    }
    return out;
  }

  /** Newest first, one entry per serial (a rewrite of a serial replaces its entry). */
  public static List<HistoryEntry> newestFirst(List<HistoryEntry> entries) {
    List<HistoryEntry> out = new ArrayList<>();
    entries.stream().sorted(Comparator.comparingLong(HistoryEntry::serial).reversed()
        .thenComparing(HistoryEntry::time, Comparator.reverseOrder())).forEach(e -> {
          if (out.isEmpty() || out.get(out.size() - 1).serial() != e.serial()) {
            out.add(e);
          }
        });
    return out;
  }

  /** The serials beyond the newest {@code limit}: these versions are to be deleted. */
  public static List<Long> beyondLimit(List<HistoryEntry> entries, int limit) {
    List<HistoryEntry> sorted = newestFirst(entries);
    return sorted.subList(Math.min(limit, sorted.size()), sorted.size()).stream().map(HistoryEntry::serial).toList();
  }

  /** One entry as an object, the fields in {@link #toNode}'s order and number types. */
  private static void fields(HistoryEntry e, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("serial", e.serial());
    g.writeStringField("lineage", e.lineage());
    g.writeStringField("time", e.time().toString());
    g.writeStringField("who", e.who());
    g.writeNumberField("resources", e.resources());
    g.writeNumberField("size", e.size());
    g.writeEndObject();
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JsonTrees.generator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
