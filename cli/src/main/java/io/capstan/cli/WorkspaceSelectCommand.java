package io.capstan.cli;

import io.capstan.cli.backend.CurrentBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan workspace select NAME}: selects an existing workspace ({@code -or-create} creates it). */
@Command(name = "select", description = "Select a workspace")
public final class WorkspaceSelectCommand extends StateCommandBase {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--or-create", arity = "0..1", fallbackValue = "true", description = "Create the Terraform workspace if it doesn't exist.")
  boolean orCreate;

  @Override
  int run() {
    if (!WorkspaceCommand.validName(name)) {
      return term.plainError(WorkspaceCommand.invalidName(name));
    }
    if (!pluginsInstalled(LockErrorForm.UI)) {
      return 1;
    }
    try (CurrentBackend.Opened o = CurrentBackend.open(workdir())) {
      if (name.equals(o.workspace())) {
        return 0; // terraform says nothing when the workspace is already selected
      }
      if (!o.backend().workspaces().contains(name)) {
        if (!orCreate) {
          return term.plainError("\n" + WorkspaceCommand.doesNotExist(name));
        }
        WorkspaceNewCommand.create(o.backend(), name, null);
        CurrentBackend.selectWorkspace(workdir(), name);
        term.out().print(WorkspaceCommand.created(name, term.color()));
        return 0;
      }
    }
    CurrentBackend.selectWorkspace(workdir(), name);
    term.out().println(WorkspaceCommand.green("Switched to workspace \"" + name + "\".", term.color()));
    return 0;
  }
}
