package io.capstan.state.http;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendContractTest;
import io.capstan.state.StateException;
import io.capstan.state.States;
import io.capstan.state.WriteCondition;
import io.capstan.state.servers.HttpStateServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpBackendTest extends BackendContractTest {
  private HttpStateServer server;

  @BeforeAll
  void startServer() {
    server = HttpStateServer.start();
    server.requireBasicAuth("tf", "s3cret");
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @Override
  protected Backend newClient(Map<String, String> extra) {
    Map<String, String> args = new HashMap<>(extra);
    args.put("address", server.url("/state/project"));
    args.put("lock_address", server.url("/state/project"));
    args.put("unlock_address", server.url("/state/project"));
    args.put("username", "tf");
    args.put("password", "s3cret");
    args.put("retry_wait_min", "0.05");
    args.putAll(extra);
    return new HttpBackend(new BackendConfig("http", args, Map.of()));
  }

  @Test
  void transientServerErrorsAreRetriedUpToRetryMax() {
    Backend b = client();
    b.write("default", States.state("retry", 1), WriteCondition.unconditional());
    server.failNext(2);
    org.assertj.core.api.Assertions.assertThat(b.read("default")).isPresent();
    server.failNext(5);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.read("default")).isInstanceOf(StateException.class)
        .hasMessageContaining("failed after 3 attempts: HTTP 503");
    server.failNext(0);
  }

  @Test
  void wrongCredentialsAreReportedWithTheStatus() {
    Map<String, String> wrong = new HashMap<>(Map.of("password", "nope"));
    Backend b = client(wrong);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.read("default")).isInstanceOf(StateException.class)
        .hasMessageContaining("answered HTTP 401");
  }
}
