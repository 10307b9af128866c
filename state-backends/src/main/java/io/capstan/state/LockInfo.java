package io.capstan.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Who holds a state lock: Terraform's lock info (ID, Operation, Info, Who, Version, Created,
 * Path) in Terraform's JSON shape, plus the holder's process id and host name, which Terraform
 * ignores and Capstan uses to tell a live holder from a crashed one.
 *
 * @param pid holder's process id, or 0 when unknown (e.g. a lock written by Terraform)
 * @param host holder's host name, or "" when unknown
 */
public record LockInfo(
    String id,
    String operation,
    String info,
    String who,
    String version,
    Instant created,
    String path,
    long pid,
    String host) {

  /**
   * Created on first read. Writing goes through a plain {@link JsonFactory}: every plan and apply
   * writes a lock, and an ObjectMapper's class initialisation costs a cold JVM about a tenth of a
   * second of CPU that nothing else in a first plan needs.
   */
  private static final class Json {
    static final ObjectMapper INSTANCE = new ObjectMapper();
  }

  private static final JsonFactory FACTORY = new JsonFactory();

  public LockInfo {
    Objects.requireNonNull(id, "id");
    operation = operation == null ? "" : operation;
    info = info == null ? "" : info;
    who = who == null ? "" : who;
    version = version == null ? "" : version;
    Objects.requireNonNull(created, "created");
    path = path == null ? "" : path;
    host = host == null ? "" : host;
  }

  /**
   * Lock information for this process: a fresh UUID, {@code user@host}, the current time, the
   * process id. {@code operation} is Terraform's name, e.g. {@code OperationTypeApply}.
   */
  public static LockInfo forThisProcess(String operation, String version) {
    String host = hostName();
    return new LockInfo(
        RandomUuid.next(),
        operation,
        "",
        System.getProperty("user.name", "unknown") + "@" + host,
        version,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        "",
        ProcessHandle.current().pid(),
        host);
  }

  public LockInfo withId(String newId) {
    return new LockInfo(newId, operation, info, who, version, created, path, pid, host);
  }

  public LockInfo withPath(String newPath) {
    return new LockInfo(id, operation, info, who, version, created, newPath, pid, host);
  }

  /** True when the holder ran on this host and its process no longer exists. */
  public boolean holderGoneOnThisHost() {
    return pid > 0 && host.equals(hostName()) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
  }

  /** Terraform's JSON shape, with {@code Pid}/{@code Host} added when known. */
  public byte[] toJson() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("ID", id);
      g.writeStringField("Operation", operation);
      g.writeStringField("Info", info);
      g.writeStringField("Who", who);
      g.writeStringField("Version", version);
      g.writeStringField("Created", IsoInstant.format(created));
      g.writeStringField("Path", path);
      if (pid > 0) {
        g.writeNumberField("Pid", pid);
      }
      if (!host.isEmpty()) {
        g.writeStringField("Host", host);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** Parses Terraform's lock info JSON (as written by Terraform or Capstan). */
  public static LockInfo fromJson(byte[] json) {
    try {
      JsonNode n = Json.INSTANCE.readTree(json);
      if (n == null || !n.isObject()) {
        throw new StateException("lock information is not a JSON object");
      }
      String created = n.path("Created").asText("");
      Instant at;
      try {
        at = created.isEmpty() ? Instant.EPOCH : Instant.parse(created);
      } catch (RuntimeException e) {
        at = Instant.EPOCH;
      }
      return new LockInfo(
          n.path("ID").asText(""),
          n.path("Operation").asText(""),
          n.path("Info").asText(""),
          n.path("Who").asText(""),
          n.path("Version").asText(""),
          at,
          n.path("Path").asText(""),
          n.path("Pid").asLong(0),
          n.path("Host").asText(""));
    } catch (IOException e) {
      throw new StateException("cannot read lock information: " + e.getMessage(), e);
    }
  }

  public static LockInfo fromJson(String json) {
    return fromJson(json.getBytes(StandardCharsets.UTF_8));
  }

  static String hostName() {
    // Linux keeps the kernel's host name (what gethostname() returns) here; reading it spares
    // every locking command the JMX start-up of the RuntimeMXBean below (tens of milliseconds).
    try {
      String name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: ask the JVM
    }
    String name = ManagementFactory.getRuntimeMXBean().getName();
    int at = name.indexOf('@');
    if (at >= 0 && at + 1 < name.length()) {
      return name.substring(at + 1);
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
