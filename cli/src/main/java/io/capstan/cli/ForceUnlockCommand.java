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
    if (!pluginsInstalled(LockErrorForm.UI)) {
      return 1;
    }
    try (CurrentBackend.Opened o = CurrentBackend.open(workdir())) {
      if (!force && o.backend().type().equals("local")) {
        // terraform's: a local lock can only be released by the process holding it, so it does not ask
        return uiError("Local state cannot be unlocked by another process");
      }
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
        return uiError("Failed to unlock state: " + e.getMessage());
      }
    }
    term.out().println((term.color() ? "\u001b[0m\u001b[1m\u001b[32m" : "") + "Terraform state has been successfully unlocked!"
        + (term.color() ? "\u001b[0m\u001b[32m" : "") + "\n\n"
        + "The state has been unlocked, and Terraform commands should now be able to\n"
        + "obtain a new lock on the remote state." + (term.color() ? "\u001b[0m" : ""));
    return 0;
  }

  /** terraform's Ui.Error: the text in its error colour (reset twice), on stderr. */
  private int uiError(String text) {
    return term.plainError(term.color() ? "\u001b[31m" + text + "\u001b[0m\u001b[0m\n" : text + "\n");
  }
}
