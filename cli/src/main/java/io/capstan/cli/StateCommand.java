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
    // as terraform's: its help on standard output, exit code 1
    var out = spec.commandLine().getOut();
    out.print(CommandHelp.text("state"));
    out.flush();
    return 1;
  }
}
