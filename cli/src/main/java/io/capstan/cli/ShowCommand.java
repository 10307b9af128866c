package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.cli.engine.HumanPlan;
import io.capstan.cli.engine.PlanFile;
import io.capstan.cli.state.HumanState;
import io.capstan.cli.state.StateAccess;
import io.capstan.engine.json.StateValuesJson;
import io.capstan.engine.state.GoJson;
import io.capstan.engine.state.StateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan show [PATH]}: the current state (or a state file given as PATH) in Terraform's
 * human form or, with {@code -json}, its values representation. A PATH that is not a state file is
 * a plan file, whose rendering belongs to the plan commands ({@link #showPlanFile}).
 */
@Command(name = "show", description = "Show the current state or a saved plan")
public final class ShowCommand extends StateCommandBase {
  @Parameters(arity = "0..1", paramLabel = "PATH")
  String path;

  @Option(names = "--json", description = "If specified, output the Terraform plan or state in a machine-readable form.")
  boolean json;

  @Override
  int run() {
    StateFile state;
    if (path != null) {
      Path file = workdir().resolve(path);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        return unreadable(file, e);
      }
      if (!isStateFile(bytes)) {
        return showPlanFile(file);
      }
      state = StateAccess.decode(bytes);
      // a state file starts no backend: the provider factories' own check of the lock file comes first
      io.capstan.hcl.diag.Diagnostic d = locks().factories();
      if (d != null) {
        return viewError(d);
      }
      Integer failed = schemasFailed(state);
      if (failed != null) {
        return failed;
      }
    } else {
      if (!pluginsInstalled(LockErrorForm.DIAGNOSTIC)) {
        return 1;
      }
      try (StateAccess access = openState("")) {
        state = access.read().orElse(null);
      }
      // with no state at all terraform loads no schemas
      Integer failed = state == null ? null : schemasFailed(state);
      if (failed != null) {
        return failed;
      }
    }
    if (json) {
      com.fasterxml.jackson.databind.node.ObjectNode doc = StateValuesJson.document(state, schemas());
      var checks = state == null ? java.util.List.<io.capstan.engine.plan.CheckResult>of()
          : io.capstan.engine.plan.CheckResult.fromState(state.checkResults());
      if (!checks.isEmpty()) {
        doc.set("checks", io.capstan.engine.plan.CheckResult.planJson(checks)); // as terraform's show -json of a state
      }
      term.out().println(GoJson.compact(doc));
    } else {
      term.out().print(HumanState.show(state, schemas()));
    }
    return 0;
  }

  /**
   * terraform's show as it loads the schemas of the state's providers and the working directory's configuration's
   * ({@code MaybeGetSchemas}): the configuration's errors (a module not installed...) stop it, and so does a
   * provider the lock file does not select ("Failed to load plugin schemas"); null when neither.
   */
  private Integer schemasFailed(StateFile state) {
    Path dir = workdir();
    io.capstan.hcl.diag.Result<io.capstan.graph.config.ModuleTree> config = io.capstan.graph.config.ConfigLoader.load(
        dir, io.capstan.cli.backend.BackendSettings.dataDir(dir));
    if (config.hasErrors()) {
      io.capstan.hcl.diag.Diagnostics errors = new io.capstan.hcl.diag.Diagnostics();
      for (io.capstan.hcl.diag.Diagnostic d : config.diagnostics()) {
        if (d.isError()) {
          errors.add(d);
        }
      }
      term.err().print(new io.capstan.hcl.diag.DiagnosticRenderer(new ConfigSources(config.value(), dir),
          term.color(), 78).renderAll(errors));
      term.err().flush();
      return 1;
    }
    io.capstan.hcl.diag.Diagnostic d = locks().schemas(config.value(), WorkdirLocks.providers(state));
    return d == null ? null : viewError(d);
  }

  /**
   * terraform's show of a saved plan as it loads the schemas of the plan's configuration and prior state's
   * providers with the working directory's plugins: the provider factories' check of the lock file, then each
   * provider the lock file does not select; null when both pass.
   */
  private Integer planSchemasFailed(PlanFile.ShownProviders providers) {
    io.capstan.hcl.diag.Diagnostic d = locks().factories();
    if (d == null) {
      io.capstan.graph.config.ModuleTree tree = null;
      if (providers.config() != null) {
        io.capstan.hcl.diag.Result<io.capstan.graph.config.ModuleTree> loaded =
            io.capstan.graph.config.ConfigLoader.load(workdir(), providers.config());
        tree = loaded.hasErrors() ? null : loaded.value();
      }
      d = locks().schemas(tree, WorkdirLocks.providers(providers.priorState()));
    }
    return d == null ? null : viewError(d);
  }

  /** A plan file saved by {@code plan -out}: the human plan, or with {@code -json} Terraform's JSON plan. */
  int showPlanFile(Path file) {
    if (json) {
      PlanFile.ForShowJson shown = PlanFile.forShowJson(file);
      if (shown == null) {
        return notAPlan(file);
      }
      Integer failed = planSchemasFailed(shown.providers());
      if (failed != null) {
        return failed;
      }
      term.out().println(GoJson.compact(shown.plan()));
    } else {
      // read in one streaming pass and rendered one change at a time, as a plan made in the run is
      PlanFile.ForShow shown = PlanFile.forShow(file);
      if (shown == null) {
        return notAPlan(file);
      }
      try (shown) {
        Integer failed = planSchemasFailed(shown.providers());
        if (failed != null) {
          return failed;
        }
        HumanPlan.render(shown.plan(), shown.changes(),
            shown.schemas() == null ? new ObjectMapper().createObjectNode() : shown.schemas(), shown.mode(),
            term.color(), term.out());
      }
    }
    term.out().flush();
    return 0;
  }

  /**
   * terraform's error for a PATH it cannot read: its state reader's and its plan readers' (local, then
   * cloud) Go errors, naming the path as given. A directory opens but fails to read ("is a directory"),
   * which terraform's state reader wraps in its own words.
   */
  private int unreadable(Path file, IOException e) {
    String planError;
    String stateError;
    if (Files.isDirectory(file)) {
      planError = "read " + path + ": is a directory";
      stateError = "Error reading " + path + " as a statefile: Failed to read state file: The state file could not "
          + "be read: " + planError;
    } else {
      planError = "open " + path + ": " + goReason(e);
      stateError = "Error loading statefile: " + planError;
    }
    // a view's diagnostic, as terraform's show prints it (no line after the box, coloured or not)
    return viewError(io.capstan.hcl.diag.Diagnostic.error("Failed to read the given file as a state or plan file",
        "State read error: " + stateError + "\n\nPlan read error: couldn't load the provided path as either a local "
            + "plan file (" + planError + ") or a saved cloud plan (" + planError + ")", null));
  }

  /** The system's reason for a failed open as Go words it ("no such file or directory", "not a directory"...). */
  private static String goReason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    String reason = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : e.getMessage();
    if (reason == null || reason.isEmpty()) {
      return "no such file or directory";
    }
    return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
  }

  private int notAPlan(Path file) {
    return term.error("Failed to read the given file as a state or plan file",
        "State read error: " + file.getFileName() + " is not a state file.\n\n"
            + "Plan read error: " + file.getFileName() + " is not a Capstan saved plan.");
  }

  static boolean isStateFile(byte[] bytes) {
    try {
      JsonNode n = new ObjectMapper().readTree(bytes);
      return n != null && n.isObject() && n.has("version") && n.has("lineage");
    } catch (IOException e) {
      return false;
    }
  }
}
