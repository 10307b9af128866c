package io.capstan.state.s3;

import io.capstan.state.AbstractBackend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendConfigException;
import io.capstan.state.HistoryCodec;
import io.capstan.state.HistoryEntry;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.StateConflictException;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import io.capstan.state.WriteCondition;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Any S3-compatible store, laid out as Terraform's s3 backend lays it out: the default
 * workspace at {@code key}, others at {@code workspace_key_prefix/NAME/key} (prefix {@code env:}),
 * and with {@code use_lockfile} a lock object {@code STATEKEY.tflock} holding the lock info,
 * created with a conditional write ({@code If-None-Match: *}) so only one client can create it.
 * State writes are conditional too ({@code If-Match} the ETag that was read), so a lost update
 * is refused by the store itself. History objects live under {@code STATEKEY.capstan-history/}.
 */
public final class S3Backend extends AbstractBackend {
  static final Set<String> ARGUMENTS = Set.of("bucket", "key", "region", "endpoints.s3", "endpoint", "access_key",
      "secret_key", "token", "use_path_style", "force_path_style", "workspace_key_prefix", "use_lockfile",
      "skip_credentials_validation", "skip_requesting_account_id", "skip_metadata_api_check",
      "skip_region_validation", "skip_s3_checksum", "encrypt", "acl", "profile", "max_retries",
      "allowed_account_ids", "forbidden_account_ids", "capstan.lock_settle");

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final String prefix;
  private final boolean useLockfile;
  private final java.time.Duration lockSettle;
  private final Map<String, String> held = new ConcurrentHashMap<>();

  public S3Backend(BackendConfig config) {
    super(config);
    if (config.arguments().containsKey("dynamodb_table")) {
      // Terraform 1.11 still accepts DynamoDB locking (deprecated); say what to use instead
      throw new BackendConfigException("dynamodb_table", "Capstan's s3 backend does not lock with DynamoDB. Remove "
          + "\"dynamodb_table\" and set use_lockfile = true: the S3 lock file that Terraform 1.10+ also uses, so both "
          + "tools honour the same lock once every Terraform run on this state has switched to use_lockfile too.");
    }
    config.checkKnown(ARGUMENTS);
    accountIds(config);
    this.bucket = config.required("bucket");
    this.key = config.required("key");
    if (key.startsWith("/") || key.endsWith("/")) {
      throw new BackendConfigException("key", "key must not start or end with '/'");
    }
    this.prefix = config.string("workspace_key_prefix", "env:");
    this.useLockfile = config.bool("use_lockfile", false);
    this.lockSettle = config.duration("capstan.lock_settle", java.time.Duration.ofMillis(150));
    String region = config.required("region", "AWS_REGION", "AWS_DEFAULT_REGION");
    S3ClientBuilder b = S3Client.builder().region(Region.of(region))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .forcePathStyle(config.bool("use_path_style", config.bool("force_path_style", false), "AWS_S3_USE_PATH_STYLE"));
    Optional<String> endpoint = config.optional("endpoints.s3", "AWS_ENDPOINT_URL_S3").or(() -> config.optional("endpoint"));
    endpoint.ifPresent(e -> {
      try {
        b.endpointOverride(URI.create(e));
      } catch (IllegalArgumentException ex) {
        throw new BackendConfigException("endpoints.s3", "endpoints.s3 is not a URL: " + e);
      }
    });
    Optional<String> access = config.optional("access_key", "AWS_ACCESS_KEY_ID");
    if (access.isPresent()) {
      String secret = config.required("secret_key", "AWS_SECRET_ACCESS_KEY");
      Optional<String> token = config.optional("token", "AWS_SESSION_TOKEN");
      b.credentialsProvider(StaticCredentialsProvider.create(token.isPresent()
          ? AwsSessionCredentials.create(access.get(), secret, token.get())
          : AwsBasicCredentials.create(access.get(), secret)));
    } else {
      b.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    this.s3 = b.build();
  }

  /**
   * {@code allowed_account_ids} and {@code forbidden_account_ids} as terraform 1.11's s3 backend
   * checks them with {@code skip_requesting_account_id = true}: the account ID is then unknown
   * (empty), so no allow list admits it and no deny list names it. Capstan never asks STS for the
   * account ID, so without that setting it cannot check either list and says so.
   */
  private static void accountIds(BackendConfig config) {
    List<String> allowed = config.list("allowed_account_ids");
    List<String> forbidden = config.list("forbidden_account_ids");
    if (allowed.isEmpty() && forbidden.isEmpty()) {
      return;
    }
    String arg = allowed.isEmpty() ? "forbidden_account_ids" : "allowed_account_ids";
    if (!config.bool("skip_requesting_account_id", false)) {
      throw new BackendConfigException(arg, "Capstan's s3 backend does not look up the AWS account ID (no STS call), "
          + "so it cannot check \"" + arg + "\". Set skip_requesting_account_id = true (the account ID is then "
          + "unknown, as in Terraform) or remove \"" + arg + "\".");
    }
    if (!allowed.isEmpty()) {
      // terraform's "Invalid account ID" for an unknown account ID and an allow list
      throw new BackendConfigException(arg, "Invalid account ID: AWS account ID not allowed: ");
    }
  }

  @Override
  public String type() {
    return "s3";
  }

  /** The object key of a workspace's state, as Terraform computes it. */
  public String stateKey(String workspace) {
    checkWorkspace(workspace);
    return DEFAULT_WORKSPACE.equals(workspace) ? key : prefix + "/" + workspace + "/" + key;
  }

  private String historyKey(String workspace) {
    return stateKey(workspace) + ".capstan-history/";
  }

  @Override
  public List<String> workspaces() {
    TreeSet<String> names = new TreeSet<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix + "/")
          .build()).contents()) {
        String rest = o.key().substring(prefix.length() + 1);
        int slash = rest.indexOf('/');
        if (slash > 0 && rest.substring(slash + 1).equals(key)) {
          names.add(rest.substring(0, slash));
        }
      }
    } catch (SdkException e) {
      throw failure("cannot list workspaces in bucket " + bucket, e);
    }
    names.remove(DEFAULT_WORKSPACE);
    List<String> out = new ArrayList<>();
    out.add(DEFAULT_WORKSPACE);
    out.addAll(names);
    return out;
  }

  @Override
  public void deleteWorkspace(String workspace) {
    refuseDefault(workspace);
    try {
      for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
          .prefix(historyKey(workspace)).build()).contents()) {
        s3.deleteObject(r -> r.bucket(bucket).key(o.key()));
      }
      s3.deleteObject(r -> r.bucket(bucket).key(stateKey(workspace)));
    } catch (SdkException e) {
      throw failure("cannot delete workspace \"" + workspace + "\"", e);
    }
  }

  private record Versioned(byte[] data, String etag) {}

  private Optional<Versioned> get(String objectKey) {
    try {
      ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(g -> g.bucket(bucket).key(objectKey));
      return Optional.of(new Versioned(r.asByteArray(), r.response().eTag()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failure("cannot read s3://" + bucket + "/" + objectKey, e);
    } catch (SdkException e) {
      throw failure("cannot read s3://" + bucket + "/" + objectKey, e);
    }
  }

  @Override
  public Optional<byte[]> read(String workspace) {
    return get(stateKey(workspace)).map(Versioned::data).filter(b -> b.length > 0);
  }

  @Override
  public void write(String workspace, byte[] state, WriteCondition condition) {
    String k = stateKey(workspace);
    StateMeta incoming = StateMeta.of(state);
    Optional<Versioned> current = get(k);
    condition.check(current.map(v -> StateMeta.of(v.data())).orElse(StateMeta.NONE), incoming);
    PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(k).contentType("application/json");
    if (!(condition instanceof WriteCondition.Unconditional)) {
      if (current.isPresent()) {
        put.ifMatch(current.get().etag());
      } else {
        put.ifNoneMatch("*");
      }
    }
    try {
      s3.putObject(put.build(), RequestBody.fromBytes(state));
    } catch (S3Exception e) {
      if (e.statusCode() == 412 || e.statusCode() == 409) {
        throw new StateConflictException("the state at s3://" + bucket + "/" + k + " changed while it was being written; "
            + "another writer got there first, refusing to lose its update");
      }
      throw failure("cannot write s3://" + bucket + "/" + k, e);
    } catch (SdkException e) {
      throw failure("cannot write s3://" + bucket + "/" + k, e);
    }
    if (incoming.serial() >= 0) {
      recordHistory(workspace, state, incoming);
    }
  }

  private void recordHistory(String workspace, byte[] state, StateMeta meta) {
    String base = historyKey(workspace);
    try {
      s3.putObject(p -> p.bucket(bucket).key(base + meta.serial() + ".tfstate"), RequestBody.fromBytes(state));
      s3.putObject(p -> p.bucket(bucket).key(base + meta.serial() + ".json"),
          RequestBody.fromBytes(HistoryCodec.toJson(HistoryCodec.entry(meta, config.who(), state.length))));
      for (long old : HistoryCodec.beyondLimit(history(workspace), historyLimit())) {
        s3.deleteObject(d -> d.bucket(bucket).key(base + old + ".tfstate"));
        s3.deleteObject(d -> d.bucket(bucket).key(base + old + ".json"));
      }
    } catch (SdkException e) {
      throw failure("the state was written but its history could not be kept", e);
    }
  }

  @Override
  protected String tryLock(String workspace, LockInfo requested) {
    if (!useLockfile) {
      return requested.id(); // no lock configured, as Terraform without use_lockfile or dynamodb_table
    }
    String lockKey = stateKey(workspace) + ".tflock";
    LockInfo info = requested.withPath(bucket + "/" + stateKey(workspace));
    try {
      s3.putObject(p -> p.bucket(bucket).key(lockKey).ifNoneMatch("*").contentType("application/json"),
          RequestBody.fromBytes(info.toJson()));
    } catch (S3Exception e) {
      if (e.statusCode() == 412 || e.statusCode() == 409) {
        throw held(workspace, lockKey);
      }
      throw failure("cannot lock s3://" + bucket + "/" + stateKey(workspace), e);
    } catch (SdkException e) {
      throw failure("cannot lock s3://" + bucket + "/" + stateKey(workspace), e);
    }
    // Read back after a short settle time: on a store whose conditional write is a check followed
    // by a put (s3proxy, some gateways) two clients can both be told yes; the object then shows
    // who really won, and the other backs off without touching the winner's lock.
    if (!lockSettle.isZero()) {
      try {
        Thread.sleep(lockSettle.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateException("interrupted while locking", e);
      }
    }
    Optional<LockInfo> now = get(lockKey).map(v -> LockInfo.fromJson(v.data()));
    if (now.isEmpty() || !now.get().id().equals(info.id())) {
      throw new LockHeldException("state lock already held: " + lockKey, now.orElse(null), false);
    }
    held.put(workspace, info.id());
    return info.id();
  }

  private LockHeldException held(String workspace, String lockKey) {
    Optional<LockInfo> holder = get(lockKey).map(v -> {
      try {
        return LockInfo.fromJson(v.data());
      } catch (StateException e) {
        return null;
      }
    });
    boolean stale = holder.map(LockInfo::holderGoneOnThisHost).orElse(false);
    return new LockHeldException(stale ? "the lock was left behind by a process that is no longer running"
        : "operation error S3: PutObject, StatusCode: 412, api error PreconditionFailed: "
            + "At least one of the pre-conditions you specified did not hold", holder.orElse(null), stale);
  }

  @Override
  public void unlock(String workspace, String lockId) {
    if (!useLockfile) {
      return;
    }
    if (!lockId.equals(held.get(workspace))) {
      throw new StateException("cannot unlock workspace \"" + workspace + "\": lock ID \"" + lockId
          + "\" is not held by this client");
    }
    forceUnlock(workspace, lockId);
  }

  @Override
  public void forceUnlock(String workspace, String lockId) {
    String lockKey = stateKey(workspace) + ".tflock";
    Optional<Versioned> current = get(lockKey);
    if (current.isEmpty()) {
      held.remove(workspace);
      if (!useLockfile) {
        return;
      }
      throw new StateException("workspace \"" + workspace + "\" is not locked");
    }
    LockInfo info = LockInfo.fromJson(current.get().data());
    if (!info.id().equals(lockId)) {
      throw new StateException("lock ID \"" + lockId + "\" does not match the existing lock ID \"" + info.id() + "\"");
    }
    try {
      s3.deleteObject(d -> d.bucket(bucket).key(lockKey));
    } catch (SdkException e) {
      throw failure("cannot unlock s3://" + bucket + "/" + stateKey(workspace), e);
    }
    held.remove(workspace);
  }

  @Override
  public Optional<LockInfo> lockHolder(String workspace) {
    return get(stateKey(workspace) + ".tflock").map(v -> LockInfo.fromJson(v.data()));
  }

  @Override
  public List<HistoryEntry> history(String workspace) {
    List<HistoryEntry> out = new ArrayList<>();
    String base = historyKey(workspace);
    try {
      for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(base).build())
          .contents()) {
        if (o.key().endsWith(".json")) {
          get(o.key()).ifPresent(v -> out.add(HistoryCodec.fromJson(v.data())));
        }
      }
    } catch (SdkException e) {
      throw failure("cannot list the history of workspace \"" + workspace + "\"", e);
    }
    return HistoryCodec.newestFirst(out);
  }

  @Override
  public Optional<byte[]> historyVersion(String workspace, long serial) {
    return get(historyKey(workspace) + serial + ".tfstate").map(Versioned::data);
  }

  private static StateException failure(String what, SdkException e) {
    return new StateException(what + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    s3.close();
  }
}
