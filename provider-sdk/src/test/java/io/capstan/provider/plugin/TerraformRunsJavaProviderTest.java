package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.provider.TerraformCli;
import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.client.GetProviderSchemaResponse;
import io.capstan.provider.client.PluginProviderClient;
import io.capstan.provider.schema.ProviderSchemaJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The symmetry test: real Terraform launches {@link TestProviderMain} (a Java provider on
 * {@link PluginServer}) through a dev override, handshakes with it over go-plugin's
 * automatic mTLS and prints its schema; that output must equal what Capstan's client reads
 * from the same provider, rendered by {@link ProviderSchemaJson}.
 */
class TerraformRunsJavaProviderTest {

    @Test
    void terraformLoadsTheJavaProviderSchemaAndItMatchesCapstansRendering(@TempDir Path dir) throws Exception {
        Path overrides = Files.createDirectories(dir.resolve("providers"));
        Path launcher = overrides.resolve("terraform-provider-test");
        String cmd = JavaProviders.command().stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        Files.writeString(launcher, "#!/bin/sh\nexec " + cmd + "\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("main.tf"), """
                terraform {
                  required_providers {
                    test = {
                      source = "capstan/test"
                    }
                  }
                }
                """);
        Path cli = dir.resolve("cli.tfrc");
        Files.writeString(cli, """
                provider_installation {
                  dev_overrides {
                    "capstan/test" = "%s"
                  }
                  direct {}
                }
                """.formatted(overrides));
        JsonNode terraformSays = TerraformCli.parse(TerraformCli.run(dir, cli, "providers", "schema", "-json"));
        assertThat(terraformSays.at("/provider_schemas/registry.terraform.io~1capstan~1test/resource_schemas")
                .has("capstan_thing")).as("terraform read the Java provider's schema").isTrue();

        try (PluginProviderClient client = new PluginProviderClient(
                PluginLaunchSpec.terraformProvider("registry.terraform.io/capstan/test", launcher),
                Duration.ofSeconds(30))) {
            GetProviderSchemaResponse r = client.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
            assertThat(r.diagnostics()).isEmpty();
            JsonNode capstanSays = TerraformCli.parse(ProviderSchemaJson.toJsonString(
                    Map.of("registry.terraform.io/capstan/test", r.schema())));
            assertThat(TerraformCli.firstDifference(terraformSays, capstanSays, "")).as("first difference").isNull();
        }
    }
}
