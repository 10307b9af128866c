package io.capstan.cli;

import io.capstan.cli.backend.BackendException;
import io.capstan.cli.state.StateAccess;
import io.capstan.cli.state.Terminal;
import io.capstan.engine.json.ResourceSchemas;
import io.capstan.state.BackendConfigException;
import io.capstan.state.StateException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every state-reading command shares: the working directory (hidden {@code -chdir} until the
 * global flag exists), {@code -no-color}, the streams, and turning backend and state failures into
 * Terraform's diagnostics with exit code 1 instead of stack traces.
 */
abstract class StateCommandBase implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--chdir", hidden = true, defaultValue = "")
  String chdir;

  @Option(names = "--no-color", description = "If specified, output won't contain any color.")
  boolean noColor;

  Terminal term;

  @Override
  public final Integer call() {
    term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), !noColor);
    try {
      return run();
    } catch (BackendException e) {
      return term.error(e);
    } catch (BackendConfigException e) {
      return term.error("Invalid backend configuration", e.getMessage());
    } catch (StateException e) {
      return term.error("Error accessing the state", e.getMessage());
    } finally {
      term.out().flush();
      term.err().flush();
    }
  }

  abstract int run();

  Path workdir() {
    if (chdir.isEmpty() && Main.chdir != null) {
      return Main.chdir;
    }
    return Main.workingDirectory().resolve(chdir).normalize();
  }

  /** How a command prints the error of its backend's start-up: see {@link #pluginsInstalled}. */
  enum LockErrorForm {
    /** a diagnostic through the command's view (output, show) */
    DIAGNOSTIC,
    /** a diagnostic in the older commands' coloured UI ({@link Terminal#uiError}) */
    UI,
    /** "Error loading the state: ..." flattened, then where the state comes from (state mv, rm, replace-provider) */
    LOADING_STATE
  }

  /**
   * terraform's check as its backend starts for any command (its provider factories, made for the
   * backend's context options): the lock file must parse, and each provider it selects must be installed
   * as selected ({@link io.capstan.cli.engine.DependencyLocks#installed}). False, with the error printed
   * in the command's {@code form}, when not; every command but {@code workspace show} and {@code version}
   * makes it before it opens the state.
   */
  boolean pluginsInstalled(LockErrorForm form) {
    io.capstan.hcl.diag.Diagnostic d = locks().installed();
    if (d == null) {
      return true;
    }
    switch (form) {
      case UI -> term.uiError(d.summary(), d.detail());
      case LOADING_STATE -> term.plainError((term.color() ? "\u001b[31m" : "") + "Error loading the state: "
          + d.summary() + (d.detail().isEmpty() ? "" : ": " + d.detail()) + "\n\nPlease ensure that your Terraform "
          + "state exists and that you've\nconfigured it properly. You can use the \"-state\" flag to point\n"
          + "Terraform at another state file." + (term.color() ? "\u001b[0m\u001b[0m" : "") + "\n");
      default -> viewError(d);
    }
    return false;
  }

  /** A sourceless error through the command's view (output, show, state show's local run), without the UI's line after it; 1. */
  int viewError(io.capstan.hcl.diag.Diagnostic d) {
    term.err().print(new io.capstan.hcl.diag.DiagnosticRenderer(io.capstan.hcl.body.File.sources(java.util.List.of()),
        term.color(), 78).render(d));
    term.err().flush();
    return 1;
  }

  private WorkdirLocks locks;

  /** The working directory's lock file, parsed once for the command ({@link WorkdirLocks}). */
  WorkdirLocks locks() {
    if (locks == null) {
      locks = WorkdirLocks.of(workdir());
    }
    return locks;
  }

  StateAccess openState(String statePath) {
    return StateAccess.open(workdir(), statePath);
  }

  static ResourceSchemas schemas() {
    return ResourceSchemas.builtin();
  }

  /**
   * Asks a yes/no question as Terraform does ({@code Enter a value:}); true only for "yes".
   * Reads standard input, so tests and scripts can answer through it.
   */
  boolean confirm(String question, String description) {
    term.out().print(question + "\n" + description.indent(2) + "\n  Enter a value: ");
    term.out().flush();
    try {
      String line = new java.io.BufferedReader(new java.io.InputStreamReader(Main.input(),
          java.nio.charset.StandardCharsets.UTF_8)).readLine();
      term.out().println();
      return line != null && line.trim().equals("yes");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Terraform's message when a state command finds no state at all. */
  /**
   * Diagnostics as terraform's older commands show them ({@code Meta.showDiagnostics}: sorted, each through
   * the coloured UI's error line), with no source to quote (an address typed on the command line); exit code 1.
   */
  int showDiagnostics(io.capstan.hcl.diag.Diagnostics diags) {
    GraphCommand.showDiagnostics(new io.capstan.hcl.diag.DiagnosticRenderer(
        io.capstan.hcl.body.File.sources(java.util.List.of()), term.color(),
        io.capstan.hcl.diag.DiagnosticRenderer.DEFAULT_WIDTH), diags, term.err(), term.color());
    return 1;
  }

  int noStateFile() {
    return term.plainError((term.color() ? "\u001b[31m" : "") + "No state file was found!\n\n"
        + "State management commands require a state file. Run this command\n"
        + "in a directory where Terraform has been run or use the -state flag\n"
        + "to point the command to a specific state location." + (term.color() ? "\u001b[0m\u001b[0m" : "") + "\n");
  }
}
