package io.capstan.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.hcl.json.JsonTrees;
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
 * <p>No {@code ObjectMapper}: every state write records an entry and reads the others (to trim),
 * and an ObjectMapper's class initialisation costs a cold JVM about a tenth of a second of CPU
 * that a first apply needs for nothing else (so do {@link StateMeta} and {@link LockInfo}).
 * Entries are written with Jackson's generator, the text {@code ObjectMapper.writeValueAsBytes}
 * wrote for the same entry, and read as trees with the shared {@link JsonTrees} reader.
 */
public final class HistoryCodec {
  private HistoryCodec() {}

  public static HistoryEntry entry(StateMeta meta, String who, long size) {
    return new HistoryEntry(meta.serial(), meta.lineage(), Instant.now(), who, meta.resources(), size);
  }

  public static byte[] toJson(HistoryEntry e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator g = JsonTrees.generator(out)) {
      write(e, g);
    } catch (IOException x) {
      throw new IllegalStateException(x);
    }
    return out.toByteArray();
  }

  /** An entry; a document that is not a JSON object gives an entry of defaults (serial 0), as before. */
  public static HistoryEntry fromJson(byte[] b) {
    try {
      return fromTree(JsonTrees.read(b, false));
    } catch (IOException e) {
      throw new StateException("damaged history entry: " + e.getMessage(), e);
    }
  }

  /** An index document: a JSON array of entries. */
  public static byte[] indexToJson(List<HistoryEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 160 * entries.size());
    try (JsonGenerator g = JsonTrees.generator(out)) {
      g.writeStartArray();
      for (HistoryEntry e : entries) {
        write(e, g);
      }
      g.writeEndArray();
    } catch (IOException x) {
      throw new IllegalStateException(x);
    }
    return out.toByteArray();
  }

  /** The entries of an index; a document that is not an array has none, an element that is not an object reads as defaults. */
  public static List<HistoryEntry> indexFromJson(byte[] b) {
    List<HistoryEntry> out = new ArrayList<>();
    if (b == null || b.length == 0) {
      return out;
    }
    JsonNode index;
    try {
      index = JsonTrees.read(b, false);
    } catch (IOException e) {
      throw new StateException("damaged history index: " + e.getMessage(), e);
    }
    if (index.isArray()) {
      index.forEach(n -> out.add(fromTree(n)));
    }
    return out;
  }

  private static void write(HistoryEntry e, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("serial", e.serial());
    g.writeStringField("lineage", e.lineage());
    g.writeStringField("time", IsoInstant.format(e.time()));
    g.writeStringField("who", e.who());
    g.writeNumberField("resources", e.resources());
    g.writeNumberField("size", e.size());
    g.writeEndObject();
  }

  /** An entry's fields, read leniently: a missing or unreadable number is 0, a missing text "" (the time: the epoch). */
  private static HistoryEntry fromTree(JsonNode n) {
    return new HistoryEntry(n.path("serial").asLong(), n.path("lineage").asText(""),
        Instant.parse(n.path("time").asText(Instant.EPOCH.toString())), n.path("who").asText(""),
        n.path("resources").asInt(), n.path("size").asLong());
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
}
