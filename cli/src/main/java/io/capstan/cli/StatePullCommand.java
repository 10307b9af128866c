package io.capstan.cli;

import io.capstan.cli.state.StateAccess;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;

/** {@code capstan state pull}: the selected workspace's state as stored, on stdout (nothing when there is none). */
@Command(name = "pull", description = "Pull current state and output to stdout")
public final class StatePullCommand extends StateCommandBase {
  @Override
  int run() {
    try (StateAccess access = openState("")) {
      access.readBytes().ifPresent(b -> {
        String text = new String(b, StandardCharsets.UTF_8);
        term.out().print(text.endsWith("\n") ? text : text + "\n");
      });
    }
    return 0;
  }
}
