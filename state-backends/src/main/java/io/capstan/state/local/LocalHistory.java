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
    for (long old : HistoryCodec.beyondLimit(list(dir), limit)) {
      Files.deleteIfExists(dir.resolve(old + ".tfstate"));
      Files.deleteIfExists(dir.resolve(old + ".json"));
    }
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
