package io.capstan.provider.sdk.testing;

import io.capstan.provider.client.AttributePath;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.sdk.ObjectData;
import java.util.List;

/**
 * What planning one resource produced, as Terraform would show it: the action, the planned
 * value (null when destroying or when planning failed), the attributes forcing replacement
 * and the provider's diagnostics.
 */
public record PlannedChange(Action action, ObjectData planned, List<AttributePath> requiresReplace,
                            List<ProviderDiagnostic> diagnostics) {

    /** The actions of {@code terraform plan}. */
    public enum Action { NO_OP, CREATE, UPDATE, REPLACE, DELETE, FAILED }

    public PlannedChange {
        requiresReplace = List.copyOf(requiresReplace);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(ProviderDiagnostic::isError);
    }

    /** Attributes forcing replacement, rendered as Terraform does ({@code keepers["a"]}). */
    public List<String> replacePaths() {
        return requiresReplace.stream().map(AttributePath::toString).toList();
    }
}
