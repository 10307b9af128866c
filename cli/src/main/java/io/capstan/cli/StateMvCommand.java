package io.capstan.cli;

import io.capstan.cli.backend.LockOptions;
import io.capstan.cli.state.HumanState;
import io.capstan.cli.state.StateAccess;
import io.capstan.cli.state.StateAddress;
import io.capstan.cli.state.StateEdits;
import io.capstan.cli.state.StateTargets;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan state mv SOURCE DESTINATION}: moves a module, a resource or one instance to a
 * new address (also into or out of modules) under the state lock; {@code -dry-run} only says
 * what would move.
 */
@Command(name = "mv", description = "Move an item in the state")
public final class StateMvCommand extends StateCommandBase {
  @Parameters(index = "0", paramLabel = "SOURCE")
  String source;

  @Parameters(index = "1", paramLabel = "DESTINATION")
  String destination;

  @Option(names = "--dry-run", description = "If set, prints out what would've been moved but doesn't actually move anything.")
  boolean dryRun;

  @Option(names = "--state", defaultValue = "", description = "Path to the source state file.")
  String statePath;

  @Mixin
  LockOptions lock;

  /** The source address, once parsed. */
  private StateAddress src;

  /** Resource and instance moves are reported with the addresses as the user typed them. */
  private List<String[]> messages(StateEdits.Moved m) {
    return src.isModule() ? m.moves() : List.<String[]>of(new String[] {source, destination});
  }

  /**
   * Both addresses ({@link StateTargets}), or null when one is bad, after printing the diagnostics. terraform 1.11
   * reads them after the state, so a run without a state says "No state file was found!" whatever they are.
   */
  private StateAddress[] parsed() {
    Result<StateAddress> from = StateTargets.parse(source);
    Result<StateAddress> to = StateTargets.parse(destination);
    Diagnostics diags = new Diagnostics().addAll(from.diagnostics()).addAll(to.diagnostics());
    if (diags.hasErrors()) {
      showDiagnostics(diags);
      return null;
    }
    src = from.value();
    return new StateAddress[] {from.value(), to.value()};
  }

  @Override
  int run() {
    if (!pluginsInstalled(LockErrorForm.LOADING_STATE)) {
      return 1;
    }
    try (StateAccess access = openState(statePath)) {
      if (dryRun) {
        StateFile state = access.read().orElse(null);
        if (state == null) {
          return noStateFile();
        }
        StateAddress[] a = parsed();
        if (a == null) {
          return 1;
        }
        for (String[] m : messages(StateEdits.move(state, a[0], a[1]))) {
          term.out().println("Would move " + HumanState.quote(m[0]) + " to " + HumanState.quote(m[1]));
        }
        return 0;
      }
      List<String[]> moved = new ArrayList<>();
      boolean[] refused = {false};
      access.update(lock, true, current -> {
        if (current.isEmpty()) {
          refused[0] = true;
          noStateFile();
          return null;
        }
        StateAddress[] a = parsed();
        if (a == null) {
          refused[0] = true;
          return null;
        }
        StateEdits.Moved m = StateEdits.move(current.get(), a[0], a[1]);
        moved.addAll(messages(m));
        return m.state();
      });
      if (refused[0]) {
        return 1;
      }
      for (String[] m : moved) {
        term.out().println("Move " + HumanState.quote(m[0]) + " to " + HumanState.quote(m[1]));
      }
      term.out().println("Successfully moved " + moved.size() + " object(s).");
      return 0;
    }
  }
}
