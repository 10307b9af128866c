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
        return term.error("Failed to read the given file as a state or plan file",
            "State read error: Error loading statefile: open " + path + ": no such file or directory\n\n"
                + "Plan read error: couldn't load the provided path");
      }
      if (!isStateFile(bytes)) {
        return showPlanFile(file);
      }
      state = StateAccess.decode(bytes);
    } else {
      if (!pluginsInstalled(LockErrorForm.DIAGNOSTIC)) {
        return 1;
      }
      try (StateAccess access = openState("")) {
        state = access.read().orElse(null);
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

  /** A plan file saved by {@code plan -out}: the human plan, or with {@code -json} Terraform's JSON plan. */
  int showPlanFile(Path file) {
    if (json) {
      JsonNode plan = PlanFile.planJson(file);
      if (plan == null) {
        return notAPlan(file);
      }
      term.out().println(GoJson.compact(plan));
    } else {
      // read in one streaming pass and rendered one change at a time, as a plan made in the run is
      PlanFile.ForShow shown = PlanFile.forShow(file);
      if (shown == null) {
        return notAPlan(file);
      }
      try (shown) {
        HumanPlan.render(shown.plan(), shown.changes(),
            shown.schemas() == null ? new ObjectMapper().createObjectNode() : shown.schemas(), shown.mode(),
            term.color(), term.out());
      }
    }
    term.out().flush();
    return 0;
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
