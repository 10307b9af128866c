package io.capstan.cli;

import io.capstan.cli.state.StateAddress;
import io.capstan.engine.state.InstanceState;
import picocli.CommandLine.Command;

/**
 * {@code capstan taint ADDRESS}: marks a managed resource instance as tainted so the next plan
 * replaces it; {@code -allow-missing} turns a missing instance into a warning.
 */
@Command(name = "taint", description = "Mark a resource instance as not fully functional")
public final class TaintCommand extends InstanceTaintCommand {
  @Override
  int refuse(StateAddress addr) {
    if (!"managed".equals(addr.mode())) {
      // terraform's Ui.Error line (red when coloured), not a diagnostic
      return term.plainError(term.color() ? "\u001b[31mResource instance " + addr + " cannot be tainted\u001b[0m\u001b[0m\n"
          : "Resource instance " + addr + " cannot be tainted\n");
    }
    return -1;
  }

  @Override
  InstanceState mark(InstanceState instance) {
    return instance.withStatus("tainted");
  }

  @Override
  String done() {
    return "marked as tainted";
  }
}
