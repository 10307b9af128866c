package io.capstan.state.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.state.HistoryCodec;
import io.capstan.state.StateMeta;
import io.capstan.state.States;
import io.capstan.state.servers.Tmp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Pruning the local history by its entries' file names selects what parsing every entry selected. */
class LocalHistoryTest {

  @Test
  void pruningByFileNameMatchesPruningByParsedEntries() throws Exception {
    Path dir = Files.createTempDirectory("capstan-history");
    try {
      for (long serial = 1; serial <= 12; serial++) {
        byte[] s = States.state("hist", serial, "a");
        LocalHistory.record(dir, s, StateMeta.of(s), "who", 100);
      }
      // an entry file not named by a serial (never written by record) still counts by its content
      byte[] odd = States.state("hist", 40, "a");
      Files.write(dir.resolve("copy.json"), HistoryCodec.toJson(HistoryCodec.entry(StateMeta.of(odd), "who", odd.length)));
      // and one whose name repeats a serial is the same version
      Files.write(dir.resolve("007.json"), HistoryCodec.toJson(HistoryCodec.entry(StateMeta.of(States.state("hist", 7, "a")), "who", 1)));
      for (int limit : new int[] {0, 1, 3, 12, 13, 14, 50}) {
        assertThat(LocalHistory.beyondLimit(dir, limit))
            .as("limit %d", limit)
            .isEqualTo(HistoryCodec.beyondLimit(LocalHistory.list(dir), limit));
      }
      assertThat(LocalHistory.beyondLimit(dir, 3)).containsExactly(10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
    } finally {
      Tmp.delete(dir);
    }
  }

  @Test
  void recordKeepsTheNewestLimitVersions() throws Exception {
    Path dir = Files.createTempDirectory("capstan-history");
    try {
      for (long serial = 1; serial <= 5; serial++) {
        byte[] s = States.state("hist", serial, "a");
        LocalHistory.record(dir, s, StateMeta.of(s), "who", 2);
      }
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
            .isEqualTo(List.of("4.json", "4.tfstate", "5.json", "5.tfstate"));
      }
      assertThat(LocalHistory.list(dir)).extracting(e -> e.serial()).containsExactly(5L, 4L);
    } finally {
      Tmp.delete(dir);
    }
  }
}
