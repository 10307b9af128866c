package io.capstan.cli;

import io.capstan.cli.state.PulledState;
import io.capstan.cli.state.StateAccess;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan state pull}: the selected workspace's state on stdout in terraform's encoding ({@link PulledState}),
 * nothing when there is none.
 */
@Command(name = "pull", description = "Pull current state and output to stdout")
public final class StatePullCommand extends StateCommandBase {
  /** Arguments after the command: terraform's ignores them (no error), so does this. */
  @Parameters(hidden = true)
  java.util.List<String> ignored;
  @Override
  int run() {
    if (!pluginsInstalled(LockErrorForm.UI)) {
      return 1;
    }
    try (StateAccess access = openState("")) {
      java.util.Optional<byte[]> stored = access.readBytes();
      if (stored.isPresent()) {
        // terraform decodes the snapshot and writes it again (PulledState), then a newline of its own
        term.out().print(new String(PulledState.encode(stored.get()), StandardCharsets.UTF_8) + "\n");
      }
    }
    return 0;
  }
}
