package io.capstan.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
  @Test
  void edgesAreWrittenAsInstantWritesThem() {
    for (String s : new String[] {
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z", "2000-02-29T12:00:00.100Z", "1900-03-01T00:00:00.000001Z",
        "2024-02-29T23:59:59.120Z", "2100-02-28T00:00:01.000000010Z", "1600-12-31T01:02:03Z"}) {
      Instant t = Instant.parse(s);
      assertThat(IsoInstant.format(t)).as(s).isEqualTo(t.toString());
    }
  }

  @Test
  void outsideFourDigitYearsFallsBackToInstant() {
    for (Instant t : new Instant[] {Instant.parse("9999-12-31T23:59:59Z").plusSeconds(1),
        Instant.parse("0000-01-01T00:00:00Z").minusNanos(1), Instant.MIN, Instant.MAX}) {
      assertThat(IsoInstant.format(t)).isEqualTo(t.toString());
    }
  }

  @Test
  void randomInstantsOverYearsZeroTo9999MatchInstant() {
    Random r = new Random(13);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      long sec = min + Math.floorMod(r.nextLong(), max - min + 1);
      int nano;
      switch (i % 4) {
        case 0 -> nano = 0;
        case 1 -> nano = r.nextInt(1_000) * 1_000_000;
        case 2 -> nano = r.nextInt(1_000_000) * 1_000;
        default -> nano = r.nextInt(1_000_000_000);
      }
      Instant t = Instant.ofEpochSecond(sec, nano);
      assertThat(IsoInstant.format(t)).isEqualTo(t.toString());
    }
  }
}
