package io.capstan.state.http;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendContractTest;
import io.capstan.state.servers.HttpStateServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
    return new HttpBackend(new BackendConfig("http", args, Map.of()));
  }
}
