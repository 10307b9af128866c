package io.capstan.graph.validate;

import io.capstan.graph.config.Module;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks every module's {@code required_version} against the Terraform version Capstan is
 * compatible with, with Terraform's operators ({@code = != > >= < <= ~>}, comma-separated).
 */
public final class RequiredVersionCheck {
    /** The Terraform release whose language and behaviour Capstan follows. */
    public static final String COMPATIBLE_VERSION = "1.11.4";

    private RequiredVersionCheck() {
    }

    public static void check(ModuleTree tree, String version, Diagnostics diags) {
        for (ModuleTree t : tree.all()) {
            for (Module.VersionRequirement r : t.module().requiredVersions()) {
                Boolean ok = satisfies(version, r.constraint());
                if (ok == null) {
                    diags.add(Diagnostic.error("Invalid version constraint", "This string does not use correct "
                            + "version constraint syntax.", r.range()));
                } else if (!ok) {
                    diags.add(Diagnostic.error("Unsupported Terraform Core version", "This configuration does not "
                            + "support Terraform version " + version + ". To proceed, either choose another supported "
                            + "Terraform version or update this version constraint. Version constraints are normally "
                            + "set for good reason, so updating the constraint may lead to other errors or unexpected "
                            + "behavior.", r.range()));
                }
            }
        }
    }

    /** Whether {@code version} meets {@code constraints}; null when the constraint string is malformed. */
    public static Boolean satisfies(String version, String constraints) {
        int[] v = parse(version);
        for (String c : constraints.split(",")) {
            c = c.trim();
            String op = "=";
            for (String o : List.of("~>", ">=", "<=", "!=", ">", "<", "=")) {
                if (c.startsWith(o)) {
                    op = o;
                    c = c.substring(o.length()).trim();
                    break;
                }
            }
            int[] want = parse(c);
            int parts = c.isEmpty() ? 0 : c.split("\\.").length;
            if (want == null || parts == 0) {
                return null;
            }
            int cmp = compare(v, want);
            boolean ok = switch (op) {
                case "=" -> cmp == 0;
                case "!=" -> cmp != 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                default -> cmp >= 0 && pessimisticUpper(v, want, parts);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean pessimisticUpper(int[] v, int[] want, int parts) {
        // ~> 1.2.3 allows >= 1.2.3, < 1.3.0; ~> 1.2 allows >= 1.2, < 2.0
        int fixed = Math.max(1, parts - 1);
        for (int i = 0; i < fixed; i++) {
            if (v[i] != want[i]) {
                return false;
            }
        }
        return true;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static int[] parse(String s) {
        s = s.trim();
        if (s.startsWith("v")) {
            s = s.substring(1);
        }
        int dash = s.indexOf('-');
        if (dash >= 0) {
            s = s.substring(0, dash);
        }
        List<Integer> out = new ArrayList<>();
        for (String p : s.split("\\.")) {
            try {
                out.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (out.isEmpty() || out.size() > 3) {
            return null;
        }
        while (out.size() < 3) {
            out.add(0);
        }
        return new int[]{out.get(0), out.get(1), out.get(2)};
    }
}
