package io.capstan.cli;

import io.capstan.cli.backend.BackendException;
import io.capstan.cli.backend.LockOptions;
import io.capstan.cli.state.StateAccess;
import io.capstan.cli.state.StateAddress;
import io.capstan.cli.state.StateEdits;
import io.capstan.engine.state.StateFile;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan taint ADDRESS}: marks a managed resource instance as tainted so the next plan
 * replaces it; {@code -allow-missing} turns a missing instance into a warning.
 */
@Command(name = "taint", description = "Mark a resource instance as not fully functional")
public final class TaintCommand extends StateCommandBase {
  @Parameters(index = "0", paramLabel = "ADDRESS")
  String address;

  @Option(names = "--allow-missing", description = "If specified, the command will succeed (exit code 0) even if the resource is missing.")
  boolean allowMissing;

  @Option(names = "--state", defaultValue = "", description = "Path to the state file to update.")
  String statePath;

  @Mixin
  LockOptions lock;

  @Override
  int run() {
    Optional<StateAddress> addr = StateAddress.parse(address);
    if (addr.isEmpty() || addr.get().isModule()) {
      return term.error("Invalid address", "Error parsing resource instance address: " + address);
    }
    if ("data".equals(addr.get().mode())) {
      return term.error("Invalid resource address",
          "Resource instance " + address + " is a data resource and cannot be tainted.");
    }
    boolean[] missing = new boolean[1];
    try (StateAccess access = openState(statePath)) {
      access.update(lock, current -> {
        StateFile s = current.orElse(null);
        if (s == null || StateEdits.find(s, addr.get()) == null) {
          missing[0] = true;
          if (allowMissing) {
            return s;
          }
          throw new BackendException("No such resource instance",
              "There is no resource instance in the state with the address " + address + ". If the resource "
                  + "configuration has just been added, you must run \"terraform apply\" once to create the "
                  + "corresponding instance(s) before they can be tainted.");
        }
        return StateEdits.editInstance(s, addr.get(), i -> i.withStatus("tainted"));
      });
    }
    if (missing[0]) {
      term.warning("No such resource instance", "Resource instance " + address + " was not found, but this is not an "
          + "error because -allow-missing was set.");
      term.out().println(); // terraform ends this warning with a blank line
      return 0;
    }
    term.out().println("Resource instance " + address + " has been marked as tainted.");
    return 0;
  }
}
