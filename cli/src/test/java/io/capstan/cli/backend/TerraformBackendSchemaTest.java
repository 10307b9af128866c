package io.capstan.cli.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.graph.config.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terraform's backend hash and cached {@code config}, against what terraform 1.11.4's
 * {@code init} wrote into {@code .terraform/terraform.tfstate} for the same blocks (the expected
 * numbers were taken from those files; HashInteropDifferentialTest runs terraform itself).
 */
class TerraformBackendSchemaTest {
  @TempDir
  Path dir;

  private Backend block(String type, String body) throws IOException {
    Files.writeString(dir.resolve("main.tf"), "terraform {\n  backend \"" + type + "\" {\n" + body + "  }\n}\n");
    return CurrentBackend.rootBackendBlock(dir).orElseThrow();
  }

  @Test
  void localBlockHashesAsTerraformDoes() throws IOException {
    Backend b = block("local", "    path = \"x.tfstate\"\n");
    assertThat(TerraformBackendSchema.hash(b.type(), b.config())).isEqualTo(2326359980L);
  }

  @Test
  void httpBlockWithANumberHashesAsTerraformDoes() throws IOException {
    Backend b = block("http", "    address   = \"http://127.0.0.1:9/state\"\n    retry_max = 3\n");
    assertThat(TerraformBackendSchema.hash(b.type(), b.config())).isEqualTo(2495228298L);
  }

  @Test
  void aValueOfAnotherTypeIsConvertedAndAnUnknownArgumentIgnored() throws IOException {
    // retry_max = "3" converts to the number 3, as hcldec converts it; "bogus" is not in the schema
    Backend b = block("http", "    address   = \"http://127.0.0.1:9/state\"\n    retry_max = \"3\"\n    bogus = 1\n");
    assertThat(TerraformBackendSchema.hash(b.type(), b.config())).isEqualTo(2495228298L);
  }

  @Test
  void theHashCoversTheBlockOnly() throws IOException {
    Backend empty = block("local", "");
    Backend path = block("local", "    path = \"x.tfstate\"\n");
    assertThat(TerraformBackendSchema.hash("local", empty.config()))
        .isNotEqualTo(TerraformBackendSchema.hash("local", path.config()));
  }

  @Test
  void configIsEveryAttributeTypedInNameOrderWithNulls() {
    String http = TerraformBackendSchema.of("http").orElseThrow()
        .config(Map.of("address", "http://127.0.0.1:9/state", "retry_max", "3")).toString();
    assertThat(http).isEqualTo("{\"address\":\"http://127.0.0.1:9/state\",\"client_ca_certificate_pem\":null,"
        + "\"client_certificate_pem\":null,\"client_private_key_pem\":null,\"lock_address\":null,\"lock_method\":null,"
        + "\"password\":null,\"retry_max\":3,\"retry_wait_max\":null,\"retry_wait_min\":null,"
        + "\"skip_cert_verification\":null,\"unlock_address\":null,\"unlock_method\":null,\"update_method\":null,"
        + "\"username\":null}");
    String s3 = TerraformBackendSchema.of("s3").orElseThrow()
        .config(Map.of("endpoints.s3", "http://h", "use_lockfile", "true", "allowed_account_ids", "[\"2\",\"1\"]"))
        .toString();
    assertThat(s3).contains("\"allowed_account_ids\":[\"1\",\"2\"]", "\"assume_role\":null",
        "\"endpoints\":{\"dynamodb\":null,\"iam\":null,\"s3\":\"http://h\",\"sso\":null,\"sts\":null}",
        "\"use_lockfile\":true");
  }

  @Test
  void aBackendTerraformDoesNotHaveKeepsCapstansHash() throws IOException {
    Backend b = block("etcd", "    endpoints = \"http://e\"\n");
    assertThat(TerraformBackendSchema.of("etcd")).isEmpty();
    assertThat(TerraformBackendSchema.hash("etcd", b.config()))
        .isEqualTo(BackendSettings.hash("etcd", Map.of("endpoints", "http://e")));
  }
}
