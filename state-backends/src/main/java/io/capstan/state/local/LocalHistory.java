package io.capstan.state.local;

import io.capstan.state.HistoryCodec;
import io.capstan.state.HistoryEntry;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** History of one workspace as files: {@code SERIAL.tfstate} and {@code SERIAL.json} (entry). */
final class LocalHistory {
  private LocalHistory() {}

  static void record(Path dir, byte[] state, StateMeta meta, String who, int limit) throws IOException {
    Files.createDirectories(dir);
    LocalBackend.atomicWrite(dir.resolve(meta.serial() + ".tfstate"), state);
    LocalBackend.atomicWrite(dir.resolve(meta.serial() + ".json"),
        HistoryCodec.toJson(HistoryCodec.entry(meta, who, state.length)));
    for (long old : beyondLimit(dir, limit)) {
      Files.deleteIfExists(dir.resolve(old + ".tfstate"));
      Files.deleteIfExists(dir.resolve(old + ".json"));
    }
  }

  /**
   * The serials {@code HistoryCodec.beyondLimit(list(dir), limit)} names, from the entries' file
   * names ({@code SERIAL.json}, as {@link #record} writes them) instead of parsing every entry:
   * every state write pruned the history, and reading and parsing up to {@code limit} JSON files
   * (and sorting them with Comparator's serializable lambdas, which are spun at run time rather
   * than taken from the class-data archive) was a visible part of an apply's final write.
   * An entry file not named by a serial is parsed, as before.
   */
  static List<Long> beyondLimit(Path dir, int limit) throws IOException {
    java.util.TreeSet<Long> serials = new java.util.TreeSet<>(java.util.Collections.reverseOrder());
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".json")) {
          continue;
        }
        Long serial = serialOf(name.substring(0, name.length() - ".json".length()));
        serials.add(serial != null ? serial : HistoryCodec.fromJson(Files.readAllBytes(p)).serial());
      }
    }
    List<Long> out = new ArrayList<>();
    int k = 0;
    for (long serial : serials) {
      if (k++ >= limit) {
        out.add(serial);
      }
    }
    return out;
  }

  /** The serial a file name's stem spells as {@link #record} writes it (decimal, no sign or leading zero), else null. */
  private static Long serialOf(String stem) {
    if (stem.isEmpty() || stem.length() > 18 || (stem.length() > 1 && stem.charAt(0) == '0')) {
      return null;
    }
    for (int i = 0; i < stem.length(); i++) {
      if (stem.charAt(i) < '0' || stem.charAt(i) > '9') {
        return null;
      }
    }
    return Long.parseLong(stem);
  }

  static List<HistoryEntry> list(Path dir) {
    List<HistoryEntry> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(x -> x.getFileName().toString().endsWith(".json")).toList()) {
        out.add(HistoryCodec.fromJson(Files.readAllBytes(p)));
      }
    } catch (IOException e) {
      throw new StateException("cannot read history in " + dir + ": " + e.getMessage(), e);
    }
    return HistoryCodec.newestFirst(out);
  }

  static Optional<byte[]> version(Path dir, long serial) {
    Path p = dir.resolve(serial + ".tfstate");
    try {
      return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
    } catch (IOException e) {
      throw new StateException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }
}
