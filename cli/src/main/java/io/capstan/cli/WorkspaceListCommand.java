package io.capstan.cli;

import io.capstan.cli.backend.CurrentBackend;
import picocli.CommandLine.Command;

/** {@code capstan workspace list}: every workspace of the backend, the selected one starred. */
@Command(name = "list", description = "List Workspaces")
public final class WorkspaceListCommand extends StateCommandBase {
  @Override
  int run() {
    if (!pluginsInstalled(LockErrorForm.UI)) {
      return 1;
    }
    try (CurrentBackend.Opened o = CurrentBackend.open(workdir())) {
      for (String ws : o.backend().workspaces()) {
        term.out().println((ws.equals(o.workspace()) ? "* " : "  ") + ws);
      }
      if (!o.backend().workspaces().contains(o.workspace())) {
        term.out().println("* " + o.workspace());
      }
      term.out().println();
    }
    return 0;
  }
}
