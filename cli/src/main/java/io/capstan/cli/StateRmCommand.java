package io.capstan.cli;

import io.capstan.cli.backend.LockOptions;
import io.capstan.cli.state.StateAccess;
import io.capstan.cli.state.StateAddress;
import io.capstan.cli.state.StateEdits;
import io.capstan.engine.state.StateFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

  @Override
  int run() {
    List<StateAddress> parsed = new ArrayList<>();
    for (String a : addresses) {
      Optional<StateAddress> p = StateAddress.parse(a);
      if (p.isEmpty()) {
        return term.error("Invalid target address", "Error parsing instance address: " + a);
      }
      parsed.add(p.get());
    }
    if (!pluginsInstalled(LockErrorForm.LOADING_STATE)) {
      return 1;
    }
    try (StateAccess access = openState(statePath)) {
      Set<String> removed = new LinkedHashSet<>();
      Optional<StateFile> before = dryRun ? access.read() : Optional.empty();
      if (dryRun) {
        if (before.isEmpty()) {
          return noStateFile();
        }
        collect(before.get(), parsed, removed);
        removed.forEach(a -> term.out().println("Would remove " + a));
        return 0;
      }
      access.update(lock, true, current -> {
        if (current.isEmpty()) {
          throw noMatch();
        }
        collect(current.get(), parsed, removed);
        return StateEdits.remove(current.get(), parsed);
      });
      removed.forEach(a -> term.out().println("Removed " + a));
      term.out().println("Successfully removed " + removed.size() + " resource instance(s).");
      return 0;
    }
  }

  private static void collect(StateFile state, List<StateAddress> parsed, Set<String> removed) {
    for (StateAddress a : parsed) {
      List<String> found = StateEdits.selected(state, a);
      if (found.isEmpty()) {
        throw noMatch();
      }
      removed.addAll(found);
    }
  }

  private static io.capstan.cli.backend.BackendException noMatch() {
    return new io.capstan.cli.backend.BackendException("Invalid target address",
        "No matching objects found. To view the available instances, use \"terraform state list\". Please modify "
            + "the address to reference a specific instance.");
  }
}
