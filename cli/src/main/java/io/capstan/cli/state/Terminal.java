package io.capstan.cli.state;

import io.capstan.cli.backend.BackendException;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.DiagnosticRenderer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;

/**
 * The streams of one state command and how it prints diagnostics: Terraform's framed box
 * unless {@code -no-color}, then the plain form.
 */
public record Terminal(PrintWriter out, PrintWriter err, boolean color) {
  private static final DiagnosticRenderer.Sources NO_SOURCES = File.sources(List.of());

  public Terminal {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /** Terraform's width when stdout is not a terminal (plain details wrap one column earlier). */
  static final int WIDTH = 78;

  public void print(Diagnostic d) {
    PrintWriter w = d.isError() ? err : out;
    w.print(new DiagnosticRenderer(NO_SOURCES, color, WIDTH).render(d));
    if (color && d.isError()) {
      w.println();
    }
    w.flush();
  }

  /** Prints an error diagnostic and returns exit code 1. */
  public int error(String summary, String detail) {
    print(Diagnostic.error(summary, detail, null));
    return 1;
  }

  /**
   * Prints an error diagnostic as terraform's older commands pass one to their coloured UI (its
   * error colour around the whole box, and a reset line after it; without colour an empty line
   * after it), and returns exit code 1.
   */
  public int uiError(String summary, String detail) {
    String box = new DiagnosticRenderer(NO_SOURCES, color, WIDTH).render(Diagnostic.error(summary, detail, null));
    err.print(color ? "\u001b[31m" + box + "\u001b[0m\u001b[0m\n" : box + "\n");
    err.flush();
    return 1;
  }

  public void warning(String summary, String detail) {
    print(Diagnostic.warning(summary, detail, null));
  }

  public int error(BackendException e) {
    print(e.diagnostic());
    return 1;
  }

  /** A plain (non-diagnostic) message on stderr, as Terraform prints some legacy errors. */
  public int plainError(String text) {
    err.print(text);
    err.flush();
    return 1;
  }
}
