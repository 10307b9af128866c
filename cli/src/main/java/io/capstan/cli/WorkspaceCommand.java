package io.capstan.cli;

import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code capstan workspace SUBCOMMAND}: workspaces of whichever backend the working directory uses. */
@Command(name = "workspace", description = "Workspace management",
    subcommands = {WorkspaceNewCommand.class, WorkspaceListCommand.class, WorkspaceSelectCommand.class,
        WorkspaceShowCommand.class, WorkspaceDeleteCommand.class})
public final class WorkspaceCommand implements Callable<Integer> {
  /** Terraform accepts names that URL path escaping leaves unchanged (no separators, no spaces). */
  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._~$&+:=@-]+");

  @Spec
  CommandSpec spec;

  static boolean validName(String name) {
    return VALID_NAME.matcher(name).matches();
  }

  static String invalidName(String name) {
    return "\nThe workspace name \"" + name + "\" is not allowed. The name must contain only URL safe\n"
        + "characters, and no path separators.\n\n";
  }

  static String doesNotExist(String name) {
    return "Workspace \"" + name + "\" doesn't exist.\n\n"
        + "You can create this workspace with the \"new\" subcommand \n"
        + "or include the \"-or-create\" flag with the \"select\" subcommand.\n";
  }

  /** terraform's message for a new workspace, in its colours (bold green, then green) unless {@code color} is off. */
  static String created(String name, boolean color) {
    return (color ? "\u001b[0m\u001b[32m\u001b[1m" : "") + "Created and switched to workspace \"" + name + "\"!"
        + (color ? "\u001b[0m\u001b[32m" : "") + "\n\n"
        + "You're now on a new, empty workspace. Workspaces isolate their state,\n"
        + "so if you run \"terraform plan\" Terraform will not see any existing state\n"
        + "for this configuration." + (color ? "\u001b[0m" : "") + "\n";
  }

  /** A one-line message in terraform's green ({@code [reset][green]...}) unless {@code color} is off. */
  static String green(String text, boolean color) {
    return color ? "\u001b[0m\u001b[32m" + text + "\u001b[0m" : text;
  }

  @Override
  public Integer call() {
    // as terraform's: its help on standard output, exit code 1
    var out = spec.commandLine().getOut();
    out.print(CommandHelp.text("workspace"));
    out.flush();
    return 1;
  }
}
