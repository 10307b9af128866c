package io.capstan.cli;

import io.capstan.cli.backend.CurrentBackend;
import picocli.CommandLine.Command;

/** {@code capstan workspace show}: the selected workspace's name. */
@Command(name = "show", description = "Show the name of the current workspace")
public final class WorkspaceShowCommand extends StateCommandBase {
  @Override
  int run() {
    term.out().println(CurrentBackend.selectedWorkspace(workdir()));
    return 0;
  }
}
