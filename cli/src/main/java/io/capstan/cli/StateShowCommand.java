package io.capstan.cli;

import io.capstan.cli.state.HumanState;
import io.capstan.cli.state.StateAccess;
import io.capstan.cli.state.StateAddress;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateFile;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan state show ADDRESS}: one resource instance's attributes, as {@code terraform state show}. */
@Command(name = "show", description = "Show a resource in the state")
public final class StateShowCommand extends StateCommandBase {
  @Parameters(index = "0", paramLabel = "ADDRESS")
  String address;

  @Option(names = "--state", defaultValue = "", description = "Path to a Terraform state file to use to look up Terraform-managed resources.")
  String statePath;

  @Override
  int run() {
    Optional<StateAddress> addr = StateAddress.parse(address);
    if (addr.isEmpty() || addr.get().isModule()) {
      return term.error("Error parsing instance address: " + address,
          "This command requires that the address references one specific instance. To view the available "
              + "instances, use \"terraform state list\". Please modify the address to reference a specific instance.");
    }
    Optional<StateFile> state;
    if (!pluginsInstalled(LockErrorForm.UI)) {
      return 1;
    }
    // as terraform's state show, whose local run loads the configuration (for the providers' schemas) and
    // checks the lock file against it; the configuration's own errors are not this command's to report
    io.capstan.hcl.diag.Result<io.capstan.graph.config.ModuleTree> config = io.capstan.graph.config.ConfigLoader.load(
        workdir(), io.capstan.cli.backend.BackendSettings.dataDir(workdir()));
    io.capstan.hcl.diag.Diagnostic inconsistent = config.hasErrors() || config.value() == null ? null
        : locks().inconsistency(config.value());
    if (inconsistent != null) {
      return viewError(inconsistent);
    }
    try (StateAccess access = openState(statePath)) {
      state = access.read();
    }
    if (state.isEmpty()) {
      return noStateFile();
    }
    for (ResourceState r : state.get().resources()) {
      if (!addr.get().sameResource(r)) {
        continue;
      }
      for (InstanceState i : r.instances()) {
        if (i.deposed() == null && addr.get().sameKey(i)) {
          term.out().print(HumanState.instance(r, i, schemas()));
          return 0;
        }
      }
    }
    return term.plainError("No instance found for the given address!\n\n"
        + "This command requires that the address references one specific instance.\n"
        + "To view the available instances, use \"terraform state list\". Please modify \n"
        + "the address to reference a specific instance.\n");
  }
}
