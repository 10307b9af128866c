package io.capstan.cli.engine;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.state.StateException;
import java.nio.file.Path;

/**
 * The error an apply reports when its changes were made but the backend refused or failed to
 * store the resulting state (the server restarted, the lock's session ended, the network went
 * away). Terraform writes {@code errored.tfstate} for this case; Capstan already has every
 * completed change in its journal, which the next run in this directory writes back to the
 * backend before planning, so the message names the backend, the journal and the command to
 * run instead of a stack trace.
 */
public final class StateSaveFailure {
  private StateSaveFailure() {}

  public static Diagnostic diagnostic(String backendType, StateException cause, Path journal, int changes) {
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    // one paragraph per thought, no manual breaks: the diagnostic renderer wraps to the terminal
    String detail = "Error saving state to the \"" + backendType + "\" backend: " + reason + "\n\n"
        + (changes == 1 ? "The change this apply made is not lost: it is"
            : "The " + changes + " changes this apply made are not lost: each is") + " recorded in " + journal + ". Once the \"" + backendType + "\" backend is reachable again, run "
        + "\"capstan apply\" in this directory: it first writes those changes to the state, then plans from there. "
        + "Keep that file until then.";
    return Diagnostic.error("Failed to save state", detail, null);
  }
}
