package io.capstan.cli;

import io.capstan.cli.backend.LockOptions;
import io.capstan.cli.state.StateAccess;
import io.capstan.cli.state.StateAddress;
import io.capstan.cli.state.StateEdits;
import io.capstan.cli.state.StateTargets;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.diag.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan state rm ADDRESS...}: forgets instances without destroying them, under the state lock. */
@Command(name = "rm", description = "Remove instances from the state")
public final class StateRmCommand extends StateCommandBase {
  @Parameters(arity = "1..*", paramLabel = "ADDRESS")
  List<String> addresses = new ArrayList<>();

  @Option(names = "--dry-run", description = "If set, prints out what would've been removed but doesn't actually remove anything.")
  boolean dryRun;

  @Option(names = "--state", defaultValue = "", description = "Path to the state file to update.")
  String statePath;

  @Mixin
  LockOptions lock;

  /**
   * In terraform 1.11's order: the state (locked unless {@code -lock=false}; "No state file was found!" when
   * there is none), then the addresses ({@link StateTargets}: a bad one's diagnostic, after the state check, so
   * {@code state rm ADDR -dry-run} without a state says so), each matching what it matches and nothing when it
   * matches nothing; only when none matched anything is it an error ("Would have removed nothing." with
   * {@code -dry-run}).
   */
  @Override
  int run() {
    if (!pluginsInstalled(LockErrorForm.LOADING_STATE)) {
      return 1;
    }
    try (StateAccess access = openState(statePath)) {
      List<String> removed = new ArrayList<>(); // duplicates kept, as terraform lists (and counts) them
      if (dryRun) {
        Optional<StateFile> before = access.read();
        if (before.isEmpty()) {
          return noStateFile();
        }
        if (!collect(before.get(), removed)) {
          return 1;
        }
        removed.forEach(a -> term.out().println("Would remove " + a));
        if (removed.isEmpty()) {
          term.out().println("Would have removed nothing.");
        }
        return 0;
      }
      boolean[] refused = {false};
      access.update(lock, true, current -> {
        if (current.isEmpty()) {
          refused[0] = true;
          noStateFile();
          return null;
        }
        List<StateAddress> parsed = new ArrayList<>();
        if (!collect(current.get(), removed, parsed)) {
          refused[0] = true;
          return null;
        }
        return removed.isEmpty() ? null : StateEdits.remove(current.get(), parsed);
      });
      if (refused[0]) {
        return 1;
      }
      if (removed.isEmpty()) {
        return showDiagnostics(new io.capstan.hcl.diag.Diagnostics().add(noMatch().diagnostic()));
      }
      removed.forEach(a -> term.out().println("Removed " + a));
      term.out().println("Successfully removed " + removed.size() + " resource instance(s).");
      return 0;
    }
  }

  private boolean collect(StateFile state, List<String> removed) {
    return collect(state, removed, new ArrayList<>());
  }

  /**
   * Parses every address (printing each bad one's diagnostic, false when there was one) and adds what the
   * good ones match to {@code removed}, the addresses to {@code parsed}.
   */
  private boolean collect(StateFile state, List<String> removed, List<StateAddress> parsed) {
    io.capstan.hcl.diag.Diagnostics diags = new io.capstan.hcl.diag.Diagnostics();
    for (String a : addresses) {
      Result<StateAddress> p = StateTargets.parse(a);
      diags.addAll(p.diagnostics());
      if (!p.hasErrors()) {
        parsed.add(p.value());
        removed.addAll(StateEdits.selected(state, p.value()));
      }
    }
    if (diags.hasErrors()) {
      showDiagnostics(diags); // sorted by where each is (all "on  line 1")
    }
    return !diags.hasErrors();
  }

  private static io.capstan.cli.backend.BackendException noMatch() {
    return new io.capstan.cli.backend.BackendException("Invalid target address",
        "No matching objects found. To view the available instances, use \"terraform state list\". Please modify "
            + "the address to reference a specific instance.");
  }
}
