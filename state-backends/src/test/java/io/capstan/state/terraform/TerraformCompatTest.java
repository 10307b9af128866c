package io.capstan.state.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.Backends;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.StateMeta;
import io.capstan.state.WriteCondition;
import io.capstan.state.servers.PostgresServer;
import io.capstan.state.servers.S3ProxyServer;
import io.capstan.state.servers.Tmp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real {@code terraform} (built-in {@code terraform_data} only, offline) and Capstan's
 * backends on one state: Terraform applies, Capstan reads exactly that state, Capstan writes a
 * new version that Terraform lists and plans as unchanged, and each tool's lock stops the other.
 * Terraform is optional on a machine (see the README): without it this test is skipped with the
 * reason printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformCompatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private PostgresServer pg;
  private S3ProxyServer s3;
  private Path root;

  @BeforeAll
  void start() throws Exception {
    if (!Terraform.installed()) {
      System.out.println("TerraformCompatTest skipped: terraform is not on PATH");
    }
    Assumptions.assumeTrue(Terraform.installed(), "terraform is not on PATH");
    pg = PostgresServer.start();
    s3 = S3ProxyServer.start();
    root = Files.createTempDirectory("capstan-tfcompat");
  }

  @AfterAll
  void stop() {
    if (pg != null) {
      pg.close();
    }
    if (s3 != null) {
      s3.close();
    }
    Tmp.delete(root);
  }

  private Map<String, String> capstanArgs(String type) {
    Map<String, String> m = new LinkedHashMap<>();
    if (type.equals("pg")) {
      m.put("conn_str", pg.connStr());
    } else {
      m.put("bucket", S3ProxyServer.BUCKET);
      m.put("key", "compat/terraform.tfstate");
      m.put("region", "us-east-1");
      m.put("endpoints.s3", s3.endpoint());
      m.put("use_path_style", "true");
      m.put("use_lockfile", "true");
      m.put("access_key", S3ProxyServer.ACCESS_KEY);
      m.put("secret_key", S3ProxyServer.SECRET_KEY);
      m.put("skip_credentials_validation", "true");
      m.put("skip_requesting_account_id", "true");
      m.put("skip_metadata_api_check", "true");
      m.put("skip_region_validation", "true");
      m.put("skip_s3_checksum", "true");
    }
    return m;
  }

  private String backendBlock(String type) {
    if (type.equals("pg")) {
      return "  backend \"pg\" {\n    conn_str = \"" + pg.connStr() + "\"\n  }\n";
    }
    return """
          backend "s3" {
            bucket                      = "%s"
            key                         = "compat/terraform.tfstate"
            region                      = "us-east-1"
            endpoints                   = { s3 = "%s" }
            use_path_style              = true
            use_lockfile                = true
            access_key                  = "%s"
            secret_key                  = "%s"
            skip_credentials_validation = true
            skip_requesting_account_id  = true
            skip_metadata_api_check     = true
            skip_region_validation      = true
            skip_s3_checksum            = true
          }
        """.formatted(S3ProxyServer.BUCKET, s3.endpoint(), S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
  }

  private void writeConfig(Path dir, String type, String... names) throws Exception {
    StringBuilder tf = new StringBuilder("terraform {\n" + backendBlock(type) + "}\n");
    for (String n : names) {
      tf.append("resource \"terraform_data\" \"").append(n).append("\" {\n  input = \"one\"\n}\n");
    }
    Files.writeString(dir.resolve("main.tf"), tf.toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pg", "s3"})
  void terraformAndCapstanShareOneState(String type) throws Exception {
    Path dir = Files.createDirectories(root.resolve(type));
    Terraform tf = new Terraform(dir, Map.of());
    writeConfig(dir, type, "a", "b");
    tf.ok("init", "-input=false", "-no-color");
    tf.ok("apply", "-auto-approve", "-input=false", "-no-color");

    try (Backend capstan = Backends.open(new BackendConfig(type, capstanArgs(type), Map.of()))) {
      // Capstan reads exactly what Terraform wrote
      byte[] state = capstan.read("default").orElseThrow();
      ObjectNode doc = (ObjectNode) JSON.readTree(state);
      StateMeta meta = StateMeta.of(state);
      assertThat(meta.resources()).isEqualTo(2);
      assertThat(meta.lineage()).isNotEmpty();
      String pulled = tf.ok("state", "pull").output();
      ObjectNode tfView = (ObjectNode) JSON.readTree(pulled);
      assertThat(meta.serial()).isEqualTo(tfView.path("serial").asLong());
      assertThat(meta.lineage()).isEqualTo(tfView.path("lineage").asText());

      // Capstan writes the next version: one more object, as an apply of resource "c" would
      ObjectNode c = ((ObjectNode) doc.path("resources").get(0)).deepCopy();
      c.put("name", "c");
      ((ObjectNode) c.path("instances").get(0).path("attributes")).put("id", "capstan-made-id");
      ((ArrayNode) doc.withArray("resources")).add(c);
      doc.put("serial", meta.serial() + 1);
      String id = capstan.lock("default", LockInfo.forThisProcess("OperationTypeApply", "0.1.0"), Duration.ofSeconds(10));
      capstan.write("default", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc), WriteCondition.basedOn(meta));

      // ... while Capstan holds the lock, Terraform cannot take it
      Terraform.Result locked = tf.run("plan", "-lock-timeout=0s", "-input=false", "-no-color");
      assertThat(locked.exit()).isEqualTo(1);
      assertThat(locked.output()).contains("Error acquiring the state lock");
      capstan.unlock("default", id);

      // Terraform sees Capstan's version and, with "c" in the configuration, plans no changes
      assertThat(tf.ok("state", "list").output()).contains("terraform_data.a", "terraform_data.b", "terraform_data.c");
      writeConfig(dir, type, "a", "b", "c");
      Terraform.Result plan = tf.run("plan", "-detailed-exitcode", "-input=false", "-no-color");
      assertThat(plan.exit()).as(plan.output()).isZero();
      assertThat(plan.output()).contains("No changes.");
      assertThat(JSON.readTree(tf.ok("state", "pull").output()).path("serial").asLong()).isEqualTo(meta.serial() + 1);

      // While Terraform holds the lock (apply waiting for its approval), Capstan cannot take it
      Process apply = tf.builder("apply", "-input=true", "-no-color", "-var-file=/dev/null").start();
      try {
        writeConfig(dir, type, "a", "b", "c", "d");
        waitForPrompt(apply);
        LockHeldException held = org.junit.jupiter.api.Assertions.assertThrows(LockHeldException.class,
            () -> capstan.lock("default", LockInfo.forThisProcess("OperationTypePlan", "0.1.0"), Duration.ZERO));
        assertThat(held.getMessage()).isNotBlank();
      } finally {
        apply.getOutputStream().write("no\n".getBytes(StandardCharsets.UTF_8));
        apply.getOutputStream().close();
        apply.waitFor(60, TimeUnit.SECONDS);
        apply.destroyForcibly();
      }
      String after = capstan.lock("default", LockInfo.forThisProcess("OperationTypePlan", "0.1.0"), Duration.ofSeconds(20));
      capstan.unlock("default", after);
    }
  }

  private static void waitForPrompt(Process p) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    int ch;
    while ((ch = r.read()) != -1) {
      seen.append((char) ch);
      if (seen.toString().contains("Enter a value:")) {
        return;
      }
    }
    throw new AssertionError("terraform apply did not ask for approval:\n" + seen);
  }
}
