package io.capstan.state.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendConfigException;
import io.capstan.state.BackendWarning;
import io.capstan.state.WriteCondition;
import io.capstan.state.servers.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * terraform 1.11.4's deprecated s3 arguments {@code shared_credentials_file}, {@code iam_endpoint}
 * and {@code sts_endpoint}: taken, with its "Deprecated Parameter" warnings in its order, refused
 * beside their replacements as terraform refuses them; the credentials file (and its plural
 * {@code shared_credentials_files}) gives the profile's keys, checked against s3proxy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3DeprecatedArgumentsTest {
  private S3ProxyServer s3;

  @TempDir
  Path tmp;

  @BeforeAll
  void startS3() {
    s3 = S3ProxyServer.start();
  }

  @AfterAll
  void stopS3() {
    s3.close();
  }

  /** The server's arguments without keys: the credentials come from {@code more}. */
  private Map<String, String> args(Map<String, String> more) {
    Map<String, String> args = new HashMap<>(S3BackendTest.args(s3));
    args.remove("access_key");
    args.remove("secret_key");
    args.put("key", "creds/terraform.tfstate");
    args.put("skip_requesting_account_id", "true");
    args.putAll(more);
    return args;
  }

  private Path credentials() throws Exception {
    Path file = tmp.resolve("credentials");
    Files.writeString(file, "[default]\naws_access_key_id = wrong\naws_secret_access_key = wrong\n\n[team]\n"
        + "aws_access_key_id = " + S3ProxyServer.ACCESS_KEY + "\naws_secret_access_key = " + S3ProxyServer.SECRET_KEY
        + "\n");
    return file;
  }

  private static void roundTrip(Map<String, String> args) {
    try (Backend b = new S3Backend(new BackendConfig("s3", args, Map.of()))) {
      byte[] state = "{\"version\":4,\"serial\":1,\"lineage\":\"l\",\"outputs\":{},\"resources\":[]}"
          .getBytes(StandardCharsets.UTF_8);
      b.write("default", state, WriteCondition.unconditional());
      assertThat(b.read("default")).isPresent().get().isEqualTo(state);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void sharedCredentialsFileGivesTheProfilesKeys() throws Exception {
    String file = credentials().toString();
    roundTrip(args(Map.of("shared_credentials_file", file, "profile", "team")));
    roundTrip(args(Map.of("shared_credentials_files", "[\"" + file + "\"]", "profile", "team")));
    // the default profile's keys are wrong: s3proxy refuses them
    assertThatThrownBy(() -> roundTrip(args(Map.of("shared_credentials_file", file))))
        .hasRootCauseInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
    assertThatThrownBy(() -> new S3Backend(new BackendConfig("s3", args(Map.of("shared_credentials_file",
        tmp.resolve("absent").toString())), Map.of())))
        .isInstanceOf(BackendConfigException.class).hasMessageContaining("absent");
  }

  @Test
  void iamAndStsEndpointsAreTakenAndChangeNothing() throws Exception {
    // Capstan calls neither IAM nor STS: unreachable endpoints do not matter
    String file = credentials().toString();
    roundTrip(args(Map.of("shared_credentials_file", file, "profile", "team", "iam_endpoint", "http://127.0.0.1:9",
        "sts_endpoint", "http://127.0.0.1:9")));
    roundTrip(args(Map.of("shared_credentials_file", file, "profile", "team", "endpoints.iam", "http://127.0.0.1:9",
        "endpoints.sts", "http://127.0.0.1:9")));
  }

  @Test
  void warningsInTerraformsOrder() {
    BackendConfig c = new BackendConfig("s3", args(Map.of("shared_credentials_file", "f", "iam_endpoint", "http://i",
        "sts_endpoint", "http://s", "dynamodb_table", "t", "force_path_style", "true")), Map.of());
    List<String> details = S3Backend.warnings(c, false).stream().map(BackendWarning::detail).toList();
    assertThat(details).containsExactly(
        "The parameter \"shared_credentials_file\" is deprecated. Use parameter \"shared_credentials_files\" instead.",
        "The parameter \"dynamodb_table\" is deprecated. Use parameter \"use_lockfile\" instead.",
        "The parameter \"iam_endpoint\" is deprecated. Use parameter \"endpoints.iam\" instead.",
        "The parameter \"sts_endpoint\" is deprecated. Use parameter \"endpoints.sts\" instead.",
        "The parameter \"force_path_style\" is deprecated. Use parameter \"use_path_style\" instead.");
    assertThat(S3Backend.warnings(c, false)).allSatisfy(w -> assertThat(w.summary()).isEqualTo("Deprecated Parameter"));
  }

  @Test
  void deprecatedArgumentsBesideTheirReplacementsAreRefused() {
    assertThatThrownBy(() -> new S3Backend(new BackendConfig("s3", args(Map.of("shared_credentials_file", "a",
        "shared_credentials_files", "[\"b\"]")), Map.of())))
        .isInstanceOfSatisfying(BackendConfigException.class,
            e -> assertThat(e.argument()).isEqualTo("shared_credentials_file"))
        .hasMessageContaining("Only one of shared_credentials_file, shared_credentials_files can be set.");
    for (String name : List.of("iam", "sts")) {
      assertThatThrownBy(() -> new S3Backend(new BackendConfig("s3", args(Map.of(name + "_endpoint", "http://a",
          "endpoints." + name, "http://b")), Map.of())))
          .isInstanceOf(BackendConfigException.class)
          .hasMessageContaining("The parameters \"" + name + "_endpoint\" and \"endpoints." + name
              + "\" cannot be configured together.");
    }
  }
}
