package io.capstan.state.process;

import io.capstan.state.Backend;
import io.capstan.state.BackendConfig;
import io.capstan.state.Backends;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.LockMessages;
import io.capstan.state.StateMeta;
import io.capstan.state.States;
import io.capstan.state.WriteCondition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A separate process doing what {@code capstan apply} does to state: {@code append} takes the
 * lock (waiting up to the timeout), reads, adds one object, writes, unlocks; {@code hold} takes
 * the lock, says {@code LOCKED id}, and waits to be killed. Arguments: MODE TYPE WORKSPACE NAME
 * TIMEOUT then backend arguments as key=value.
 */
public final class StateWorker {
  private StateWorker() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String type = args[1];
    String ws = args[2];
    String name = args[3];
    Duration timeout = BackendConfig.parseDuration(args[4]);
    Map<String, String> config = new LinkedHashMap<>();
    for (int i = 5; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      config.put(kv[0], kv[1]);
    }
    try (Backend b = Backends.open(new BackendConfig(type, config, System.getenv()))) {
      String id;
      try {
        id = b.lock(ws, LockInfo.forThisProcess("OperationTypeApply", "0.1.0-test"), timeout);
      } catch (LockHeldException e) {
        System.out.println(LockMessages.SUMMARY);
        System.out.println(LockMessages.detail(e));
        System.out.flush();
        System.exit(3);
        return;
      }
      if (mode.equals("hold")) {
        System.out.println("LOCKED " + id);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
      }
      Optional<byte[]> current = b.read(ws);
      byte[] next = current.map(s -> States.withResource(s, name)).orElseGet(() -> States.state("workers", 1, name));
      b.write(ws, next, WriteCondition.basedOn(current.map(StateMeta::of).orElse(StateMeta.NONE)));
      b.unlock(ws, id);
      System.out.println("APPLIED " + name);
    }
    System.exit(0);
  }
}
