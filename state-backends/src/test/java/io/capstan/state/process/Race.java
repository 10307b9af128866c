package io.capstan.state.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.state.Backend;
import io.capstan.state.States;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ten worker processes racing lock → read → append → write → unlock on one workspace. */
final class Race {
  private Race() {}

  static void tenProcessesAppendExactlyOnce(String type, Map<String, String> cfg, Backend check) throws Exception {
    String ws = "race" + ProcessHandle.current().pid();
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ps.add(Workers.start("append", type, ws, "obj" + i, "120s", cfg));
    }
    List<String> outputs = new ArrayList<>();
    for (Process p : ps) {
      outputs.add(Workers.output(p, Duration.ofSeconds(180)));
      assertThat(p.exitValue()).as("worker output: %s", outputs.get(outputs.size() - 1)).isZero();
    }
    byte[] state = check.read(ws).orElseThrow();
    assertThat(States.resourceNames(state)).hasSize(10)
        .containsExactlyInAnyOrder("obj0", "obj1", "obj2", "obj3", "obj4", "obj5", "obj6", "obj7", "obj8", "obj9");
    assertThat(io.capstan.state.StateMeta.of(state).serial()).isEqualTo(10);
  }
}
