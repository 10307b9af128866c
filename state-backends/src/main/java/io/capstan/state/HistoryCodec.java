package io.capstan.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
 * <p>Written and read with Jackson's streaming generator and parser, not an {@code ObjectMapper}:
 * every state write records an entry and reads the others (to trim), and an ObjectMapper's class
 * initialisation costs a cold JVM about a tenth of a second of CPU that a first apply needs for
 * nothing else (so do {@link StateMeta} and {@link LockInfo}). The text is what
 * {@code ObjectMapper.writeValueAsBytes} wrote for the same entry.
 */
public final class HistoryCodec {
  private static final JsonFactory JSON = new JsonFactory();

  private HistoryCodec() {}

  public static HistoryEntry entry(StateMeta meta, String who, long size) {
    return new HistoryEntry(meta.serial(), meta.lineage(), Instant.now(), who, meta.resources(), size);
  }

  public static byte[] toJson(HistoryEntry e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      write(e, g);
    } catch (IOException x) {
      throw new IllegalStateException(x);
    }
    return out.toByteArray();
  }

  /** An entry; a document that is not a JSON object gives an entry of defaults (serial 0), as before. */
  public static HistoryEntry fromJson(byte[] b) {
    try (JsonParser p = JSON.createParser(b)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        return read(null);
      }
      return read(p);
    } catch (IOException e) {
      throw new StateException("damaged history entry: " + e.getMessage(), e);
    }
  }

  /** An index document: a JSON array of entries. */
  public static byte[] indexToJson(List<HistoryEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 160 * entries.size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
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

  public static List<HistoryEntry> indexFromJson(byte[] b) {
    List<HistoryEntry> out = new ArrayList<>();
    if (b == null || b.length == 0) {
      return out;
    }
    try (JsonParser p = JSON.createParser(b)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          if (t == null) {
            throw new StateException("damaged history index: unexpected end of input");
          }
          if (t == JsonToken.START_OBJECT) {
            out.add(read(p));
          } else {
            p.skipChildren();
            out.add(read(null)); // an element that is not an object reads as defaults, as before
          }
        }
      } else {
        p.skipChildren(); // not an array: no entries, as before
      }
    } catch (IOException e) {
      throw new StateException("damaged history index: " + e.getMessage(), e);
    }
    return out;
  }

  private static void write(HistoryEntry e, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("serial", e.serial());
    g.writeStringField("lineage", e.lineage());
    g.writeStringField("time", e.time().toString());
    g.writeStringField("who", e.who());
    g.writeNumberField("resources", e.resources());
    g.writeNumberField("size", e.size());
    g.writeEndObject();
  }

  /**
   * The entry whose object {@code p} has just opened (null: no object), its fields read as
   * leniently as a JSON tree's {@code asLong}/{@code asText("")} read them: a missing or unreadable
   * number is 0, a missing text "" (the time: the epoch).
   */
  private static HistoryEntry read(JsonParser p) throws IOException {
    long serial = 0;
    long size = 0;
    int resources = 0;
    String lineage = "";
    String who = "";
    String time = null;
    while (p != null && p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      if (p.nextToken().isStructStart()) {
        p.skipChildren(); // an object or array: a tree reads it as 0 or "" (after the skip, the parser's defaults)
      }
      switch (field) {
        case "serial" -> serial = p.getValueAsLong(0);
        case "lineage" -> lineage = text(p, "");
        case "time" -> time = text(p, null);
        case "who" -> who = text(p, "");
        case "resources" -> resources = p.getValueAsInt(0);
        case "size" -> size = p.getValueAsLong(0);
        default -> {
        }
      }
    }
    return new HistoryEntry(serial, lineage, Instant.parse(time == null ? Instant.EPOCH.toString() : time), who,
        resources, size);
  }

  /** The current scalar's text; {@code dflt} for null, "" for an object or array (as a tree's asText gives). */
  private static String text(JsonParser p, String dflt) throws IOException {
    JsonToken t = p.currentToken();
    return t == JsonToken.VALUE_NULL ? dflt : t.isStructEnd() ? "" : p.getValueAsString(dflt);
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
