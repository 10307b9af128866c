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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
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
 *
 * <p>With {@code dynamodb_table} (deprecated in Terraform 1.11, still honoured by it) the lock is
 * also, or only, the table's item {@code BUCKET/STATEKEY}, and every state write records the
 * state's MD5 under {@code BUCKET/STATEKEY-md5}; a read whose content does not match that digest
 * is retried for 10 s, then refused with Terraform's "state data in S3 does not have the expected
 * content" ({@link DynamoDbTable}). With both settings, both locks are taken, file first.
 */
public final class S3Backend extends AbstractBackend {
  static final Set<String> ARGUMENTS = Set.of("bucket", "key", "region", "endpoints.s3", "endpoint", "access_key",
      "secret_key", "token", "use_path_style", "force_path_style", "workspace_key_prefix", "use_lockfile",
      "skip_credentials_validation", "skip_requesting_account_id", "skip_metadata_api_check",
      "skip_region_validation", "skip_s3_checksum", "encrypt", "acl", "profile", "max_retries",
      "allowed_account_ids", "forbidden_account_ids",
      "dynamodb_table", "dynamodb_endpoint", "endpoints.dynamodb", "capstan.lock_settle",
      // terraform's deprecated iam_endpoint and sts_endpoint and their replacements: Capstan calls neither IAM
      // nor STS (see accountIds), so they are taken, checked and warned about, and change nothing
      "iam_endpoint", "endpoints.iam", "sts_endpoint", "endpoints.sts",
      "shared_credentials_file", "shared_credentials_files");

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final String prefix;
  private final boolean useLockfile;
  private final java.time.Duration lockSettle;
  /** The {@code dynamodb_table}, or null without one. */
  private final DynamoDbTable dynamo;
  /** How long a read retries while the state does not match the digest, and how often (Terraform: 10 s, 2 s). */
  private java.time.Duration consistencyTimeout = java.time.Duration.ofSeconds(10);
  private java.time.Duration consistencyPoll = java.time.Duration.ofSeconds(2);
  private final Map<String, String> held = new ConcurrentHashMap<>();

  /** terraform's deprecated endpoint arguments and their replacements, in its order, those Capstan takes. */
  private static final Map<String, String> DEPRECATED_ENDPOINTS = orderedMap("dynamodb_endpoint", "endpoints.dynamodb",
      "iam_endpoint", "endpoints.iam", "endpoint", "endpoints.s3", "sts_endpoint", "endpoints.sts");
  /** terraform's deprecated endpoint environment variables and their replacements, in its order. */
  private static final Map<String, String> DEPRECATED_ENV = orderedMap("AWS_DYNAMODB_ENDPOINT",
      "AWS_ENDPOINT_URL_DYNAMODB", "AWS_IAM_ENDPOINT", "AWS_ENDPOINT_URL_IAM", "AWS_S3_ENDPOINT", "AWS_ENDPOINT_URL_S3",
      "AWS_STS_ENDPOINT", "AWS_ENDPOINT_URL_STS", "AWS_METADATA_URL", "AWS_EC2_METADATA_SERVICE_ENDPOINT");

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * terraform's s3 backend's deprecation warnings for {@code config}: "Deprecated Parameter" for
   * {@code shared_credentials_file}, {@code dynamodb_table}, {@code dynamodb_endpoint},
   * {@code iam_endpoint}, {@code endpoint}, {@code sts_endpoint} and {@code force_path_style}
   * (its PrepareConfig, in its order; terraform's order among the endpoints varies from run to run),
   * and with {@code configuring} "Deprecated Environment Variable" for each deprecated endpoint
   * variable set (its Configure).
   */
  public static java.util.List<io.capstan.state.BackendWarning> warnings(BackendConfig config, boolean configuring) {
    java.util.List<io.capstan.state.BackendWarning> out = new java.util.ArrayList<>();
    Map<String, String> args = config.arguments();
    if (args.containsKey("shared_credentials_file")) {
      out.add(deprecatedParameter("shared_credentials_file", "shared_credentials_files"));
    }
    if (args.containsKey("dynamodb_table")) {
      out.add(deprecatedParameter("dynamodb_table", "use_lockfile"));
    }
    DEPRECATED_ENDPOINTS.forEach((name, replacement) -> {
      if (args.containsKey(name)) {
        out.add(deprecatedParameter(name, replacement));
      }
    });
    if (args.containsKey("force_path_style")) {
      out.add(deprecatedParameter("force_path_style", "use_path_style"));
    }
    if (configuring) {
      DEPRECATED_ENV.forEach((name, replacement) -> {
        String v = config.environment().get(name);
        if (v != null && !v.isEmpty()) {
          out.add(new io.capstan.state.BackendWarning("Deprecated Environment Variable", "The environment variable \""
              + name + "\" is deprecated. Use environment variable \"" + replacement + "\" instead."));
        }
      });
    }
    return out;
  }

  private static io.capstan.state.BackendWarning deprecatedParameter(String name, String replacement) {
    return new io.capstan.state.BackendWarning("Deprecated Parameter", "The parameter \"" + name
        + "\" is deprecated. Use parameter \"" + replacement + "\" instead.");
  }

  public S3Backend(BackendConfig config) {
    super(config);
    config.checkKnown(ARGUMENTS);
    accountIds(config);
    if (config.arguments().containsKey("shared_credentials_file")
        && config.arguments().containsKey("shared_credentials_files")) {
      throw new BackendConfigException("shared_credentials_file", "Invalid Attribute Combination: Only one of "
          + "shared_credentials_file, shared_credentials_files can be set.");
    }
    for (Map.Entry<String, String> e : DEPRECATED_ENDPOINTS.entrySet()) {
      if (config.arguments().containsKey(e.getKey()) && config.arguments().containsKey(e.getValue())) {
        throw new BackendConfigException(e.getKey(), "Conflicting Parameters: The parameters \"" + e.getKey()
            + "\" and \"" + e.getValue() + "\" cannot be configured together.");
      }
    }
    this.bucket = config.required("bucket");
    this.key = config.required("key");
    if (key.startsWith("/") || key.endsWith("/")) {
      throw new BackendConfigException("key", "key must not start or end with '/'");
    }
    this.prefix = config.string("workspace_key_prefix", "env:");
    this.useLockfile = config.bool("use_lockfile", false);
    this.lockSettle = config.duration("capstan.lock_settle", java.time.Duration.ofMillis(150));
    String region = config.required("region", "AWS_REGION", "AWS_DEFAULT_REGION");
    AwsCredentialsProvider credentials = credentials(config);
    S3ClientBuilder b = S3Client.builder().region(Region.of(region)).credentialsProvider(credentials)
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
    this.s3 = b.build();
    String table = config.string("dynamodb_table", "");
    if (table.isEmpty()) {
      this.dynamo = null;
    } else {
      // Terraform's order: endpoints.dynamodb, dynamodb_endpoint, AWS_ENDPOINT_URL_DYNAMODB, AWS_DYNAMODB_ENDPOINT
      DynamoDbClientBuilder d = DynamoDbClient.builder().region(Region.of(region)).credentialsProvider(credentials)
          .httpClientBuilder(UrlConnectionHttpClient.builder());
      config.optional("endpoints.dynamodb").or(() -> config.optional("dynamodb_endpoint",
          "AWS_ENDPOINT_URL_DYNAMODB", "AWS_DYNAMODB_ENDPOINT")).ifPresent(e -> {
            try {
              d.endpointOverride(URI.create(e));
            } catch (IllegalArgumentException ex) {
              throw new BackendConfigException("endpoints.dynamodb", "endpoints.dynamodb is not a URL: " + e);
            }
          });
      this.dynamo = new DynamoDbTable(d.build(), table);
    }
  }

  private static AwsCredentialsProvider credentials(BackendConfig config) {
    Optional<String> access = config.optional("access_key", "AWS_ACCESS_KEY_ID");
    if (access.isPresent()) {
      String secret = config.required("secret_key", "AWS_SECRET_ACCESS_KEY");
      Optional<String> token = config.optional("token", "AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(token.isPresent()
          ? AwsSessionCredentials.create(access.get(), secret, token.get())
          : AwsBasicCredentials.create(access.get(), secret));
    }
    // shared_credentials_files, or terraform's deprecated singular shared_credentials_file (its Configure
    // makes that a list of one): the profile (profile, AWS_PROFILE, else "default") from those files, later
    // files' settings over earlier ones'
    List<String> files = config.arguments().containsKey("shared_credentials_file")
        ? List.of(config.required("shared_credentials_file")) : config.list("shared_credentials_files");
    if (!files.isEmpty()) {
      software.amazon.awssdk.profiles.ProfileFile.Aggregator all = software.amazon.awssdk.profiles.ProfileFile.aggregator();
      for (String f : files) {
        java.nio.file.Path path = java.nio.file.Path.of(f.startsWith("~/") ? System.getProperty("user.home") + f.substring(1) : f);
        if (!java.nio.file.Files.isRegularFile(path)) {
          throw new BackendConfigException(config.arguments().containsKey("shared_credentials_file")
              ? "shared_credentials_file" : "shared_credentials_files", "No such shared credentials file: " + f);
        }
        all.addFile(software.amazon.awssdk.profiles.ProfileFile.builder().content(path)
            .type(software.amazon.awssdk.profiles.ProfileFile.Type.CREDENTIALS).build());
      }
      String profile = config.optional("profile", "AWS_PROFILE").orElse("default");
      return software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider.builder().profileFile(all.build())
          .profileName(profile).build();
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /** Shorter digest retries for tests (Terraform waits 10 s, polling every 2 s). */
  S3Backend consistencyRetry(java.time.Duration timeout, java.time.Duration poll) {
    this.consistencyTimeout = timeout;
    this.consistencyPoll = poll;
    return this;
  }

  /** Terraform's lock path, the DynamoDB lock item's LockID and the lock info's Path: {@code BUCKET/STATEKEY}. */
  private String lockPath(String workspace) {
    return bucket + "/" + stateKey(workspace);
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
    if (dynamo != null) {
      dynamo.deleteDigest(lockPath(workspace));
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
    if (dynamo == null) {
      return get(stateKey(workspace)).map(Versioned::data).filter(b -> b.length > 0);
    }
    // As Terraform's RemoteClient.Get: compare with the digest the last writer recorded, retrying
    // while S3 may still serve an older object, then refuse
    long deadline = System.nanoTime() + consistencyTimeout.toNanos();
    while (true) {
      Optional<byte[]> data = get(stateKey(workspace)).map(Versioned::data).filter(b -> b.length > 0);
      byte[] sum = data.map(S3Backend::md5).orElse(new byte[0]);
      Optional<byte[]> expected = dynamo.digest(lockPath(workspace));
      if (expected.isEmpty() || java.util.Arrays.equals(expected.get(), sum)) {
        return data;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new StateException(badChecksum(stateKey(workspace), sum, expected.get()));
      }
      try {
        Thread.sleep(consistencyPoll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateException("interrupted while reading the state", e);
      }
    }
  }

  /** Terraform's badChecksumError text. */
  private String badChecksum(String objectKey, byte[] digest, byte[] expected) {
    java.util.HexFormat hex = java.util.HexFormat.of();
    String resolution = digest.length > 0
        ? "If this problem persists, and neither S3 nor DynamoDB are experiencing an\n"
            + "outage, you may need to manually verify the remote state and update the Digest\n"
            + "value stored in the DynamoDB table to the following value: " + hex.formatHex(digest)
        : "If this problem persists, and neither S3 nor DynamoDB are experiencing an\n"
            + "outage, you may need to manually verify the remote state and remove the Digest\n"
            + "value stored in the DynamoDB table";
    return "state data in S3 does not have the expected content.\n\n"
        + "The checksum calculated for the state stored in S3 does not match the checksum\n"
        + "stored in DynamoDB.\n\n"
        + "Bucket: " + bucket + "\n"
        + "Key:    " + objectKey + "\n"
        + "Calculated checksum: " + hex.formatHex(digest) + "\n"
        + "Stored checksum:     " + hex.formatHex(expected) + "\n\n"
        + "This may be caused by unusually long delays in S3 processing a previous state\n"
        + "update. Please wait for a minute or two and try again.\n\n"
        + resolution + "\n";
  }

  private static byte[] md5(byte[] data) {
    try {
      return java.security.MessageDigest.getInstance("MD5").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
    if (dynamo != null) {
      dynamo.putDigest(lockPath(workspace), md5(state));
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
    if (!useLockfile && dynamo == null) {
      return requested.id(); // no lock configured, as Terraform without use_lockfile or dynamodb_table
    }
    LockInfo info = requested.withPath(lockPath(workspace));
    if (useLockfile) {
      lockWithFile(workspace, info);
    }
    if (dynamo != null) {
      try {
        dynamo.lock(lockPath(workspace), info);
      } catch (RuntimeException e) {
        if (useLockfile) {
          // as Terraform: both locks or neither
          try {
            s3.deleteObject(d -> d.bucket(bucket).key(stateKey(workspace) + ".tflock"));
          } catch (SdkException cleanup) {
            e.addSuppressed(cleanup);
          }
        }
        throw e;
      }
    }
    held.put(workspace, info.id());
    return info.id();
  }

  private void lockWithFile(String workspace, LockInfo info) {
    String lockKey = stateKey(workspace) + ".tflock";
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
    if (!useLockfile && dynamo == null) {
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
    if (dynamo == null) {
      unlockFile(workspace, lockId);
      return;
    }
    if (!useLockfile) {
      try {
        dynamo.unlock(lockPath(workspace), lockId);
      } catch (DynamoDbTable.UnlockException e) {
        throw unlockError(e.getMessage(), e.holder());
      }
      held.remove(workspace);
      return;
    }
    // both locks: release both, and say which failed in Terraform's words
    String fileError = null;
    LockInfo holder = null;
    try {
      unlockFile(workspace, lockId);
    } catch (StateException e) {
      fileError = e.getMessage();
      holder = lockHolderFile(workspace).orElse(null);
    }
    String dynamoError = null;
    try {
      dynamo.unlock(lockPath(workspace), lockId);
    } catch (DynamoDbTable.UnlockException e) {
      dynamoError = e.getMessage();
      holder = e.holder() != null ? e.holder() : holder;
    }
    if (fileError != null && dynamoError != null) {
      throw unlockError("failed to unlock both S3 and DynamoDB: S3 error: " + fileError + ", DynamoDB error: "
          + dynamoError, holder);
    } else if (fileError != null) {
      throw unlockError("failed to unlock S3: " + fileError, holder);
    } else if (dynamoError != null) {
      throw unlockError("failed to unlock DynamoDB: " + dynamoError, holder);
    }
    held.remove(workspace);
  }

  /** Terraform's LockError text: the error, then the holder's Lock Info table when known. */
  private static StateException unlockError(String message, LockInfo holder) {
    return new StateException(holder == null ? message : message + "\n" + io.capstan.state.LockMessages.lockInfoTable(holder));
  }

  private void unlockFile(String workspace, String lockId) {
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
    if (dynamo != null) {
      Optional<LockInfo> h = dynamo.holder(lockPath(workspace));
      if (h.isPresent() || !useLockfile) {
        return h;
      }
    }
    return lockHolderFile(workspace);
  }

  private Optional<LockInfo> lockHolderFile(String workspace) {
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
    if (dynamo != null) {
      dynamo.close();
    }
  }
}
