package io.capstan.state.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendConfigException;
import io.capstan.state.BackendContractTest;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import io.capstan.state.States;
import io.capstan.state.WriteCondition;
import io.capstan.state.servers.DynaliteServer;
import io.capstan.state.servers.S3ProxyServer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The s3 backend with {@code dynamodb_table} (s3proxy and dynalite on loopback): the whole backend
 * contract with the DynamoDB lock alone, then what Terraform 1.11's s3 backend keeps in the table
 * (the lock item and the {@code -md5} digest item), the digest check on read, both locks together,
 * and force-unlock's errors in Terraform's words.
 */
class S3DynamoDbBackendTest extends BackendContractTest {
  private static final String TABLE = "locks";
  private S3ProxyServer s3;
  private DynaliteServer dynamo;

  @BeforeAll
  void startServers() {
    Optional<String> missing = DynaliteServer.missing();
    if (missing.isPresent()) {
      System.out.println("SKIP: s3 backend with dynamodb_table: " + missing.get());
      Assumptions.abort(missing.get());
    }
    s3 = S3ProxyServer.start();
    dynamo = DynaliteServer.start();
    dynamo.createLockTable(TABLE);
  }

  @AfterAll
  void stopServers() {
    if (dynamo != null) {
      dynamo.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private Map<String, String> args(Map<String, String> extra) {
    Map<String, String> args = S3BackendTest.args(s3);
    args.remove("use_lockfile");
    args.put("dynamodb_table", TABLE);
    args.put("endpoints.dynamodb", dynamo.endpoint());
    args.putAll(extra);
    return args;
  }

  @Override
  protected Backend newClient(Map<String, String> extra) {
    return new S3Backend(new BackendConfig("s3", args(extra), Map.of()));
  }

  private S3Backend s3Client(Map<String, String> extra) {
    S3Backend b = (S3Backend) client(extra);
    return b.consistencyRetry(Duration.ofMillis(300), Duration.ofMillis(100));
  }

  private Map<String, AttributeValue> item(String lockId) {
    return dynamo.client().getItem(g -> g.tableName(TABLE).consistentRead(true)
        .key(Map.of("LockID", AttributeValue.fromS(lockId)))).item();
  }

  private static String md5(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }

  @Test
  void aWriteRecordsTheStateDigestAsTerraformDoes() throws Exception {
    S3Backend b = s3Client(Map.of());
    String ws = workspace();
    byte[] state = States.state("lin-md5", 1, "a");
    b.write(ws, state, WriteCondition.basedOn(StateMeta.NONE));
    String path = S3ProxyServer.BUCKET + "/" + b.stateKey(ws);
    assertThat(path).isEqualTo("tfstate/env:/" + ws + "/project/terraform.tfstate");
    assertThat(item(path + "-md5")).containsEntry("Digest", AttributeValue.fromS(md5(state)));
    assertThat(b.read(ws)).hasValueSatisfying(v -> assertThat(v).isEqualTo(state));
    b.deleteWorkspace(ws);
    assertThat(item(path + "-md5")).as("the digest goes with the workspace").isEmpty();
  }

  @Test
  void aStateThatDoesNotMatchTheDigestIsRefusedWithTerraformsMessage() throws Exception {
    S3Backend b = s3Client(Map.of());
    String ws = workspace();
    byte[] state = States.state("lin-bad", 1, "a");
    b.write(ws, state, WriteCondition.basedOn(StateMeta.NONE));
    String path = S3ProxyServer.BUCKET + "/" + b.stateKey(ws);
    dynamo.client().putItem(p -> p.tableName(TABLE).item(Map.of("LockID", AttributeValue.fromS(path + "-md5"),
        "Digest", AttributeValue.fromS("00112233445566778899aabbccddeeff"))));
    assertThatThrownBy(() -> b.read(ws)).isInstanceOf(StateException.class).hasMessage(
        "state data in S3 does not have the expected content.\n\n"
            + "The checksum calculated for the state stored in S3 does not match the checksum\n"
            + "stored in DynamoDB.\n\n"
            + "Bucket: tfstate\n"
            + "Key:    " + b.stateKey(ws) + "\n"
            + "Calculated checksum: " + md5(state) + "\n"
            + "Stored checksum:     00112233445566778899aabbccddeeff\n\n"
            + "This may be caused by unusually long delays in S3 processing a previous state\n"
            + "update. Please wait for a minute or two and try again.\n\n"
            + "If this problem persists, and neither S3 nor DynamoDB are experiencing an\n"
            + "outage, you may need to manually verify the remote state and update the Digest\n"
            + "value stored in the DynamoDB table to the following value: " + md5(state) + "\n");

    // a digest with no state behind it: Terraform's other resolution text
    String empty = workspace();
    String emptyPath = S3ProxyServer.BUCKET + "/" + b.stateKey(empty);
    dynamo.client().putItem(p -> p.tableName(TABLE).item(Map.of("LockID", AttributeValue.fromS(emptyPath + "-md5"),
        "Digest", AttributeValue.fromS("00112233445566778899aabbccddeeff"))));
    assertThatThrownBy(() -> b.read(empty)).hasMessageContaining("Calculated checksum: \n")
        .hasMessageEndingWith("you may need to manually verify the remote state and remove the Digest\n"
            + "value stored in the DynamoDB table\n");

    // a digest that is not an MD5 is ignored, as Terraform ignores it
    dynamo.client().putItem(p -> p.tableName(TABLE).item(Map.of("LockID", AttributeValue.fromS(path + "-md5"),
        "Digest", AttributeValue.fromS("not-hex"))));
    assertThat(b.read(ws)).hasValueSatisfying(v -> assertThat(v).isEqualTo(state));
  }

  @Test
  void theLockItemHoldsTerraformsLockInfoAndAHeldLockNamesItsHolder() {
    Backend a = client();
    Backend other = client();
    String ws = workspace();
    LockInfo mine = info("OperationTypeApply");
    String id = a.lock(ws, mine, Duration.ZERO);
    String path = "tfstate/env:/" + ws + "/project/terraform.tfstate";
    LockInfo stored = LockInfo.fromJson(item(path).get("Info").s());
    assertThat(stored.id()).isEqualTo(id);
    assertThat(stored.path()).isEqualTo(path);
    assertThat(stored.operation()).isEqualTo("OperationTypeApply");
    assertThatThrownBy(() -> other.lock(ws, info("OperationTypePlan"), Duration.ZERO))
        .isInstanceOfSatisfying(LockHeldException.class, e -> {
          assertThat(e.holder().id()).isEqualTo(id);
          assertThat(e.reason()).matches("operation error DynamoDB: PutItem, https response error StatusCode: 400, "
              + "RequestID: \\S*, ConditionalCheckFailedException: The conditional request failed");
        });
    a.unlock(ws, id);
    assertThat(item(path)).isEmpty();
  }

  @Test
  void withUseLockfileBothLocksAreTakenAndAHeldDynamoDbLockLeavesNoLockFile() {
    Backend both = client(Map.of("use_lockfile", "true"));
    Backend dynamoOnly = client();
    String ws = workspace();
    String id = both.lock(ws, info("OperationTypeApply"), Duration.ZERO);
    String path = "tfstate/env:/" + ws + "/project/terraform.tfstate";
    assertThat(item(path)).isNotEmpty();
    assertThat(both.lockHolder(ws)).map(LockInfo::id).hasValue(id);
    both.unlock(ws, id);
    assertThat(item(path)).isEmpty();

    // the DynamoDB lock is held by a client without the lock file: the file lock is given back
    String held = dynamoOnly.lock(ws, info("OperationTypeApply"), Duration.ZERO);
    assertThatThrownBy(() -> both.lock(ws, info("OperationTypePlan"), Duration.ZERO))
        .isInstanceOf(LockHeldException.class);
    Backend fileOnly = new S3Backend(new BackendConfig("s3", S3BackendTest.args(s3), Map.of()));
    try {
      assertThat(fileOnly.lockHolder(ws)).as("no .tflock left behind").isEmpty();
    } finally {
      fileOnly.close();
    }
    dynamoOnly.unlock(ws, held);
  }

  @Test
  void forceUnlockErrorsAreTerraforms() {
    Backend a = client();
    String ws = workspace();
    assertThatThrownBy(() -> a.forceUnlock(ws, "0000")).hasMessage(
        "failed to retrieve lock info for lock ID \"0000\": unexpected end of JSON input");
    String id = a.lock(ws, info("OperationTypeApply"), Duration.ZERO);
    assertThatThrownBy(() -> client().forceUnlock(ws, "0000"))
        .hasMessageStartingWith("lock ID \"0000\" does not match existing lock (\"" + id + "\")\nLock Info:\n  ID:        "
            + id + "\n  Path:      tfstate/env:/" + ws + "/project/terraform.tfstate\n");
    Backend both = client(Map.of("use_lockfile", "true"));
    assertThatThrownBy(() -> both.forceUnlock(ws, "0000"))
        .hasMessageStartingWith("failed to unlock both S3 and DynamoDB: S3 error: ");
    client().forceUnlock(ws, id);
    assertThat(a.lockHolder(ws)).isEmpty();
  }

  @Test
  void endpointSettingsAsTerraformReadsThem() {
    // dynamodb_endpoint (deprecated) works alone; together with endpoints.dynamodb it is refused
    Map<String, String> legacy = new java.util.HashMap<>(args(Map.of()));
    legacy.put("dynamodb_endpoint", legacy.remove("endpoints.dynamodb"));
    Backend b = new S3Backend(new BackendConfig("s3", legacy, Map.of()));
    try {
      String ws = workspace();
      b.unlock(ws, b.lock(ws, info("OperationTypeApply"), Duration.ZERO));
    } finally {
      b.close();
    }
    Map<String, String> env = new java.util.HashMap<>(args(Map.of()));
    String url = env.remove("endpoints.dynamodb");
    Backend fromEnv = new S3Backend(new BackendConfig("s3", env, Map.of("AWS_ENDPOINT_URL_DYNAMODB", url)));
    try {
      String ws = workspace();
      fromEnv.unlock(ws, fromEnv.lock(ws, info("OperationTypeApply"), Duration.ZERO));
    } finally {
      fromEnv.close();
    }
    assertThatThrownBy(() -> new S3Backend(new BackendConfig("s3", args(Map.of("dynamodb_endpoint", url)), Map.of())))
        .isInstanceOf(BackendConfigException.class)
        .hasMessageContaining("The parameters \"dynamodb_endpoint\" and \"endpoints.dynamodb\" cannot be configured "
            + "together.");
  }
}
