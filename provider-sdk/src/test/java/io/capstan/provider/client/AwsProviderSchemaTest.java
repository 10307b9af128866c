package io.capstan.provider.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.provider.TerraformCli;
import io.capstan.provider.TestBinaries;
import io.capstan.provider.plugin.PluginLaunchSpec;
import io.capstan.provider.plugin.PluginProcess;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.NestingMode;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.ProviderSchemaJson;
import io.capstan.provider.schema.Schema;
import io.capstan.provider.schema.TypeExpr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Talks to the real hashicorp/aws provider (a Go binary speaking protocol 5 over a unix
 * socket with automatic mTLS) through {@link PluginProviderClient}, fetches its complete
 * schema and checks what a user of {@code aws_vpc} would rely on.
 */
class AwsProviderSchemaTest {
    static final String ADDRESS = "registry.terraform.io/hashicorp/aws";
    static PluginProviderClient client;
    static GetProviderSchemaResponse response;
    static long totalMillis;

    @BeforeAll
    static void loadSchema() {
        PluginLaunchSpec spec = PluginLaunchSpec.terraformProvider(ADDRESS, TestBinaries.requireAwsProvider());
        client = new PluginProviderClient(spec, Duration.ofMinutes(2));
        long t0 = System.nanoTime();
        // The first call starts the process: this is the time a user waits for the schema.
        response = client.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
        totalMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("aws provider: start + handshake + GetSchema + decode took %d ms%n", totalMillis);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            PluginProcess p = client.process();
            client.close();
            assertThat(p == null || !p.isAlive()).as("provider process stopped").isTrue();
        }
    }

    @Test
    void schemaLoadsWithoutDiagnosticsOverProtocol5WithMtls() {
        assertThat(response.diagnostics()).isEmpty();
        assertThat(client.process().protocolVersion()).isEqualTo(5);
        assertThat(client.process().handshake().network()).isEqualTo("unix");
        assertThat(client.process().handshake().serverCertDer()).as("automatic mTLS in use").isNotNull();
    }

    @Test
    void schemaHasTheAwsResourceTypesAndDataSources() {
        ProviderSchema s = response.schema();
        System.out.printf("aws provider: %d resource types, %d data sources, %d ephemeral resources, %d functions%n",
                s.resourceSchemas().size(), s.dataSourceSchemas().size(), s.ephemeralResourceSchemas().size(),
                s.functions().size());
        assertThat(s.resourceSchemas()).hasSizeGreaterThan(1000).containsKeys("aws_vpc", "aws_instance", "aws_s3_bucket");
        assertThat(s.dataSourceSchemas()).hasSizeGreaterThan(500).containsKeys("aws_vpc", "aws_ami");
        assertThat(s.functions()).containsKey("arn_parse");
        assertThat(s.provider().block().attributes()).containsKey("region");
    }

    @Test
    void awsVpcAttributesHaveTheRightTypesAndFlags() {
        Schema vpc = response.schema().resourceSchemas().get("aws_vpc");
        assertThat(vpc.version()).isEqualTo(1);
        Attribute cidr = vpc.block().attributes().get("cidr_block");
        assertThat(cidr.type()).isEqualTo(TypeExpr.STRING);
        assertThat(cidr.optional()).isTrue();
        assertThat(cidr.required()).isFalse();
        Attribute id = vpc.block().attributes().get("id");
        assertThat(id.computed()).isTrue();
        Attribute arn = vpc.block().attributes().get("arn");
        assertThat(arn.computed()).isTrue();
        assertThat(arn.optional()).isFalse();
        assertThat(vpc.block().attributes().get("tags").type())
                .isEqualTo(new TypeExpr.Collection("map", TypeExpr.STRING));
    }

    @Test
    void nestedBlocksKeepTheirNestingModeAndLimits() {
        Schema instance = response.schema().resourceSchemas().get("aws_instance");
        var rootDevice = instance.block().blockTypes().get("root_block_device");
        assertThat(rootDevice.nesting()).isEqualTo(NestingMode.LIST);
        assertThat(rootDevice.maxItems()).isEqualTo(1);
        assertThat(rootDevice.block().attributes().get("volume_size").type()).isEqualTo(TypeExpr.NUMBER);
        Schema sg = response.schema().resourceSchemas().get("aws_security_group");
        assertThat(sg.block().attributes().get("ingress").type().friendlyName()).isEqualTo("set of object");
    }

    /**
     * Renders the schema with {@link ProviderSchemaJson} and compares it, as a JSON tree, with
     * what {@code terraform providers schema -json} prints for the same provider binary
     * (installed offline from the filesystem mirror the binary lives in).
     */
    @Test
    void rendersExactlyWhatTerraformProvidersSchemaJsonPrints(@TempDir Path dir) throws Exception {
        Path binary = TestBinaries.requireAwsProvider();
        // <mirror>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/<binary>
        Path versionDir = binary.getParent().getParent();
        Path mirror = versionDir.getParent().getParent().getParent().getParent();
        Files.writeString(dir.resolve("main.tf"), """
                terraform {
                  required_providers {
                    aws = {
                      source  = "hashicorp/aws"
                      version = "%s"
                    }
                  }
                }
                """.formatted(versionDir.getFileName()));
        Path cli = dir.resolve("cli.tfrc");
        Files.writeString(cli, "provider_installation {\n  filesystem_mirror {\n    path = \"" + mirror
                + "\"\n  }\n}\n");
        TerraformCli.run(dir, cli, "init", "-input=false", "-no-color");
        JsonNode expected = TerraformCli.parse(TerraformCli.run(dir, cli, "providers", "schema", "-json"));
        JsonNode actual = TerraformCli.parse(ProviderSchemaJson.toJsonString(Map.of(ADDRESS, response.schema())));
        assertThat(TerraformCli.firstDifference(expected, actual, "")).as("first difference").isNull();
    }

    @Test
    void providerFunctionsAreDecoded() {
        var arnParse = response.schema().functions().get("arn_parse");
        assertThat(arnParse.parameters()).extracting(p -> p.name()).containsExactly("arn");
        assertThat(arnParse.returnType()).isInstanceOf(TypeExpr.ObjectType.class);
        assertThat(((TypeExpr.ObjectType) arnParse.returnType()).attributes()).containsKeys("partition", "region");
    }
}
