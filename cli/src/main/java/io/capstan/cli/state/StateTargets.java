package io.capstan.cli.state;

import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A target address as {@code terraform state rm} and {@code state mv} read one (terraform 1.11's
 * {@code addrs.ParseTargetStr}): an absolute HCL traversal, parsed from a source named "" (so a
 * problem prints as "on  line 1: (source code not available)"), then a module prefix and a
 * resource (instance) after it, each problem a diagnostic in terraform's words. Only the first
 * problem is reported, as terraform's parser stops at it.
 */
public final class StateTargets {
  private StateTargets() {
  }

  private static final String INVALID = "Invalid address";
  private static final String OPERATOR = "Invalid address operator";
  private static final String MODULE_NAME = "Prefix \"module.\" must be followed by a module name.";
  private static final List<String> RESERVED = List.of("count", "each", "local", "module", "path", "self",
      "terraform", "var", "template", "lazy", "arg");

  /** The address, or the diagnostic terraform gives for {@code text}. */
  public static Result<StateAddress> parse(String text) {
    return parse(text, false);
  }

  /**
   * A resource instance address as {@code taint} and {@code untaint} read one (terraform 1.11's
   * {@code addrs.ParseAbsResourceInstanceStr}): a target address, of which a module alone is refused with
   * terraform's words; a resource address without a key is its instance without a key.
   */
  public static Result<StateAddress> parseInstance(String text) {
    return parse(text, true);
  }

  private static Result<StateAddress> parse(String text, boolean instance) {
    Result<Traversal> t = io.capstan.hcl.parser.TraversalParser.parse(text, "", Pos.START);
    if (t.hasErrors()) {
      return new Result<>(null, t.diagnostics());
    }
    Diagnostic problem = problem(t.value().steps());
    if (problem == null && instance && isModule(t.value().steps())) {
      problem = Diagnostic.error(INVALID, "A resource instance address is required here. The module path must be "
          + "followed by a resource instance specification.", t.value().range());
    }
    if (problem != null) {
      return new Result<>(null, new io.capstan.hcl.diag.Diagnostics().add(problem));
    }
    // StateAddress reads the plain form: the optional "resource." prefix is dropped, and an ephemeral
    // resource (never in a state) is read as a managed one and given its mode back
    List<Traverser> steps = t.value().steps();
    int at = 0;
    while (at + 1 < steps.size() && "module".equals(steps.get(at).name())) {
      at += 2;
      if (at < steps.size() && steps.get(at) instanceof TraverseIndex) {
        at++;
      }
    }
    String plain = text;
    String mode = at < steps.size() ? steps.get(at).name() : null;
    if ("resource".equals(mode) || "ephemeral".equals(mode)) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      SourceRange r = steps.get(at).range();
      plain = new String(b, 0, r.start().byteOffset(), StandardCharsets.UTF_8)
          + new String(b, r.end().byteOffset(), b.length - r.end().byteOffset(), StandardCharsets.UTF_8);
      if (plain.startsWith(".")) {
        plain = plain.substring(1);
      }
    }
    Optional<StateAddress> a = StateAddress.parse(plain);
    if (a.isEmpty()) {
      return new Result<>(null, new io.capstan.hcl.diag.Diagnostics().add(Diagnostic.error(INVALID,
          "Resource specification must include a resource type and name.", t.value().range())));
    }
    StateAddress found = a.get();
    if ("ephemeral".equals(mode)) {
      found = new StateAddress(found.module(), "ephemeral", found.type(), found.name(), found.key());
    }
    return Result.of(found);
  }

  /** Whether a traversal that {@link #problem} accepts names a module only (its steps all module steps). */
  private static boolean isModule(List<Traverser> steps) {
    int i = 0;
    while (i < steps.size() && "module".equals(steps.get(i).name())) {
      i += 2;
      if (i < steps.size() && steps.get(i) instanceof TraverseIndex) {
        i++;
      }
    }
    return i >= steps.size();
  }

  /** The first problem terraform's target parser finds in a traversal that parsed, or null. */
  private static Diagnostic problem(List<Traverser> steps) {
    int i = 0;
    while (i < steps.size()) {
      String name = steps.get(i).name();
      if (name == null) {
        return Diagnostic.error(OPERATOR, "Module address prefix must be followed by dot and then a name.",
            steps.get(i).range());
      }
      if (!name.equals("module")) {
        break;
      }
      if (i + 1 >= steps.size()) {
        return Diagnostic.error(OPERATOR, MODULE_NAME, steps.get(i).range());
      }
      if (!(steps.get(i + 1) instanceof TraverseAttr)) {
        return Diagnostic.error(OPERATOR, MODULE_NAME, steps.get(i + 1).range());
      }
      i += 2;
      if (i < steps.size() && steps.get(i) instanceof TraverseIndex idx) {
        if (idx.key() instanceof Literal.Num n && !whole(n.value())) {
          return Diagnostic.error(OPERATOR, "Invalid module index: " + notWhole(n.value()) + ".", idx.range());
        }
        if (!(idx.key() instanceof Literal.Num) && !(idx.key() instanceof Literal.Str)) {
          return Diagnostic.error(OPERATOR, "Invalid module key: must be either a string or an integer.",
              idx.range());
        }
        i++;
      }
    }
    if (i == steps.size()) {
      return null; // a module address
    }
    List<Traverser> rest = steps.subList(i, steps.size());
    String mode = "managed";
    String first = rest.get(0).name();
    if (first.equals("data") || first.equals("ephemeral") || first.equals("resource")) {
      mode = first;
      rest = rest.subList(1, rest.size());
    } else if (RESERVED.contains(first)) {
      return Diagnostic.error(INVALID, "The keyword \"" + first + "\" is reserved and cannot be used to target a "
          + "resource address. If you are targeting a resource type that uses a reserved keyword, please prefix "
          + "your address with \"resource.\".", range(rest));
    }
    if (rest.size() < 2) {
      return Diagnostic.error(INVALID, "Resource specification must include a resource type and name.",
          rest.isEmpty() ? steps.get(steps.size() - 1).range() : range(rest));
    }
    if (rest.get(0).name() == null) {
      String detail = switch (mode) {
        case "data" -> "A data source name is required.";
        case "ephemeral" -> "An ephemeral resource type name is required.";
        default -> "A resource type name is required.";
      };
      return Diagnostic.error(INVALID, detail, rest.get(0).range());
    }
    if (!(rest.get(1) instanceof TraverseAttr)) {
      return Diagnostic.error(INVALID, "A resource name is required.", rest.get(1).range());
    }
    if (rest.size() == 2) {
      return null;
    }
    if (rest.size() > 3) {
      return Diagnostic.error(INVALID, "Unexpected extra operators after address.", rest.get(3).range());
    }
    if (!(rest.get(2) instanceof TraverseIndex idx)) {
      return Diagnostic.error(INVALID, "Resource instance key must be given in square brackets.",
          rest.get(2).range());
    }
    if (idx.key() instanceof Literal.Num n && !whole(n.value())) {
      return Diagnostic.error(INVALID, "Invalid resource instance key: " + notWhole(n.value()) + ".", idx.range());
    }
    if (!(idx.key() instanceof Literal.Num) && !(idx.key() instanceof Literal.Str)) {
      return Diagnostic.error(INVALID, "Invalid resource instance key: invalid key type.", idx.range());
    }
    return null;
  }

  private static SourceRange range(List<Traverser> steps) {
    return new SourceRange(steps.get(0).range().filename(), steps.get(0).range().start(),
        steps.get(steps.size() - 1).range().end());
  }

  /** An integer key as Go's int holds one. */
  private static boolean whole(BigDecimal v) {
    return v.stripTrailingZeros().scale() <= 0 && v.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
  }

  /** gocty's words for a number that is no Go int. */
  private static String notWhole(BigDecimal v) {
    return "value must be a whole number, between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
  }
}
