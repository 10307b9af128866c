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
    if ("data".equals(addr.mode())) {
      return term.error("Invalid resource address",
          "Resource instance " + address + " is a data resource and cannot be tainted.");
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
