package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capstan.hcl.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provider} blocks are evaluated (variables, locals, aliases, a module's {@code providers}
 * map) and sent in ConfigureProvider: the real aws provider, offline, reports the region it was
 * configured with through its {@code aws_region} data source, and refuses to work without one.
 */
class ProviderConfigTest {
    @TempDir
    Path dir;

    @Test
    void providerBlocksConfigureTheirInstances() throws Exception {
        AwsMirror.require();
        Files.writeString(dir.resolve("main.tf"), """
                variable "region" {
                  default = "eu-west-1"
                }
                locals {
                  east = "us-east-1"
                }
                provider "aws" {
                  region = var.region
                %s}
                provider "aws" {
                  alias  = "east"
                  region = local.east
                %s}
                data "aws_region" "default" {}
                data "aws_region" "east" {
                  provider = aws.east
                }
                module "child" {
                  source    = "./child"
                  providers = { aws = aws.east }
                }
                module "inherit" {
                  source = "./child"
                }
                output "regions" {
                  value = [data.aws_region.default.name, data.aws_region.east.name, module.child.region,
                           module.inherit.region]
                }
                """.formatted(AwsMirror.OFFLINE_CREDENTIALS, AwsMirror.OFFLINE_CREDENTIALS));
        Files.createDirectories(dir.resolve("child"));
        Files.writeString(dir.resolve("child/main.tf"), """
                data "aws_region" "here" {}
                output "region" {
                  value = data.aws_region.here.name
                }
                """);
        LocalModules.install(dir);
        try (Providers providers = AwsMirror.providers(dir)) {
            Plan plan = new Engine(dir, providers).plan(io.capstan.engine.state.StateFile.empty(),
                    PlanOptions.defaults());
            assertEquals(List.of(), plan.diagnostics().asList());
            assertEquals(Value.tuple(List.of(Value.of("eu-west-1"), Value.of("us-east-1"), Value.of("us-east-1"),
                    Value.of("eu-west-1"))), plan.outputs().get("regions"));
        }
    }

    @Test
    void anUnconfiguredProviderGetsItsArgumentsUnsetAndSaysSo() throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                data "aws_region" "default" {}
                """);
        try (Providers providers = AwsMirror.providers(dir)) {
            Plan plan = new Engine(dir, providers).plan(io.capstan.engine.state.StateFile.empty(),
                    PlanOptions.defaults());
            assertTrue(plan.diagnostics().hasErrors(), "aws needs a region: " + plan.diagnostics().asList());
        }
    }
}
