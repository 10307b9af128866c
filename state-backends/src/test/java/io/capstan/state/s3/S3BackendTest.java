package io.capstan.state.s3;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendContractTest;
import io.capstan.state.servers.S3ProxyServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class S3BackendTest extends BackendContractTest {
  private S3ProxyServer s3;

  @BeforeAll
  void startS3() {
    s3 = S3ProxyServer.start();
  }

  @AfterAll
  void stopS3() {
    s3.close();
  }

  static Map<String, String> args(S3ProxyServer s3) {
    Map<String, String> args = new HashMap<>();
    args.put("bucket", S3ProxyServer.BUCKET);
    args.put("key", "project/terraform.tfstate");
    args.put("region", "us-east-1");
    args.put("endpoints.s3", s3.endpoint());
    args.put("use_path_style", "true");
    args.put("use_lockfile", "true");
    args.put("access_key", S3ProxyServer.ACCESS_KEY);
    args.put("secret_key", S3ProxyServer.SECRET_KEY);
    args.put("skip_credentials_validation", "true");
    return args;
  }

  @Override
  protected Backend newClient(Map<String, String> extra) {
    Map<String, String> args = args(s3);
    args.putAll(extra);
    return new S3Backend(new BackendConfig("s3", args, Map.of()));
  }
}
