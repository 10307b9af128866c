package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capstan.engine.state.StateFile;
import io.capstan.graph.addrs.Provider;
import io.capstan.hcl.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider started ahead of need ({@link Providers#prestart}, what the CLI does while it reads
 * the state and loads the configuration) serves the first configuration of that provider: the
 * plan is the same as without it, and no more provider processes are started. The real aws
 * provider, offline, reports the region each instance was configured with.
 */
class ProviderPrestartTest {
    private static final Provider AWS = Provider.parseSource("hashicorp/aws");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "prestarted={0}")
    @ValueSource(booleans = {false, true})
    void thePrestartedInstanceServesTheFirstConfiguration(boolean prestart) throws Exception {
        AwsMirror.require();
        Files.writeString(dir.resolve("main.tf"), """
                provider "aws" {
                  region = "eu-west-1"
                %s}
                provider "aws" {
                  alias  = "east"
                  region = "us-east-1"
                %s}
                data "aws_region" "default" {}
                data "aws_region" "east" {
                  provider = aws.east
                }
                output "regions" {
                  value = [data.aws_region.default.name, data.aws_region.east.name]
                }
                """.formatted(AwsMirror.OFFLINE_CREDENTIALS, AwsMirror.OFFLINE_CREDENTIALS));
        try (Providers providers = AwsMirror.providers(dir)) {
            if (prestart) {
                providers.prestart(List.of(AWS));
            }
            Plan plan = new Engine(dir, providers).plan(StateFile.empty(), PlanOptions.defaults());
            assertEquals(List.of(), plan.diagnostics().asList());
            assertEquals(Value.tuple(List.of(Value.of("eu-west-1"), Value.of("us-east-1"))),
                    plan.outputs().get("regions"));
            // the schema for evaluating the provider blocks comes from the instance the first block then configures
            assertEquals(2, providers.launches(), "one process per configuration, the prestarted one included");
        }
    }

    @Test
    void anUnusedPrestartedProviderChangesNothing() throws Exception {
        AwsMirror.require();
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  input = "x"
                }
                """);
        Providers providers = AwsMirror.providers(dir);
        try (providers) {
            providers.prestart(List.of(AWS, Provider.BUILTIN_TERRAFORM, Provider.parseSource("example/missing")));
            Plan plan = new Engine(dir, providers).plan(StateFile.empty(), PlanOptions.defaults());
            assertEquals(List.of(), plan.diagnostics().asList());
            assertEquals(1, plan.changes().size());
        }
        // counted after close(), which waits for the prestart: the plan of one terraform_data can end
        // before the background thread has even begun to launch aws (seen on CI)
        assertEquals(1, providers.launches(), "only aws started; built-in and missing providers are left alone");
    }

    @Test
    void withTheSwitchOffNothingStartsAheadOfNeed() throws Exception {
        AwsMirror.require();
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "a" {
                  input = "x"
                }
                """);
        String before = System.getProperty(Providers.PRESTART_PROPERTY);
        System.setProperty(Providers.PRESTART_PROPERTY, "false");
        try (Providers providers = AwsMirror.providers(dir)) {
            providers.prestart(List.of(AWS));
            Plan plan = new Engine(dir, providers).plan(StateFile.empty(), PlanOptions.defaults());
            assertEquals(List.of(), plan.diagnostics().asList());
            assertEquals(1, plan.changes().size());
            assertEquals(0, providers.launches(), "-Dcapstan.provider.prestart=false: aws is not started");
        } finally {
            if (before == null) {
                System.clearProperty(Providers.PRESTART_PROPERTY);
            } else {
                System.setProperty(Providers.PRESTART_PROPERTY, before);
            }
        }
    }
}
