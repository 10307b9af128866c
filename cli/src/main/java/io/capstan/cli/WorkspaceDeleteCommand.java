package io.capstan.cli;

import io.capstan.cli.backend.CurrentBackend;
import io.capstan.cli.backend.LockOptions;
import io.capstan.cli.backend.StateLocks;
import io.capstan.cli.state.StateAccess;
import io.capstan.engine.state.StateFile;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan workspace delete NAME}: deletes a workspace and its state, refusing the
 * selected workspace, and one that still tracks resources unless {@code -force}, as Terraform.
 */
@Command(name = "delete", description = "Delete a workspace")
public final class WorkspaceDeleteCommand extends StateCommandBase {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--force", description = "Remove a workspace even if it is managing resources.")
  boolean force;

  @Mixin
  LockOptions lock;

  @Override
  int run() {
    if (!WorkspaceCommand.validName(name)) {
      return term.plainError(WorkspaceCommand.invalidName(name));
    }
    if (!pluginsInstalled(LockErrorForm.UI)) {
      return 1;
    }
    try (CurrentBackend.Opened o = CurrentBackend.open(workdir())) {
      if (!o.backend().workspaces().contains(name)) {
        return term.plainError(WorkspaceCommand.doesNotExist(name));
      }
      if (name.equals(o.workspace())) {
        return term.plainError("Workspace \"" + name + "\" is your active workspace.\n\n"
            + "You cannot delete the currently active workspace. Please switch\n"
            + "to another workspace and try again.\n");
      }
      List<String> tracked = o.backend().read(name).map(StateAccess::decode).map(StateFile::instanceAddresses)
          .orElse(List.of());
      if (!tracked.isEmpty() && !force) {
        StringBuilder detail = new StringBuilder("Workspace \"" + name
            + "\" is currently tracking the following resource instances:\n");
        tracked.forEach(a -> detail.append("  - ").append(a).append('\n'));
        detail.append("\nDeleting this workspace would cause Terraform to lose track of any associated remote objects, "
            + "which would then require you to delete them manually outside of Terraform. You should destroy these "
            + "objects with Terraform before deleting the workspace.\n\n"
            + "If you want to delete this workspace anyway, and have Terraform forget about these managed objects, "
            + "use the -force option to disable this safety check.");
        return term.error("Workspace is not empty", detail.toString());
      }
      StateLocks.withLock(o.backend(), name, StateLocks.STATE_OPERATION, lock, () -> { });
      o.backend().deleteWorkspace(name);
      term.out().println(WorkspaceCommand.green("Deleted workspace \"" + name + "\"!", term.color()));
      if (!tracked.isEmpty()) {
        term.out().println("WARNING: \"" + name + "\" was non-empty.\n"
            + "The resources managed by the deleted workspace may still exist,\n"
            + "but are no longer manageable by Terraform since the state has\n"
            + "been deleted.\n");
      }
    }
    return 0;
  }
}
