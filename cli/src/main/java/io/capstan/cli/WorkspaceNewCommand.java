package io.capstan.cli;

import io.capstan.cli.backend.CurrentBackend;
import io.capstan.cli.backend.LockOptions;
import io.capstan.cli.backend.StateLocks;
import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import io.capstan.state.Backend;
import io.capstan.state.WriteCondition;
import io.capstan.state.local.LocalBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan workspace new NAME}: creates a workspace and selects it; {@code -state=PATH}
 * seeds it with a copy of an existing state file. The local backend only creates the
 * workspace's folder (as Terraform); other backends store an empty state, which is what makes a
 * workspace exist there.
 */
@Command(name = "new", description = "Create a new workspace")
public final class WorkspaceNewCommand extends StateCommandBase {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--state", defaultValue = "", description = "Copy an existing state file into the new workspace.")
  String statePath;

  @Mixin
  LockOptions lock;

  @Override
  int run() {
    if (!WorkspaceCommand.validName(name)) {
      return term.plainError(WorkspaceCommand.invalidName(name));
    }
    byte[] seed = null;
    if (!statePath.isEmpty()) {
      try {
        seed = Files.readAllBytes(workdir().resolve(statePath));
      } catch (IOException e) {
        return term.plainError("Error reading state file \"" + statePath + "\": " + e.getMessage() + "\n");
      }
    }
    if (!pluginsInstalled(LockErrorForm.UI)) {
      return 1;
    }
    try (CurrentBackend.Opened o = CurrentBackend.open(workdir())) {
      if (o.backend().workspaces().contains(name)) {
        return term.plainError("Workspace \"" + name + "\" already exists\n");
      }
      byte[] s = seed;
      StateLocks.withLock(o.backend(), name, StateLocks.STATE_OPERATION, lock, () -> create(o.backend(), name, s));
    }
    CurrentBackend.selectWorkspace(workdir(), name);
    term.out().print(WorkspaceCommand.created(name, term.color()));
    return 0;
  }

  /** Makes {@code name} exist in {@code backend}, with {@code seed} as its state when given. */
  static void create(Backend backend, String name, byte[] seed) {
    if (seed != null) {
      backend.write(name, seed, WriteCondition.unconditional());
    } else if (backend instanceof LocalBackend local) {
      try {
        Files.createDirectories(local.statePath(name).getParent());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      backend.write(name, StateCodec.write(StateFile.empty()), WriteCondition.basedOn(io.capstan.state.StateMeta.NONE));
    }
  }
}
