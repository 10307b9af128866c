package io.capstan.cli;

import io.capstan.cli.backend.LockOptions;
import io.capstan.cli.state.StateAccess;
import io.capstan.cli.state.StateAddress;
import io.capstan.cli.state.StateEdits;
import io.capstan.cli.state.StateTargets;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.diag.Result;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The one body of {@code taint} and {@code untaint}: parse the address, find the instance under
 * the state lock ({@code -allow-missing} turns a missing one into terraform's warning), change its
 * status, and print terraform's confirmation. Subclasses say only what differs: which addresses
 * they refuse, what they check and set on the instance, and the confirmation's words.
 */
abstract class InstanceTaintCommand extends StateCommandBase {
  @Parameters(index = "0", paramLabel = "ADDRESS")
  String address;

  @Option(names = "--allow-missing", description = "If specified, the command will succeed (exit code 0) even if the resource is missing.")
  boolean allowMissing;

  @Option(names = "--state", defaultValue = "", description = "Path to the state file to update.")
  String statePath;

  @Mixin
  LockOptions lock;

  /** An error exit code for an address this command refuses before reading state (its words printed), or -1. */
  abstract int refuse(StateAddress addr);

  /** Refuses the change to the instance found by throwing a {@link Refused}; by default accepts it. */
  void check(StateAddress addr, InstanceState found) {
  }

  /** The instance with its new status. */
  abstract InstanceState mark(InstanceState instance);

  /** The end of "Resource instance ADDR has been ...": terraform's words for this command. */
  abstract String done();

  /**
   * In terraform 1.11's order: the address (its parser's diagnostics, as {@code state rm}'s, and a module
   * refused), what the subcommand refuses, then the state under its lock. Every message names the address
   * as terraform prints it ({@code resource.x.y} as {@code x.y}, {@code x.y[ "k" ]} as {@code x.y["k"]}).
   */
  @Override
  final int run() {
    Result<StateAddress> parsed = StateTargets.parseInstance(address);
    if (parsed.hasErrors()) {
      return showDiagnostics(parsed.diagnostics());
    }
    StateAddress addr = parsed.value();
    String shown = addr.toString();
    int refused = refuse(addr);
    if (refused >= 0) {
      return refused;
    }
    boolean[] missing = new boolean[1];
    if (!pluginsInstalled(LockErrorForm.UI)) {
      return 1;
    }
    try (StateAccess access = openState(statePath)) {
      access.update(lock, current -> {
        StateFile s = current.orElse(null);
        // as terraform's: an empty state (no resource, no root output: its State.Empty) is worded apart
        boolean empty = s == null || (s.resources().isEmpty() && s.outputs().isEmpty());
        InstanceState i = empty ? null : StateEdits.find(s, addr);
        if (i == null && !empty && deposedOnly(s, addr)) {
          // the instance is there, with no current object: -allow-missing does not cover it
          throw new Refused("No such resource instance", "Resource instance " + shown + " is currently part-way through a create_before_destroy "
              + "replacement action. Run \"terraform apply\" to complete its replacement before tainting it.");
        }
        if (i == null) {
          missing[0] = true;
          if (allowMissing) {
            return s;
          }
          throw new Refused("No such resource instance", empty
              ? "The state currently contains no resource instances whatsoever. This may occur if the "
                  + "configuration has never been applied or if it has recently been destroyed."
              : "There is no resource instance in the state with the address " + shown + ". If the resource "
                  + "configuration has just been added, you must run \"terraform apply\" once to create the "
                  + "corresponding instance(s) before they can be tainted.");
        }
        check(addr, i);
        return StateEdits.editInstance(s, addr, this::mark);
      });
    } catch (Refused e) {
      // through terraform's older commands' coloured UI (its showDiagnostics), as taint and untaint print it
      return term.uiError(e.summary, e.getMessage());
    }
    if (missing[0]) {
      term.warning("No such resource instance", "Resource instance " + shown + " was not found, but this is not an "
          + "error because -allow-missing was set.");
      term.out().println(); // terraform ends this warning with a blank line
      return 0;
    }
    term.out().println("Resource instance " + shown + " has been " + done() + ".");
    return 0;
  }

  /** Whether the state holds only deposed objects at the address (no current one). */
  private static boolean deposedOnly(StateFile s, StateAddress addr) {
    for (ResourceState r : s.resources()) {
      if (addr.sameResource(r)) {
        for (InstanceState i : r.instances()) {
          if (i.deposed() != null && addr.sameKey(i)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * The instance is missing or cannot be changed, found while the state is locked: terraform's diagnostic
   * summary, and its detail as the message.
   */
  static final class Refused extends RuntimeException {
    final String summary;

    Refused(String summary, String detail) {
      super(detail, null, false, false);
      this.summary = summary;
    }
  }
}
