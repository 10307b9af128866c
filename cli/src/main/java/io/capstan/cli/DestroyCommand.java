package io.capstan.cli;

import io.capstan.engine.plan.PlanMode;
import picocli.CommandLine.Command;

/** {@code capstan destroy}: {@code apply -destroy}, with Terraform's destroy wording. */
@Command(name = "destroy", description = "Destroy previously-created infrastructure")
public final class DestroyCommand extends ApplyCommand {
    @Override
    PlanMode mode() {
        return PlanMode.DESTROY;
    }
}
