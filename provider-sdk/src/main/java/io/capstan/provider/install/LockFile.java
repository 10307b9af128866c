package io.capstan.provider.install;

import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.File;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dependency lock file {@code .terraform.lock.hcl}, read and written in exactly the form
 * Terraform uses, so that Terraform and Capstan can share one file: header comment, one
 * {@code provider} block per provider sorted by address, {@code version} and
 * {@code constraints} aligned, {@code hashes} one per line with a trailing comma.
 */
public record LockFile(Map<ProviderAddress, LockedProvider> providers) {
    public static final String FILE_NAME = ".terraform.lock.hcl";
    public static final LockFile EMPTY = new LockFile(Map.of());

    public LockFile {
        providers = Collections.unmodifiableMap(new TreeMap<>(providers));
    }

    public LockedProvider get(ProviderAddress a) {
        return providers.get(a);
    }

    /** A copy with {@code p} added or replaced. */
    public LockFile with(LockedProvider p) {
        TreeMap<ProviderAddress, LockedProvider> m = new TreeMap<>(providers);
        m.put(p.address(), p);
        return new LockFile(m);
    }

    /** Parses the file's text; problems come back as diagnostics against {@code filename}. */
    public static Result<LockFile> parse(byte[] src, String filename) {
        Result<File> parsed = HclParser.parseConfig(src, filename);
        Diagnostics diags = new Diagnostics().addAll(parsed.diagnostics());
        Map<ProviderAddress, LockedProvider> out = new TreeMap<>();
        if (parsed.value() == null || !(parsed.value().body() instanceof SyntaxBody body)) {
            return new Result<>(EMPTY, diags);
        }
        for (Attribute a : body.attributes()) {
            diags.add(Diagnostic.error("Unsupported argument", "An argument named \"" + a.name()
                    + "\" is not expected here.", a.nameRange()));
        }
        for (Block b : body.blocks()) {
            if (!b.type().equals("provider") || b.labels().size() != 1) {
                if (!b.type().equals("module")) {
                    diags.add(Diagnostic.error("Unsupported block type", "Blocks of type \"" + b.type()
                            + "\" are not expected here.", b.typeRange()));
                }
                continue;
            }
            LockedProvider p = provider(b, diags);
            if (p != null) {
                if (out.containsKey(p.address())) {
                    diags.add(Diagnostic.error("Duplicate provider lock", "This lockfile already declared a lock for "
                            + "provider " + p.address() + ".", b.defRange()));
                } else {
                    out.put(p.address(), p);
                }
            }
        }
        return new Result<>(new LockFile(out), diags);
    }

    private static LockedProvider provider(Block b, Diagnostics diags) {
        String label = b.labels().get(0);
        ProviderAddress.Parsed addr = ProviderAddress.parse(label);
        if (addr.address() == null || addr.address().toString().split("/").length != 3 || !label.contains("/")
                || label.chars().filter(c -> c == '/').count() != 2) {
            diags.add(Diagnostic.error("Invalid provider source address", "Cannot parse \"" + label
                    + "\" as a provider source address: a lock file needs the full form HOST/NAMESPACE/TYPE.",
                    b.defRange()));
            return null;
        }
        if (!(b.body() instanceof SyntaxBody body)) {
            return null;
        }
        String version = null;
        String constraints = "";
        List<String> hashes = new ArrayList<>();
        for (Attribute a : body.attributes()) {
            Result<Value> r = Evaluator.evaluate(a.expr(), EvalContext.empty());
            diags.addAll(r.diagnostics());
            Value v = r.value();
            if (r.hasErrors() || v == null || v.isNull() || !v.isWhollyKnown()) {
                continue;
            }
            switch (a.name()) {
                case "version" -> version = v.type().isPrimitive() ? v.asString() : null;
                case "constraints" -> constraints = v.type().isPrimitive() ? v.asString() : "";
                case "hashes" -> {
                    if (!v.isSequence()) {
                        diags.add(Diagnostic.error("Invalid provider hash set", "The \"hashes\" argument must be a "
                                + "list of strings.", a.range()));
                    } else {
                        v.elements().forEach(e -> hashes.add(e.asString()));
                    }
                }
                default -> diags.add(Diagnostic.error("Unsupported argument", "An argument named \"" + a.name()
                        + "\" is not expected here.", a.nameRange()));
            }
        }
        Version ver = version == null ? null : Version.parse(version);
        if (ver == null) {
            diags.add(Diagnostic.error(version == null ? "Missing required argument" : "Invalid provider version number",
                    version == null ? "The argument \"version\" is required." : "The selected version number \""
                            + version + "\" is not valid.", b.defRange()));
            return null;
        }
        return new LockedProvider(addr.address(), ver, constraints, hashes);
    }

    /** The file's text exactly as Terraform writes it. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# This file is maintained automatically by \"terraform init\".\n");
        sb.append("# Manual edits may be lost in future updates.\n");
        for (LockedProvider p : providers.values()) {
            sb.append('\n');
            sb.append("provider \"").append(p.address()).append("\" {\n");
            if (p.constraints().isEmpty()) {
                sb.append("  version = \"").append(p.version()).append("\"\n");
            } else {
                sb.append("  version     = \"").append(p.version()).append("\"\n");
                sb.append("  constraints = \"").append(p.constraints()).append("\"\n");
            }
            if (!p.hashes().isEmpty()) {
                sb.append("  hashes = [\n");
                for (String h : p.hashes()) {
                    sb.append("    \"").append(h).append("\",\n");
                }
                sb.append("  ]\n");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    public byte[] renderBytes() {
        return render().getBytes(StandardCharsets.UTF_8);
    }
}
