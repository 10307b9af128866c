package io.capstan.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link StateMeta#of} scans a snapshot whole; {@link StateMeta#header} stops at its lineage and serial. */
class StateMetaTest {

  @Test
  void headerReadsTheSameLineageAndSerialAsTheWholeScan() {
    byte[] s = States.state("lin-1", 42, "a", "b", "c");
    StateMeta whole = StateMeta.of(s);
    StateMeta header = StateMeta.header(s);
    assertThat(whole).isEqualTo(new StateMeta("lin-1", 42, 3));
    assertThat(header.lineage()).isEqualTo("lin-1");
    assertThat(header.serial()).isEqualTo(42);
    assertThat(header.present()).isTrue();
  }

  @Test
  void headerFindsThemWhereverTheyAreInTheObject() {
    // another writer's order: resources first, serial last (counted on the way, since they come before)
    String json = "{\"resources\":[{\"x\":[1,{\"serial\":9}]},{}],\"lineage\":\"L\",\"outputs\":{},\"serial\":7}";
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    assertThat(StateMeta.header(b)).isEqualTo(new StateMeta("L", 7, 2));
    assertThat(StateMeta.of(b)).isEqualTo(new StateMeta("L", 7, 2));
  }

  @Test
  void headerStopsOnceBothAreReadAndTheWholeScanDoesNot() {
    byte[] s = States.state("lin-2", 5, "a");
    // the same header followed by a tail that is not JSON: only the whole scan gets there
    String text = new String(s, StandardCharsets.UTF_8);
    int after = text.indexOf("\"lineage\"");
    after = text.indexOf(',', after);
    byte[] cut = (text.substring(0, after) + ", \"resources\": [ !!! ").getBytes(StandardCharsets.UTF_8);
    assertThat(StateMeta.header(cut)).isEqualTo(new StateMeta("lin-2", 5, 0));
    assertThatThrownBy(() -> StateMeta.of(cut)).isInstanceOf(StateException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void headerOfNothingIsNone() {
    assertThat(StateMeta.header(new byte[0])).isEqualTo(StateMeta.NONE);
    assertThat(StateMeta.header(null)).isEqualTo(StateMeta.NONE);
    assertThat(StateMeta.header("{}".getBytes(StandardCharsets.UTF_8)).present()).isFalse();
    assertThatThrownBy(() -> StateMeta.header("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(StateException.class).hasMessageContaining("not a JSON object");
  }
}
