package io.capstan.provider.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.TerraformCli;
import io.capstan.provider.TestBinaries;
import io.capstan.provider.client.ClientCapabilities;
import io.capstan.provider.client.ConfigureProviderRequest;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.client.PlanResourceChangeRequest;
import io.capstan.provider.client.PlanResourceChangeResponse;
import io.capstan.provider.client.PluginProviderClient;
import io.capstan.provider.client.ValidateProviderConfigRequest;
import io.capstan.provider.client.ValidateResourceConfigRequest;
import io.capstan.provider.plugin.PluginLaunchSpec;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.ProviderSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codec against the real hashicorp/aws provider: configure it offline, validate and plan
 * {@code aws_vpc} and {@code aws_s3_bucket} through {@link PluginProviderClient} with values
 * encoded by {@link WireCodec}, and compare the decoded planned values (known parts and
 * which attributes are unknown) with what real Terraform plans for the same configuration.
 */
class AwsPlanGoldenTest {
    static final String ADDRESS = "registry.terraform.io/hashicorp/aws";
    static final WireCodec CODEC = WireCodec.INSTANCE;
    static PluginProviderClient client;
    static ProviderSchema schema;

    @BeforeAll
    static void startAndConfigure() {
        PluginLaunchSpec spec = PluginLaunchSpec.terraformProvider(ADDRESS, TestBinaries.requireAwsProvider());
        client = new PluginProviderClient(spec, Duration.ofMinutes(3));
        schema = client.getProviderSchema(GetProviderSchemaRequest.INSTANCE).schema();
        Block pb = schema.provider().block();
        Value config = ConfigValues.of(pb, Map.of(
                "region", Value.of("us-east-1"),
                "access_key", Value.of("dummy"),
                "secret_key", Value.of("dummy"),
                "skip_credentials_validation", Value.TRUE,
                "skip_requesting_account_id", Value.TRUE,
                "skip_metadata_api_check", Value.of("true"),
                "skip_region_validation", Value.TRUE));
        ObjectType pt = SchemaTypes.impliedType(pb);
        DynamicValue dv = CODEC.encode(config, pt);
        assertThat(client.validateProviderConfig(new ValidateProviderConfigRequest(dv)).diagnostics()).isEmpty();
        var configured = client.configureProvider(
                new ConfigureProviderRequest("1.11.4", dv, ClientCapabilities.CAPSTAN));
        assertThat(configured.diagnostics()).as("configure diagnostics").noneMatch(d -> d.isError());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void plansMatchTerraform(@TempDir Path dir) throws Exception {
        Map<String, Value> vpc = Map.of("cidr_block", Value.of("10.0.0.0/16"));
        Map<String, Value> bucket = Map.of("bucket", Value.of("capstan-test"));
        JsonNode ours = JsonNodeFactory.instance.objectNode()
                .setAll(Map.of("aws_vpc", plan("aws_vpc", vpc), "aws_s3_bucket", plan("aws_s3_bucket", bucket)));
        JsonNode theirs = terraformPlan(dir);
        System.out.println("aws plans through Capstan's codec: " + ours);
        assertThat(TerraformCli.firstDifference(theirs, TerraformCli.parse(ours.toString()), ""))
                .as("first difference from terraform's plan").isNull();
    }

    /** {"values": known planned values, "unknown": sorted paths of unknown values}. */
    private static ObjectNode plan(String typeName, Map<String, Value> attrs) {
        Block block = schema.resourceSchemas().get(typeName).block();
        ObjectType type = SchemaTypes.impliedType(block);
        Value config = ConfigValues.of(block, attrs);
        DynamicValue cfg = CODEC.encode(config, type);
        var validated = client.validateResourceConfig(
                new ValidateResourceConfigRequest(typeName, cfg, ClientCapabilities.CAPSTAN));
        assertThat(validated.diagnostics()).as(typeName + " validation").noneMatch(d -> d.isError());
        // On create, the proposed new state is the configuration (computed attributes null).
        PlanResourceChangeResponse planned = client.planResourceChange(new PlanResourceChangeRequest(typeName,
                CODEC.encode(Value.nullOf(type), type), cfg, cfg, null, null, ClientCapabilities.CAPSTAN, null));
        assertThat(planned.diagnostics()).as(typeName + " plan").noneMatch(d -> d.isError());
        Value v = CODEC.decode(planned.plannedState(), type);
        assertThat(v.type()).isEqualTo(type);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("values", PlanJson.knownParts(v));
        TreeSet<String> unknown = new TreeSet<>();
        PlanJson.unknownPaths(v, "", unknown);
        unknown.forEach(out.putArray("unknown")::add);
        return out;
    }

    private static JsonNode terraformPlan(Path dir) throws Exception {
        Path binary = TestBinaries.requireAwsProvider();
        Path versionDir = binary.getParent().getParent();
        Path mirror = versionDir.getParent().getParent().getParent().getParent();
        Files.writeString(dir.resolve("main.tf"), """
                terraform {
                  required_providers {
                    aws = { source = "hashicorp/aws", version = "%s" }
                  }
                }
                provider "aws" {
                  region                      = "us-east-1"
                  access_key                  = "dummy"
                  secret_key                  = "dummy"
                  skip_credentials_validation = true
                  skip_requesting_account_id  = true
                  skip_metadata_api_check     = true
                  skip_region_validation      = true
                }
                resource "aws_vpc" "v" {
                  cidr_block = "10.0.0.0/16"
                }
                resource "aws_s3_bucket" "b" {
                  bucket = "capstan-test"
                }
                """.formatted(versionDir.getFileName()));
        Path cli = dir.resolve("cli.tfrc");
        Files.writeString(cli, "provider_installation {\n  filesystem_mirror {\n    path = \"" + mirror + "\"\n  }\n}\n");
        TerraformCli.run(dir, cli, "init", "-input=false", "-no-color");
        TerraformCli.run(dir, cli, "plan", "-input=false", "-no-color", "-refresh=false", "-out", "p");
        JsonNode show = TerraformCli.parse(TerraformCli.run(dir, cli, "show", "-json", "p"));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Map<String, String> types = new TreeMap<>(Map.of("aws_vpc.v", "aws_vpc", "aws_s3_bucket.b", "aws_s3_bucket"));
        for (JsonNode r : show.path("planned_values").path("root_module").path("resources")) {
            ObjectNode one = out.putObject(types.get(r.path("address").asText()));
            one.set("values", r.path("values"));
        }
        for (JsonNode rc : show.path("resource_changes")) {
            ObjectNode one = (ObjectNode) out.get(types.get(rc.path("address").asText()));
            TreeSet<String> unknown = new TreeSet<>();
            PlanJson.truePaths(rc.path("change").path("after_unknown"), "", unknown);
            unknown.forEach(one.putArray("unknown")::add);
        }
        return out;
    }
}
