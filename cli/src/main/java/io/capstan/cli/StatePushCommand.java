package io.capstan.cli;

import io.capstan.cli.backend.BackendException;
import io.capstan.cli.backend.LockOptions;
import io.capstan.cli.backend.StateLocks;
import io.capstan.cli.state.StateAccess;
import io.capstan.engine.state.StateFile;
import io.capstan.engine.state.StateCodec;
import io.capstan.state.WriteCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan state push PATH}: replaces the workspace's state by a local file (or stdin for
 * {@code -}), refusing, like Terraform, a state of another lineage or an older serial unless
 * {@code -force}.
 */
@Command(name = "push", description = "Update remote state from a local state file")
public final class StatePushCommand extends StateCommandBase {
  @Parameters(index = "0", paramLabel = "PATH")
  String path;

  @Option(names = "--force", description = "Write the state even if lineages don't match or the remote serial is higher.")
  boolean force;

  @Mixin
  LockOptions lock;

  @Override
  int run() {
    byte[] bytes;
    try {
      bytes = path.equals("-") ? Main.input().readAllBytes() : Files.readAllBytes(workdir().resolve(path));
    } catch (IOException e) {
      return term.plainError("Error reading source state \"" + path + "\": " + e.getMessage() + "\n");
    }
    StateFile incoming;
    try {
      incoming = StateAccess.decode(bytes);
    } catch (BackendException e) {
      return term.plainError("Error reading source state \"" + path + "\": " + e.detail() + "\n");
    }
    if (!pluginsInstalled(LockErrorForm.UI)) {
      return 1;
    }
    try (StateAccess access = openState("")) {
      String problem = StateLocks.withLock(access.backend(), access.workspace(), StateLocks.STATE_OPERATION, lock,
          () -> {
            Optional<StateFile> current = access.read();
            if (!force && current.isPresent() && !current.get().isEmpty()) {
              StateFile c = current.get();
              if (!c.lineage().equals(incoming.lineage())) {
                return "cannot import state with lineage \"" + incoming.lineage()
                    + "\" over unrelated state with lineage \"" + c.lineage() + "\"";
              }
              if (incoming.serial() < c.serial()) {
                return "cannot import state with serial " + incoming.serial() + " over newer state with serial "
                    + c.serial();
              }
            }
            byte[] out = bytes;
            if (!access.backend().type().equals("local") && current.isPresent()) {
              // terraform's remote state manager: a snapshot equal to the stored one (lineage, serial,
              // content) is not written; any other is written one serial after the pushed one, so that
              // a pushed errored.tfstate (the serial the failed save tried) supersedes the stored state
              StateFile c = current.get();
              if (c.lineage().equals(incoming.lineage()) && c.serial() != 0 && c.serial() == incoming.serial()
                  && java.util.Arrays.equals(StateCodec.write(c), StateCodec.write(incoming))) {
                return null;
              }
              out = StateCodec.write(incoming.withSerial(incoming.serial() + 1));
            }
            access.write(out, WriteCondition.unconditional());
            return null;
          });
      if (problem != null) {
        return term.plainError("Failed to write state: " + problem + "\n");
      }
    }
    return 0;
  }
}
