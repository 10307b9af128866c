package io.capstan.state.pg;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendContractTest;
import io.capstan.state.servers.PostgresServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PgBackendTest extends BackendContractTest {
  private PostgresServer pg;

  @BeforeAll
  void startPostgres() {
    pg = PostgresServer.start();
  }

  @AfterAll
  void stopPostgres() {
    if (pg != null) {
      pg.close();
    }
  }

  @Override
  protected Backend newClient(Map<String, String> extra) {
    Map<String, String> args = new HashMap<>(extra);
    args.put("conn_str", pg.connStr());
    return new PgBackend(new BackendConfig("pg", args, Map.of()));
  }
}
