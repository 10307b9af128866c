package io.capstan.state;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Terraform's texts for lock failures: the "Error acquiring the state lock" diagnostic with its
 * Lock Info table (terraform's words, "Terraform acquires a state lock...", as Capstan prints
 * terraform's texts elsewhere), and Capstan's stale-lock note naming the exact {@code force-unlock}
 * command (backends whose lock outlives a crashed holder: s3 lock files, http).
 */
public final class LockMessages {
  public static final String SUMMARY = "Error acquiring the state lock";

  private static final DateTimeFormatter GO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private LockMessages() {}

  /** Terraform's {@code Lock Info:} table (statemgr.LockInfo.String()). */
  public static String lockInfoTable(LockInfo info) {
    return "Lock Info:\n"
        + "  ID:        " + info.id() + "\n"
        + "  Path:      " + info.path() + "\n"
        + "  Operation: " + info.operation() + "\n"
        + "  Who:       " + info.who() + "\n"
        + "  Version:   " + info.version() + "\n"
        + "  Created:   " + goTime(info.created()) + "\n"
        + "  Info:      " + info.info() + "\n";
  }

  /** Go's {@code time.Time.String()} in UTC: fractional seconds up to nanoseconds, trailing zeros dropped. */
  static String goTime(java.time.Instant t) {
    String fraction = t.getNano() == 0 ? "" : String.format(".%09d", t.getNano()).replaceAll("0+$", "");
    return GO_SECONDS.format(t) + fraction + " +0000 UTC";
  }

  /** The lock error itself: the backend's reason, then the holder's table (statemgr.LockError). */
  public static String errorMessage(LockHeldException e) {
    StringBuilder out = new StringBuilder(e.reason());
    if (e.holder() != null) {
      out.append('\n').append(lockInfoTable(e.holder()));
    }
    return out.toString();
  }

  /**
   * The diagnostic detail shown under {@link #SUMMARY}: Terraform's wording, plus, when the holder
   * is gone, which process it was and the exact command that frees the lock.
   */
  public static String detail(LockHeldException e) {
    // terraform's LockErrorMessage: "Error message: %s" and a blank line, %s ending with the table's newline
    StringBuilder out = new StringBuilder("Error message: ").append(errorMessage(e)).append("\n\n");
    if (e.stale() && e.holder() != null) {
      LockInfo h = e.holder();
      out.append("The process that holds this lock");
      if (h.pid() > 0) {
        out.append(" (PID ").append(h.pid());
        if (!h.host().isEmpty()) {
          out.append(" on ").append(h.host());
        }
        out.append(')');
      }
      out.append(" is no longer running, so the lock will not be released by itself.\n")
          .append("If no other operation is using this state, release the lock with:\n\n")
          .append("  ").append(forceUnlockCommand(h.id())).append("\n\n");
    }
    out.append(
        "Terraform acquires a state lock to protect the state from being written\n"
            + "by multiple users at the same time. Please resolve the issue above and try\n"
            + "again. For most commands, you can disable locking with the \"-lock=false\"\n"
            + "flag, but this is not recommended.");
    return out.toString();
  }

  public static String forceUnlockCommand(String lockId) {
    return "capstan force-unlock " + lockId;
  }
}
