package io.capstan.cli;

import io.capstan.cli.backend.BackendException;
import io.capstan.cli.backend.LockOptions;
import io.capstan.cli.state.HumanState;
import io.capstan.cli.state.StateAccess;
import io.capstan.cli.state.StateAddress;
import io.capstan.cli.state.StateEdits;
import io.capstan.engine.state.StateFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /** Resource and instance moves are reported with the addresses as the user typed them. */
  private List<String[]> messages(StateEdits.Moved m) {
    return src().isModule() ? m.moves() : List.<String[]>of(new String[] {source, destination});
  }

  private StateAddress src() {
    return StateAddress.parse(source).orElseThrow();
  }

  @Override
  int run() {
    Optional<StateAddress> src = StateAddress.parse(source);
    Optional<StateAddress> dst = StateAddress.parse(destination);
    if (src.isEmpty()) {
      return term.error("Invalid source address", "Error parsing source address: " + source);
    }
    if (dst.isEmpty()) {
      return term.error("Invalid target address", "Error parsing target address: " + destination);
    }
    if (!pluginsInstalled(LockErrorForm.LOADING_STATE)) {
      return 1;
    }
    try (StateAccess access = openState(statePath)) {
      if (dryRun) {
        StateFile state = access.read().orElse(null);
        if (state == null) {
          return noStateFile();
        }
        for (String[] m : messages(StateEdits.move(state, src.get(), dst.get()))) {
          term.out().println("Would move " + HumanState.quote(m[0]) + " to " + HumanState.quote(m[1]));
        }
        return 0;
      }
      List<String[]> moved = new ArrayList<>();
      access.update(lock, true, current -> {
        StateFile state = current.orElseThrow(() -> new BackendException("Invalid source address",
            "Cannot move " + source + ": does not match anything in the current state."));
        StateEdits.Moved m = StateEdits.move(state, src.get(), dst.get());
        moved.addAll(messages(m));
        return m.state();
      });
      for (String[] m : moved) {
        term.out().println("Move " + HumanState.quote(m[0]) + " to " + HumanState.quote(m[1]));
      }
      term.out().println("Successfully moved " + moved.size() + " object(s).");
      return 0;
    }
  }
}
