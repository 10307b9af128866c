package io.capstan.state.http;

import io.capstan.state.AbstractBackend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendConfigException;
import io.capstan.state.BackendWarning;
import io.capstan.state.HistoryCodec;
import io.capstan.state.HistoryEntry;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import io.capstan.state.WriteCondition;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Client of Terraform's HTTP backend protocol: GET/POST (or {@code update_method})/DELETE on
 * {@code address}, LOCK/UNLOCK (or the configured methods) with the lock info as body on
 * {@code lock_address}/{@code unlock_address}, 423 or 409 with the holder's info when locked,
 * the lock ID as {@code ?ID=} on updates, basic auth, TLS with client certificates, retries.
 *
 * <p>The protocol has no workspaces and no history; Capstan keeps them as further documents
 * under the address, which any server that stores arbitrary paths supports:
 * {@code ADDRESS/workspaces} (index), {@code ADDRESS/workspaces/NAME} (a workspace's state and,
 * below it, its lock), {@code .../history} (index) and {@code .../history/SERIAL}.
 */
public final class HttpBackend extends AbstractBackend {
  static final Set<String> ARGUMENTS = Set.of("address", "update_method", "lock_address", "lock_method",
      "unlock_address", "unlock_method", "username", "password", "skip_cert_verification", "retry_max",
      "retry_wait_min", "retry_wait_max", "client_ca_certificate_pem", "client_certificate_pem",
      "client_private_key_pem");

  private final String address;
  private final String updateMethod;
  private final String lockAddress;
  private final String lockMethod;
  private final String unlockAddress;
  private final String unlockMethod;
  private final String authorization;
  private final int retryMax;
  private final Duration retryWaitMin;
  private final Duration retryWaitMax;
  private final HttpClient client;
  private final Map<String, LockInfo> held = new ConcurrentHashMap<>();

  public HttpBackend(BackendConfig config) {
    super(config);
    config.checkKnown(ARGUMENTS);
    this.address = trimSlash(url("address", config.required("address", "TF_HTTP_ADDRESS")));
    this.updateMethod = config.string("update_method", "POST", "TF_HTTP_UPDATE_METHOD");
    this.lockAddress = config.optional("lock_address", "TF_HTTP_LOCK_ADDRESS").map(a -> trimSlash(url("lock_address", a)))
        .orElse(null);
    this.lockMethod = config.string("lock_method", "LOCK", "TF_HTTP_LOCK_METHOD");
    this.unlockAddress = config.optional("unlock_address", "TF_HTTP_UNLOCK_ADDRESS")
        .map(a -> trimSlash(url("unlock_address", a))).orElse(null);
    this.unlockMethod = config.string("unlock_method", "UNLOCK", "TF_HTTP_UNLOCK_METHOD");
    Optional<String> user = config.optional("username", "TF_HTTP_USERNAME");
    this.authorization = user.map(u -> "Basic " + Base64.getEncoder().encodeToString(
        (u + ":" + config.string("password", "", "TF_HTTP_PASSWORD")).getBytes(StandardCharsets.UTF_8))).orElse(null);
    this.retryMax = (int) config.integer("retry_max", 2, "TF_HTTP_RETRY_MAX");
    this.retryWaitMin = seconds("retry_wait_min", 1, "TF_HTTP_RETRY_WAIT_MIN");
    this.retryWaitMax = seconds("retry_wait_max", 30, "TF_HTTP_RETRY_WAIT_MAX");
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL);
    if (address.startsWith("https:") || lockAddress != null && lockAddress.startsWith("https:")) {
      b.sslContext(HttpTls.context(config));
    }
    this.client = b.build();
  }

  private Duration seconds(String arg, long dflt, String env) {
    String v = config.string(arg, Long.toString(dflt), env).trim();
    try {
      return v.matches("\\d+(\\.\\d+)?") ? Duration.ofMillis((long) (Double.parseDouble(v) * 1000))
          : BackendConfig.parseDuration(v);
    } catch (IllegalArgumentException e) {
      throw new BackendConfigException(arg, "Invalid value for \"" + arg + "\" in the http backend: \"" + v
          + "\" is not a number of seconds.");
    }
  }

  private static String url(String arg, String v) {
    try {
      URI u = URI.create(v);
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
        throw new IllegalArgumentException("scheme must be http or https");
      }
      return v;
    } catch (IllegalArgumentException e) {
      throw new BackendConfigException(arg, "\"" + arg + "\" must be an http:// or https:// URL: " + e.getMessage());
    }
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String type() {
    return "http";
  }

  private static String under(String base, String workspace) {
    return DEFAULT_WORKSPACE.equals(workspace) ? base : base + "/workspaces/" + workspace;
  }

  private String stateUrl(String ws) {
    checkWorkspace(ws);
    return under(address, ws);
  }

  @Override
  public List<String> workspaces() {
    TreeSet<String> names = new TreeSet<>(readIndex());
    names.remove(DEFAULT_WORKSPACE);
    List<String> out = new ArrayList<>();
    out.add(DEFAULT_WORKSPACE);
    out.addAll(names);
    return out;
  }

  private List<String> readIndex() {
    List<String> out = new ArrayList<>();
    get(address + "/workspaces").ifPresent(b -> {
      for (String line : new String(b, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          out.add(line.strip());
        }
      }
    });
    return out;
  }

  private void writeIndex(List<String> names) {
    String body = String.join("\n", new TreeSet<>(names)) + "\n";
    send(updateMethod, address + "/workspaces", body.getBytes(StandardCharsets.UTF_8), "update the workspace index", 200,
        201, 204);
  }

  @Override
  public void deleteWorkspace(String workspace) {
    refuseDefault(workspace);
    String base = stateUrl(workspace);
    for (HistoryEntry e : history(workspace)) {
      send("DELETE", base + "/history/" + e.serial(), null, "delete history", 200, 202, 204, 404);
    }
    send("DELETE", base + "/history", null, "delete history", 200, 202, 204, 404);
    send("DELETE", base, null, "delete the workspace", 200, 202, 204, 404);
    List<String> names = readIndex();
    names.remove(workspace);
    writeIndex(names);
  }

  @Override
  public Optional<byte[]> read(String workspace) {
    return get(stateUrl(workspace));
  }

  private Optional<byte[]> get(String url) {
    HttpResponse<byte[]> r = send("GET", url, null, "read the state", 200, 204, 404);
    if (r.statusCode() != 200 || r.body().length == 0) {
      return Optional.empty();
    }
    return Optional.of(r.body());
  }

  @Override
  public void write(String workspace, byte[] state, WriteCondition condition) {
    write(workspace, state, condition, THROW);
  }

  /** Warnings as errors, for callers with nowhere to show them: the write fails, as before there were warnings. */
  private static final Consumer<BackendWarning> THROW = new Consumer<>() {
    @Override
    public void accept(BackendWarning w) {
      throw new StateException(w.detail());
    }
  };

  /**
   * Stores the state, then Capstan's history of it ({@code .../history/SERIAL} and the index): the protocol's
   * POST of the state is the write; a refused history POST after it leaves the state stored, so it is a warning.
   */
  @Override
  public synchronized void write(String workspace, byte[] state, WriteCondition condition,
                                 Consumer<BackendWarning> warnings) {
    String url = stateUrl(workspace);
    StateMeta incoming = StateMeta.of(state);
    Optional<byte[]> current = read(workspace);
    condition.check(current.map(StateMeta::of).orElse(StateMeta.NONE), incoming);
    LockInfo lock = held.get(workspace);
    String target = lock == null ? url : url + (url.contains("?") ? "&" : "?") + "ID="
        + URLEncoder.encode(lock.id(), StandardCharsets.UTF_8);
    send(updateMethod, target, state, "write the state", 200, 201, 204);
    if (current.isEmpty() && !DEFAULT_WORKSPACE.equals(workspace)) {
      List<String> names = readIndex();
      if (!names.contains(workspace)) {
        names.add(workspace);
        writeIndex(names);
      }
    }
    if (incoming.serial() >= 0) {
      try {
        keepHistory(workspace, url, state, incoming);
      } catch (StateException e) {
        warnings.accept(new BackendWarning("State history not kept",
            "The state (serial " + incoming.serial() + ") was stored at " + url + ", but Capstan's copy of it in"
            + " the backend's history was not: " + e.getMessage() + ". The state itself is safe; `capstan state"
            + " history` may not list this version (the next write keeps its own)."));
      }
    }
  }

  private void keepHistory(String workspace, String url, byte[] state, StateMeta incoming) {
    send(updateMethod, url + "/history/" + incoming.serial(), state, "keep history", 200, 201, 204);
    List<HistoryEntry> entries = new ArrayList<>(history(workspace));
    entries.removeIf(e -> e.serial() == incoming.serial());
    entries.add(HistoryCodec.entry(incoming, config.who(), state.length));
    List<Long> drop = HistoryCodec.beyondLimit(entries, historyLimit());
    entries.removeIf(e -> drop.contains(e.serial()));
    send(updateMethod, url + "/history", HistoryCodec.indexToJson(HistoryCodec.newestFirst(entries)),
        "keep history", 200, 201, 204);
    for (long serial : drop) {
      send("DELETE", url + "/history/" + serial, null, "trim history", 200, 202, 204, 404);
    }
  }

  @Override
  public void writeIntermediate(String workspace, byte[] state, WriteCondition condition,
                                Consumer<BackendWarning> warnings) {
    write(workspace, state, condition, warnings);
  }

  @Override
  protected String tryLock(String workspace, LockInfo requested) {
    if (lockAddress == null) {
      return requested.id(); // locking disabled, as in Terraform when lock_address is not set
    }
    LockInfo info = requested.withPath(stateUrl(workspace));
    HttpResponse<byte[]> r = send(lockMethod, under(lockAddress, workspace), info.toJson(), "lock the state",
        200, 409, 423);
    if (r.statusCode() == 200) {
      held.put(workspace, info);
      return info.id();
    }
    LockInfo holder = null;
    try {
      holder = r.body().length == 0 ? null : LockInfo.fromJson(r.body());
    } catch (StateException e) {
      // the server answered without lock info
    }
    boolean stale = holder != null && holder.holderGoneOnThisHost();
    throw new LockHeldException(stale ? "the lock was left behind by a process that is no longer running"
        : "HTTP remote state already locked: ID=" + (holder == null ? "" : holder.id()), holder, stale);
  }

  @Override
  public void unlock(String workspace, String lockId) {
    if (lockAddress == null) {
      return; // locking disabled: tryLock took no lock (state push failed here with "not held by this client")
    }
    LockInfo info = held.get(workspace);
    if (info == null || !info.id().equals(lockId)) {
      throw new StateException("cannot unlock workspace \"" + workspace + "\": lock ID \"" + lockId
          + "\" is not held by this client");
    }
    sendUnlock(workspace, info);
    held.remove(workspace);
  }

  @Override
  public void forceUnlock(String workspace, String lockId) {
    LockInfo current = lockHolder(workspace).orElse(null);
    if (current != null && !current.id().isEmpty() && !current.id().equals(lockId)) {
      throw new StateException("lock ID \"" + lockId + "\" does not match the existing lock ID \"" + current.id() + "\"");
    }
    sendUnlock(workspace, current != null ? current : new LockInfo(lockId, "", "", "", "", java.time.Instant.now(), "", 0, ""));
    held.remove(workspace);
  }

  private void sendUnlock(String workspace, LockInfo info) {
    if (unlockAddress == null) {
      return;
    }
    send(unlockMethod, under(unlockAddress, workspace), info.toJson(), "unlock the state", 200, 204);
  }

  /** Asks with a probe lock: the server answers 423/409 with the holder, or grants it (then released). */
  @Override
  public Optional<LockInfo> lockHolder(String workspace) {
    if (held.containsKey(workspace)) {
      return Optional.of(held.get(workspace));
    }
    if (lockAddress == null) {
      return Optional.empty();
    }
    LockInfo probe = LockInfo.forThisProcess("OperationTypeInvalid", "").withPath(stateUrl(workspace));
    HttpResponse<byte[]> r = send(lockMethod, under(lockAddress, workspace), probe.toJson(), "read the lock", 200, 409,
        423);
    if (r.statusCode() == 200) {
      sendUnlock(workspace, probe);
      return Optional.empty();
    }
    try {
      return r.body().length == 0 ? Optional.empty() : Optional.of(LockInfo.fromJson(r.body()));
    } catch (StateException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<HistoryEntry> history(String workspace) {
    return get(stateUrl(workspace) + "/history").map(HistoryCodec::indexFromJson).map(HistoryCodec::newestFirst)
        .orElse(List.of());
  }

  @Override
  public Optional<byte[]> historyVersion(String workspace, long serial) {
    return get(stateUrl(workspace) + "/history/" + serial);
  }

  private HttpResponse<byte[]> send(String method, String url, byte[] body, String what, int... ok) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.header("Content-MD5", md5(body));
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    HttpRequest request = b.build();
    Duration wait = retryWaitMin;
    for (int attempt = 0; ; attempt++) {
      String failure;
      try {
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        for (int code : ok) {
          if (r.statusCode() == code) {
            return r;
          }
        }
        if (r.statusCode() < 500 && r.statusCode() != 429) {
          throw new StateException("cannot " + what + ": " + method + " " + url + " answered HTTP " + r.statusCode()
              + (r.body().length > 0 ? ": " + new String(r.body(), 0, Math.min(200, r.body().length),
                  StandardCharsets.UTF_8) : ""));
        }
        failure = "HTTP " + r.statusCode();
      } catch (IOException e) {
        failure = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateException("interrupted while trying to " + what, e);
      }
      if (attempt >= retryMax && what.equals("write the state") && failure.startsWith("HTTP ")) {
        // terraform's words (its http client's "Failed to upload state", go-retryablehttp's "giving up"): the
        // "Failed to save state" error after an apply shows them
        throw new StateException("Failed to upload state: " + method + " " + url + " giving up after " + (attempt + 1)
            + " attempt(s)");
      }
      if (attempt >= retryMax) {
        throw new StateException("cannot " + what + ": " + method + " " + url + " failed after " + (attempt + 1)
            + " attempt" + (attempt == 0 ? "" : "s") + ": " + failure);
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateException("interrupted while trying to " + what, e);
      }
      wait = wait.multipliedBy(2).compareTo(retryWaitMax) > 0 ? retryWaitMax : wait.multipliedBy(2);
    }
  }

  private static String md5(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    // the JDK client needs no closing on Java 17
  }
}
