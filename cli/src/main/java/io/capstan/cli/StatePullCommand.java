package io.capstan.cli;

import io.capstan.cli.state.StateAccess;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code capstan state pull}: the selected workspace's state as stored, on stdout (nothing when there is none). */
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
      access.readBytes().ifPresent(b -> {
        String text = new String(b, StandardCharsets.UTF_8);
        // terraform prints the stored text and then a newline of its own
        term.out().print(text + "\n");
      });
    }
    return 0;
  }
}
