package io.capstan.state.etcd;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendContractTest;
import io.capstan.state.servers.EtcdCluster;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class EtcdBackendTest extends BackendContractTest {
  private EtcdCluster etcd;

  @BeforeAll
  void startEtcd() {
    etcd = EtcdCluster.start(1);
  }

  @AfterAll
  void stopEtcd() {
    etcd.close();
  }

  @Override
  protected Backend newClient(Map<String, String> extra) {
    Map<String, String> args = new HashMap<>(extra);
    args.put("endpoints", etcd.endpoints());
    args.put("prefix", "contract/");
    return new EtcdBackend(new BackendConfig("etcd", args, Map.of()));
  }
}
