package io.capstan.provider.install;

import io.capstan.hcl.diag.Diagnostics;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link ProviderInstaller#install} run: the new lock file (written by the
 * installer unless read-only or failed), whether it differs from the previous one (and
 * whether there was one), the providers whose checksums were computed locally (Terraform's
 * "Incomplete lock file information" warning), each installed package directory, and the
 * diagnostics.
 */
public record InstallResult(LockFile lock, boolean lockChanged, boolean lockExisted,
                            List<ProviderAddress> locallyHashed, Map<ProviderAddress, java.nio.file.Path> installed,
                            Diagnostics diagnostics) {
    public InstallResult {
        Objects.requireNonNull(lock, "lock");
        locallyHashed = List.copyOf(locallyHashed);
        installed = Map.copyOf(installed);
        Objects.requireNonNull(diagnostics, "diagnostics");
    }
}
