package io.capstan.cli;

import io.capstan.cli.backend.BackendException;
import io.capstan.cli.backend.LockOptions;
import io.capstan.cli.state.StateAccess;
import io.capstan.engine.json.StateValuesJson;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateFile;
import io.capstan.engine.state.StateOrder;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan state replace-provider FROM TO}: points every resource of provider FROM at
 * provider TO (e.g. after a fork moved namespaces), showing the change and asking first unless
 * {@code -auto-approve}.
 */
@Command(name = "replace-provider", description = "Replace provider in the state")
public final class StateReplaceProviderCommand extends StateCommandBase {
  @Parameters(index = "0", paramLabel = "FROM_PROVIDER_FQN")
  String from;

  @Parameters(index = "1", paramLabel = "TO_PROVIDER_FQN")
  String to;

  @Option(names = "--auto-approve", description = "Skip interactive approval.")
  boolean autoApprove;

  @Option(names = "--state", defaultValue = "", description = "Path to the state file to update.")
  String statePath;

  @Mixin
  LockOptions lock;

  /** {@code hashicorp/aws} means {@code registry.terraform.io/hashicorp/aws}, as in Terraform. */
  static String fqn(String p) {
    String[] parts = p.split("/");
    return parts.length == 2 ? "registry.terraform.io/" + p : p;
  }

  @Override
  int run() {
    for (String p : List.of(from, to)) {
      int n = p.split("/", -1).length;
      if (n < 2 || n > 3 || p.contains("//")) {
        return term.error("Invalid \"" + (p.equals(from) ? "from" : "to") + "\" provider \"" + p + "\"",
            "A provider source address must have the form [HOSTNAME/]NAMESPACE/TYPE.");
      }
    }
    String fromFqn = fqn(from);
    String toFqn = fqn(to);
    boolean[] cancelled = new boolean[1];
    List<String> changed = new ArrayList<>();
    if (!pluginsInstalled(LockErrorForm.LOADING_STATE)) {
      return 1;
    }
    try (StateAccess access = openState(statePath)) {
      access.update(lock, true, current -> {
        StateFile state = current.orElseThrow(() -> new BackendException("No state", "There is no state to update."));
        List<ResourceState> rs = new ArrayList<>();
        for (ResourceState r : StateOrder.sorted(state.resources())) {
          if (StateValuesJson.providerSource(r.provider()).equals(fromFqn)) {
            changed.add(r.address());
            rs.add(new ResourceState(r.module(), r.mode(), r.type(), r.name(),
                r.provider().replace("[\"" + fromFqn + "\"]", "[\"" + toFqn + "\"]"), r.instances()));
          } else {
            rs.add(r);
          }
        }
        if (changed.isEmpty()) {
          return state;
        }
        term.out().println("Capstan will perform the following actions:\n");
        term.out().println("  ~ Updating provider:");
        term.out().println("    - " + fromFqn);
        term.out().println("    + " + toFqn + "\n");
        term.out().println("Changing " + changed.size() + " resources:\n");
        changed.forEach(a -> term.out().println("  " + a));
        term.out().println();
        if (!autoApprove && !confirm("Do you want to make these changes?",
            "Only 'yes' will be accepted to continue.")) {
          cancelled[0] = true;
          return state;
        }
        return state.withContent(state.outputs(), rs);
      });
    }
    if (changed.isEmpty()) {
      term.out().println("No matching resources found.");
      return 0;
    }
    if (cancelled[0]) {
      return term.error("Cancelled replacing providers", "");
    }
    term.out().println("Successfully replaced provider for " + changed.size() + " resources.");
    return 0;
  }
}
