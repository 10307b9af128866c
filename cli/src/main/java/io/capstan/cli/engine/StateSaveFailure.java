package io.capstan.cli.engine;

import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.state.StateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The error an apply reports when its changes were made but the backend refused or failed to
 * store the resulting state (the server restarted, the lock's session ended, the network went
 * away). As terraform, Capstan writes the state it could not save to {@code errored.tfstate} in
 * the working directory and says so in terraform's words, so that {@code state push
 * errored.tfstate} (terraform's or Capstan's) stores it once the backend is back. Capstan also
 * has every completed change in its journal, which the next run in this directory writes back to
 * the backend before planning; a warning names it.
 */
public final class StateSaveFailure {
  private StateSaveFailure() {}

  /** Terraform's file name, relative to the working directory. */
  public static final String ERRORED_STATE = "errored.tfstate";

  /** terraform's text for "Failed to persist state to backend" once errored.tfstate is written. */
  static final String BACKED_UP = "The error shown above has prevented Terraform from writing the updated state to "
      + "the configured backend. To allow for recovery, the state has been written to the file \"errored.tfstate\" "
      + "in the current working directory.\n\nRunning \"terraform apply\" again at this point will create a forked "
      + "state, making it harder to recover.\n\nTo retry writing this state, use the following command:\n"
      + "    terraform state push errored.tfstate\n";

  /**
   * terraform's {@code backupStateForError}: writes {@code unsaved} (the snapshot the backend
   * refused: the applied state, its lineage, the serial after the stored one) to {@code errored.tfstate} in {@code workdir} and returns
   * terraform's two errors, followed by a warning naming Capstan's journal.
   */
  public static List<Diagnostic> diagnostics(String backendType, StateException cause, Path workdir, Path journal,
      int changes, StateFile unsaved) {
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    Diagnostic failed = Diagnostic.error("Failed to save state", "Error saving state: " + reason, null);
    try {
      Files.write(workdir.resolve(ERRORED_STATE), StateCodec.write(unsaved));
    } catch (IOException | RuntimeException e) {
      return List.of(failed, Diagnostic.error("Failed to create local state file",
          "Error creating local state file for recovery: " + e.getMessage(), null),
          diagnostic(backendType, cause, journal, changes));
    }
    return List.of(failed, Diagnostic.error("Failed to persist state to backend", BACKED_UP, null),
        Diagnostic.warning("Changes kept in the journal", (changes == 1 ? "The change this apply made is"
            : "The " + changes + " changes this apply made are") + " also recorded in " + journal + ". Instead of "
            + "pushing errored.tfstate, running \"capstan apply\" in this directory once the \"" + backendType
            + "\" backend is reachable again first writes them to the state, then plans from there.", null));
  }

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
