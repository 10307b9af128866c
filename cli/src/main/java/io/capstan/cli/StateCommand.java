package io.capstan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code capstan state SUBCOMMAND}: Terraform's advanced state management, plus history and rollback. */
@Command(name = "state", description = "Advanced state management",
    subcommands = {StateListCommand.class, StateShowCommand.class, StateMvCommand.class, StateRmCommand.class,
        StatePullCommand.class, StatePushCommand.class, StateReplaceProviderCommand.class,
        StateHistoryCommand.class, StateRollbackCommand.class})
public final class StateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    err.print("""
        Usage: capstan [global options] state <subcommand> [options] [args]

          This command has subcommands for advanced state management.

          These subcommands can be used to slice and dice the Terraform state.
          This is sometimes necessary in advanced cases. For your safety, all
          state management commands that modify the state create a timestamped
          backup of the state prior to making modifications.

        Subcommands:
            history             List the kept versions of the state (Capstan)
            list                List resources in the state
            mv                  Move an item in the state
            pull                Pull current state and output to stdout
            push                Update remote state from a local state file
            replace-provider    Replace provider in the state
            rm                  Remove instances from the state
            rollback            Restore a kept version of the state (Capstan)
            show                Show a resource in the state
        """);
    err.flush();
    return 1;
  }
}
