package io.capstan.provider.install;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One installable package found in a mirror: a provider version for one platform, either an
 * unpacked directory ({@code HOST/NS/TYPE/VERSION/OS_ARCH/}) or a packed zip
 * ({@code terraform-provider-TYPE_VERSION_OS_ARCH.zip}).
 */
public record ProviderPackage(ProviderAddress address, Version version, String platform, Path location,
                              boolean packed) {
    public ProviderPackage {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(location, "location");
    }

    /** The package's {@code h1:} checksum (directory contents or zip entries). */
    public String h1() throws java.io.IOException {
        return packed ? PackageHash.h1OfZip(location) : PackageHash.h1OfDirectory(location);
    }
}
