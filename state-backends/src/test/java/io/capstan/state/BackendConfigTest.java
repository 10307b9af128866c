package io.capstan.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BackendConfigTest {

  static Stream<Arguments> badConfigurations() {
    return Stream.of(
        Arguments.of("pg without conn_str", "pg", Map.of(), "conn_str",
            "requires the argument \"conn_str\" (or the environment variable PG_CONN_STR)"),
        Arguments.of("pg with a bad schema", "pg", Map.of("conn_str", "postgres://x@127.0.0.1:1/db",
            "schema_name", "a;drop"), "schema_name", "not a plain SQL identifier"),
        Arguments.of("s3 without bucket", "s3", Map.of("key", "k", "region", "r"), "bucket", "\"bucket\""),
        Arguments.of("s3 with an unknown argument", "s3", Map.of("bucket", "b", "key", "k", "region", "r",
            "dynamodb_tables", "t"), "dynamodb_tables", "An argument named \"dynamodb_tables\" is not expected here"),
        Arguments.of("s3 with both DynamoDB endpoints", "s3", Map.of("bucket", "b", "key", "k", "region", "r",
            "dynamodb_table", "t", "dynamodb_endpoint", "http://127.0.0.1:1", "endpoints.dynamodb", "http://127.0.0.1:1"),
            "dynamodb_endpoint", "cannot be configured together"),
        Arguments.of("s3 use_lockfile not a bool", "s3", Map.of("bucket", "b", "key", "k", "region", "r",
            "use_lockfile", "yes please"), "use_lockfile", "is not a bool"),
        Arguments.of("http with a bad address", "http", Map.of("address", "ftp://x"), "address",
            "must be an http:// or https:// URL"),
        Arguments.of("etcd without endpoints", "etcd", Map.of(), "endpoints", "\"endpoints\""),
        Arguments.of("etcd with a short ttl", "etcd", Map.of("endpoints", "127.0.0.1:1", "lock_ttl", "1"), "lock_ttl",
            "at least 2 seconds"),
        Arguments.of("unknown type", "consul", Map.of(), "backend", "Unsupported backend type \"consul\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigurations")
  void errorsNameTheArgument(String name, String type, Map<String, String> args, String argument, String message) {
    assertThatThrownBy(() -> Backends.open(new BackendConfig(type, args, Map.of())))
        .isInstanceOfSatisfying(BackendConfigException.class, e -> assertThat(e.argument()).isEqualTo(argument))
        .hasMessageContaining(message);
  }

  @Test
  void environmentVariablesFillMissingArguments() {
    BackendConfig c = new BackendConfig("pg", Map.of(), Map.of("PG_CONN_STR", "postgres://u@h/db"));
    assertThat(c.required("conn_str", "PG_CONN_STR")).isEqualTo("postgres://u@h/db");
    assertThat(new BackendConfig("pg", Map.of("conn_str", "arg"), Map.of("PG_CONN_STR", "env"))
        .required("conn_str", "PG_CONN_STR")).isEqualTo("arg");
  }

  @Test
  void durationsAreGoStyle() {
    assertThat(BackendConfig.parseDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(BackendConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(BackendConfig.parseDuration("0")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> BackendConfig.parseDuration("soon")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void capstanSettingsAreNotBackendArguments() {
    BackendConfig c = new BackendConfig("local", Map.of("capstan.history_limit", "3", "path", "x.tfstate"), Map.of());
    c.checkKnown(java.util.Set.of("path"));
    assertThat(c.historyLimit()).isEqualTo(3);
    assertThat(new BackendConfig("local", Map.of(), Map.of("CAPSTAN_STATE_HISTORY_LIMIT", "7")).historyLimit())
        .isEqualTo(7);
    assertThat(c.optional("workspace_dir")).isEqualTo(Optional.empty());
  }

  @Test
  void listArgumentsAcceptAnHclListOrSeparatedText() {
    BackendConfig fromBlock = new BackendConfig("etcd", Map.of("endpoints", "[\"127.0.0.1:2379\", \"http://127.0.0.2:2379\"]"),
        Map.of());
    assertThat(fromBlock.list("endpoints")).containsExactly("127.0.0.1:2379", "http://127.0.0.2:2379");
    BackendConfig fromEnv = new BackendConfig("etcd", Map.of(), Map.of("ETCDV3_ENDPOINTS", "a:1, b:2 c:3"));
    assertThat(fromEnv.list("endpoints", "ETCDV3_ENDPOINTS")).containsExactly("a:1", "b:2", "c:3");
    assertThat(fromEnv.list("absent")).isEmpty();
    assertThatThrownBy(() -> new BackendConfig("etcd", Map.of("endpoints", "[1, 2]"), Map.of()).list("endpoints"))
        .isInstanceOfSatisfying(BackendConfigException.class, e -> assertThat(e.argument()).isEqualTo("endpoints"))
        .hasMessageContaining("must be a list of strings");
  }
}
