package io.capstan.cli;

import io.capstan.cli.backend.BackendException;
import io.capstan.cli.backend.LockOptions;
import io.capstan.cli.backend.StateLocks;
import io.capstan.cli.state.StateAccess;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import io.capstan.state.RollbackPlan;
import io.capstan.state.WriteCondition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan state rollback SERIAL}: restores a kept version of the state as a new snapshot
 * (next serial, current lineage) under the lock, after listing which instances would come back,
 * go away or change and asking for "yes" unless {@code -auto-approve}. Capstan's own command.
 */
@Command(name = "rollback", description = "Restore a kept version of the state")
public final class StateRollbackCommand extends StateCommandBase {
  @Parameters(index = "0", paramLabel = "SERIAL")
  long serial;

  @Option(names = "--auto-approve", description = "Skip interactive approval.")
  boolean autoApprove;

  @Mixin
  LockOptions lock;

  @Override
  int run() {
    try (StateAccess access = openState("")) {
      String ws = access.workspace();
      return StateLocks.withLock(access.backend(), ws, StateLocks.STATE_OPERATION, lock, () -> {
        RollbackPlan plan = access.backend().planRollback(ws, serial);
        StateFile target = StateAccess.decode(plan.newState());
        StateFile current = access.read().orElse(null);
        List<String> lines = changes(current, target);
        term.out().println("Rolling back workspace \"" + ws + "\" from serial " + plan.from().serial()
            + " to the content of serial " + serial + " (written as serial " + target.serial() + "):\n");
        if (lines.isEmpty()) {
          term.out().println("  No resource instances change.");
        }
        lines.forEach(term.out()::println);
        term.out().println();
        if (!autoApprove && !confirm("Do you want to restore this state?", "Only 'yes' will be accepted to confirm.")) {
          throw new BackendException("Rollback cancelled", "The state was not changed.");
        }
        access.write(StateCodec.write(target), WriteCondition.basedOn(plan.from()));
        term.out().println("State rolled back: workspace \"" + ws + "\" now holds the content of serial " + serial
            + " as serial " + target.serial() + ".");
        return 0;
      });
    }
  }

  static List<String> changes(StateFile current, StateFile target) {
    Map<String, InstanceState> now = instances(current);
    Map<String, InstanceState> then = instances(target);
    List<String> out = new ArrayList<>();
    then.forEach((addr, i) -> {
      InstanceState c = now.get(addr);
      if (c == null) {
        out.add("  + " + addr + " (comes back)");
      } else if (!Objects.equals(c.attributes(), i.attributes()) || !Objects.equals(c.status(), i.status())) {
        out.add("  ~ " + addr + " (attributes restored)");
      }
    });
    now.keySet().stream().filter(a -> !then.containsKey(a)).forEach(a -> out.add("  - " + a + " (forgotten)"));
    return out;
  }

  private static Map<String, InstanceState> instances(StateFile s) {
    Map<String, InstanceState> out = new LinkedHashMap<>();
    if (s != null) {
      for (ResourceState r : s.resources()) {
        for (InstanceState i : r.instances()) {
          if (i.deposed() == null) {
            out.put(r.address() + i.keySuffix(), i);
          }
        }
      }
    }
    return out;
  }
}
