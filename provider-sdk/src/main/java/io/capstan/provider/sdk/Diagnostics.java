package io.capstan.provider.sdk;

import io.capstan.provider.client.AttributePath;
import io.capstan.provider.client.PathStep;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.hcl.diag.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * What a provider's code reports instead of throwing: errors and warnings, each optionally
 * pointing at an attribute ({@code path("keepers")}, {@code path("rule", 0, "port")}), which
 * Terraform and Capstan show under the configuration line that set it.
 */
public final class Diagnostics {
    private final List<ProviderDiagnostic> items = new ArrayList<>();

    public void error(String summary, String detail) {
        items.add(new ProviderDiagnostic(Severity.ERROR, summary, detail, null));
    }

    public void error(AttributePath at, String summary, String detail) {
        items.add(new ProviderDiagnostic(Severity.ERROR, summary, detail, at));
    }

    /** An error on a top-level attribute. */
    public void attributeError(String attribute, String summary, String detail) {
        error(path(attribute), summary, detail);
    }

    public void warning(String summary, String detail) {
        items.add(new ProviderDiagnostic(Severity.WARNING, summary, detail, null));
    }

    public void warning(AttributePath at, String summary, String detail) {
        items.add(new ProviderDiagnostic(Severity.WARNING, summary, detail, at));
    }

    public void addAll(List<ProviderDiagnostic> more) {
        items.addAll(more);
    }

    public boolean hasErrors() {
        // a loop, not a stream with a method reference: the first calls come from up to a hundred
        // threads at once (time_sleep's creates ending together), and each thread that reached the
        // call site before it was linked spun a lambda class of its own (ten in one apply)
        for (ProviderDiagnostic d : items) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }

    public List<ProviderDiagnostic> toList() {
        return List.copyOf(items);
    }

    /**
     * A path from attribute names (strings) and element keys: an {@code Integer}/{@code Long}
     * is a list index, a string after the first step written as {@code "[key]"} is a map key.
     */
    public static AttributePath path(Object... steps) {
        List<PathStep> out = new ArrayList<>();
        for (Object s : steps) {
            if (s instanceof Number n) {
                out.add(new PathStep.ElementKeyInt(n.longValue()));
            } else {
                String str = String.valueOf(s);
                if (str.startsWith("[") && str.endsWith("]") && str.length() >= 2) {
                    out.add(new PathStep.ElementKeyString(str.substring(1, str.length() - 1)));
                } else {
                    out.add(new PathStep.AttributeName(str));
                }
            }
        }
        return new AttributePath(out);
    }
}
