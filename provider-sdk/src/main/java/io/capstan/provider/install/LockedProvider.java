package io.capstan.provider.install;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One {@code provider "HOST/NS/TYPE"} block of {@code .terraform.lock.hcl}: the selected
 * version, the normalized constraints it was selected under (empty when none) and the
 * package checksums that future installs must match, kept sorted and unique.
 */
public record LockedProvider(ProviderAddress address, Version version, String constraints, List<String> hashes) {
    public LockedProvider {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(constraints, "constraints");
        hashes = List.copyOf(new TreeSet<>(hashes));
    }

    /** Whether {@code hash} is among the recorded checksums. */
    public boolean hasHash(String hash) {
        return hashes.contains(hash);
    }
}
