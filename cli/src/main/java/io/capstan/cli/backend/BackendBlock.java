package io.capstan.cli.backend;

import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.body.File;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes a {@code backend} block into flat string arguments (nested blocks as
 * {@code block.attr}, e.g. {@code endpoints.s3}) and merges {@code -backend-config} values over
 * them as Terraform does: each value is either {@code key=value} or the path of an HCL file of
 * arguments; later values win. Backend arguments cannot refer to anything, so expressions are
 * evaluated without variables (Terraform: "Variables not allowed").
 */
public final class BackendBlock {
  private BackendBlock() {}

  /** The arguments written in the block. */
  public static Map<String, String> arguments(Body body) {
    Map<String, String> out = new TreeMap<>();
    Diagnostics diags = new Diagnostics();
    collect(body, "", out, diags);
    throwIfErrors(diags, "Invalid backend configuration");
    return out;
  }

  /** {@code base} with every {@code -backend-config} value applied in order, relative files resolved in {@code workdir}. */
  public static Map<String, String> merge(Map<String, String> base, List<String> backendConfig, Path workdir) {
    Map<String, String> out = new TreeMap<>(base);
    for (String item : backendConfig) {
      int eq = item.indexOf('=');
      Path file = workdir.resolve(item);
      if (eq > 0 && !Files.isRegularFile(file)) {
        String key = item.substring(0, eq).trim();
        String value = item.substring(eq + 1);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        out.put(key, value);
        continue;
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new BackendException("Failed to read file",
            "The file \"" + item + "\" could not be read.");
      }
      Result<File> parsed = HclParser.parseConfig(bytes, item);
      throwIfErrors(parsed.diagnostics(), "Invalid backend configuration file");
      Diagnostics diags = new Diagnostics();
      collect(parsed.value().body(), "", out, diags);
      throwIfErrors(diags, "Invalid backend configuration file");
    }
    return out;
  }

  private static void collect(Body body, String prefix, Map<String, String> out, Diagnostics diags) {
    if (body instanceof SyntaxBody sb) {
      for (Attribute a : sb.attributes()) {
        put(a, prefix, out, diags);
      }
      for (Block b : sb.blocks()) {
        collect(b.body(), prefix + b.type() + ".", out, diags);
      }
      return;
    }
    Result<Map<String, Attribute>> attrs = body.justAttributes();
    diags.addAll(attrs.diagnostics());
    if (attrs.value() != null) {
      attrs.value().values().forEach(a -> put(a, prefix, out, diags));
    }
  }

  private static void put(Attribute a, String prefix, Map<String, String> out, Diagnostics diags) {
    if (!a.expr().variables().isEmpty()) {
      diags.add(Diagnostic.error("Variables not allowed",
          "Variables may not be used here.", a.expr().range()));
      return;
    }
    Result<Value> r = Evaluator.evaluate(a.expr(), EvalContext.standard(Map.of(), Path.of(".")));
    diags.addAll(r.diagnostics());
    Value v = r.value();
    if (v == null || r.hasErrors() || v.isNull()) {
      return;
    }
    if (v.isMapping() && v.isWhollyKnown()) {
      // an object argument such as s3's endpoints = { s3 = "..." } becomes endpoints.s3, as a nested block would
      v.entries().forEach((k, e) -> {
        if (!e.isNull()) {
          out.put(prefix + a.name() + "." + k, text(e));
        }
      });
      return;
    }
    out.put(prefix + a.name(), text(v));
  }

  static String text(Value v) {
    Type t = v.type();
    if (t.equals(Type.STRING)) {
      return v.asString();
    }
    if (t.equals(Type.NUMBER)) {
      return v.asNumber().toString();
    }
    if (t.equals(Type.BOOL)) {
      return Boolean.toString(v.asBool());
    }
    return ValueJson.encode(v);
  }

  private static void throwIfErrors(Diagnostics diags, String summary) {
    for (Diagnostic d : diags) {
      if (d.isError()) {
        String where = d.subject() == null ? "" : " (" + d.subject().filename() + " line "
            + d.subject().start().line() + ")";
        throw new BackendException(summary, d.summary() + where + ": " + d.detail());
      }
    }
  }
}
