package io.capstan.cli.backend;

import io.capstan.hcl.diag.Diagnostic;
import java.util.Objects;

/**
 * A user-facing failure of backend selection or setup, carrying Terraform's diagnostic
 * (summary and detail) so a command prints it as Terraform does and exits 1.
 */
public final class BackendException extends RuntimeException {
  private final String summary;
  private final String detail;

  public BackendException(String summary, String detail) {
    super(summary + ": " + detail);
    this.summary = Objects.requireNonNull(summary, "summary");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  public String summary() {
    return summary;
  }

  public String detail() {
    return detail;
  }

  public Diagnostic diagnostic() {
    return Diagnostic.error(summary, detail, null);
  }

  /** Terraform's "Backend initialization required" error with its reason line. */
  static BackendException initRequired(String reason) {
    return initRequired("Backend initialization required, please run \"terraform init\"", reason);
  }

  /**
   * The same error for a backend block that differs from the initialised one: terraform's
   * {@code determineInitReason} spells its summary with a colon.
   */
  static BackendException initRequiredChanged(String previousType, String type) {
    return initRequired("Backend initialization required: please run \"terraform init\"",
        previousType.equals(type) ? "Backend configuration block has changed"
            : "Backend type changed from \"" + previousType + "\" to \"" + type + "\"");
  }

  private static BackendException initRequired(String summary, String reason) {
    return new BackendException(summary,
        "Reason: " + reason + "\n\n"
            + "The \"backend\" is the interface that Terraform uses to store state,\n"
            + "perform operations, etc. If this message is showing up, it means that the\n"
            + "Terraform configuration you're using is using a custom configuration for\n"
            + "the Terraform backend.\n\n"
            + "Changes to backend configurations require reinitialization. This allows\n"
            + "Terraform to set up the new configuration, copy existing state, etc. Please run\n"
            + "\"terraform init\" with either the \"-reconfigure\" or \"-migrate-state\" flags to\n"
            + "use the current configuration.\n\n"
            + "If the change reason above is incorrect, please verify your configuration\n"
            + "hasn't changed and try again. At this point, no changes to your existing\n"
            + "configuration or state have been made.");
  }

  /** Terraform's "Backend configuration changed" error of {@code init}. */
  static BackendException changed() {
    return new BackendException("Backend configuration changed",
        "A change in the backend configuration has been detected, which may require\n"
            + "migrating existing state.\n\n"
            + "If you wish to attempt automatic migration of the state, use \"terraform\n"
            + "init -migrate-state\".\n"
            + "If you wish to store the current configuration with no changes to the\n"
            + "state, use \"terraform init -reconfigure\".");
  }
}
