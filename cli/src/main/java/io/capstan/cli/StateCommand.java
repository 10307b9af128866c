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

          Reads and edits the state directly, for the cases plan and apply do not
          cover: renaming or forgetting resources, moving them between states,
          changing their provider. The subcommands that change the state keep a
          backup of it first; Capstan also keeps past versions (history, rollback).

        Subcommands:
            history             List the kept versions of the state (Capstan)
            list                Print the resource instances in the state
            mv                  Rename or move resources in the state
            pull                Print the state as JSON
            push                Replace the state with a local state file
            replace-provider    Change the provider of resources
            rm                  Forget resources without destroying them
            rollback            Restore a kept version of the state (Capstan)
            show                Print the attributes of one instance
        """);
    err.flush();
    return 1;
  }
}
