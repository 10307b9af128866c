package io.capstan.cli;

import io.capstan.cli.state.StateAccess;
import io.capstan.cli.state.StateAddress;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateFile;
import io.capstan.engine.state.StateOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan state list [ADDRESS...]}: every current instance address in state order,
 * optionally only those under the given module, resource or instance addresses, or with the
 * given {@code -id}.
 */
@Command(name = "list", description = "List resources in the state")
public final class StateListCommand extends StateCommandBase {
  @Parameters(arity = "0..*", paramLabel = "ADDRESS")
  List<String> addresses = new ArrayList<>();

  @Option(names = "--state", defaultValue = "", description = "Path to a Terraform state file to use to look up Terraform-managed resources.")
  String statePath;

  @Option(names = "--id", defaultValue = "", description = "Filters the results to include only instances whose resource types have an attribute named \"id\" whose value equals the given id string.")
  String id;

  @Override
  int run() {
    Optional<StateFile> state;
    if (!pluginsInstalled(LockErrorForm.UI)) {
      return 1;
    }
    try (StateAccess access = openState(statePath)) {
      state = access.read();
    }
    if (state.isEmpty()) {
      return noStateFile();
    }
    List<StateAddress> filters = new ArrayList<>();
    for (String a : addresses) {
      Optional<StateAddress> parsed = StateAddress.parse(a);
      if (parsed.isEmpty()) {
        return term.error("Error parsing instance address: " + a,
            "This command requires that the address references one specific instance. To view the available "
                + "instances, use \"terraform state list\". Please modify the address to reference a specific instance.");
      }
      filters.add(parsed.get());
    }
    List<String> lines = new ArrayList<>();
    boolean[] matched = new boolean[filters.size()];
    for (ResourceState r : StateOrder.sorted(state.get().resources())) {
      for (InstanceState i : r.instances()) {
        if (i.deposed() != null) {
          continue;
        }
        boolean keep = filters.isEmpty();
        for (int k = 0; k < filters.size(); k++) {
          if (filters.get(k).selects(r, i)) {
            matched[k] = true;
            keep = true;
          }
        }
        if (keep && (id.isEmpty() || id.equals(i.attributes().path("id").asText(null)))) {
          lines.add(r.address() + i.keySuffix());
        }
      }
    }
    for (int k = 0; k < filters.size(); k++) {
      if (!matched[k] && !filters.get(k).isModule()) {
        return term.uiError("Unknown resource",
            "The current state contains no resource " + filters.get(k).resourceAddress() + ". If you've just added "
                + "this resource to the configuration, you must run \"terraform apply\" first to create the "
                + "resource's entry in the state.");
      }
    }
    lines.forEach(term.out()::println);
    return 0;
  }
}
