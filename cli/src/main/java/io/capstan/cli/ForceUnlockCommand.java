package io.capstan.cli;

import io.capstan.cli.backend.CurrentBackend;
import io.capstan.state.StateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan force-unlock LOCK_ID}: releases a lock whoever holds it, after asking unless {@code -force}. */
@Command(name = "force-unlock", description = "Release a stuck lock on the current workspace")
public final class ForceUnlockCommand extends StateCommandBase {
  @Parameters(index = "0", paramLabel = "LOCK_ID")
  String lockId;

  @Option(names = "--force", description = "Don't ask for input for unlock confirmation.")
  boolean force;

  @Override
  int run() {
    try (CurrentBackend.Opened o = CurrentBackend.open(workdir())) {
      if (!force && !confirm("Do you really want to force-unlock?",
          "Terraform will remove the lock on the remote state.\n"
              + "This will allow local Terraform commands to modify this state, even though it\n"
              + "may still be in use. Only 'yes' will be accepted to confirm.")) {
        term.out().println("force-unlock cancelled.");
        return 1;
      }
      try {
        o.backend().forceUnlock(o.workspace(), lockId);
      } catch (StateException e) {
        return term.plainError("Failed to unlock state: " + e.getMessage() + "\n");
      }
    }
    term.out().println("Terraform state has been successfully unlocked!\n\n"
        + "The state has been unlocked, and Terraform commands should now be able to\n"
        + "obtain a new lock on the remote state.");
    return 0;
  }
}
