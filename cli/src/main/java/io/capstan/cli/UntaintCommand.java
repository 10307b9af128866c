package io.capstan.cli;

import io.capstan.cli.state.StateAddress;
import io.capstan.engine.state.InstanceState;
import picocli.CommandLine.Command;

/** {@code capstan untaint ADDRESS}: clears the tainted mark of a resource instance. */
@Command(name = "untaint", description = "Remove the 'tainted' state from a resource instance")
public final class UntaintCommand extends InstanceTaintCommand {
  @Override
  int refuse(StateAddress addr) {
    return -1;
  }

  @Override
  void check(StateAddress addr, InstanceState found) {
    if (!found.tainted()) {
      throw new Refused("Resource instance is not tainted",
          "Resource instance " + addr + " is not currently tainted, and so it cannot be untainted.");
    }
  }

  @Override
  InstanceState mark(InstanceState instance) {
    return instance.withStatus(null);
  }

  @Override
  String done() {
    return "successfully untainted";
  }
}
