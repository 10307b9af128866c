package io.capstan.cli;

import io.capstan.cli.backend.CurrentBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code capstan workspace show}: the selected workspace's name. */
@Command(name = "show", description = "Show the name of the current workspace")
public final class WorkspaceShowCommand extends StateCommandBase {
  /** Arguments after the command: terraform's ignores them (no error), so does this. */
  @Parameters(hidden = true)
  java.util.List<String> ignored;
  @Override
  int run() {
    term.out().println(CurrentBackend.selectedWorkspace(workdir()));
    return 0;
  }
}
