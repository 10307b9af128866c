package io.capstan.provider.install;

/**
 * What {@link ProviderInstaller} is doing, one call per step, so that {@code capstan init}
 * can print Terraform's progress lines ("- Finding ...", "- Installing ...") without the
 * installer printing anything itself. Every method does nothing by default.
 */
public interface InstallEvents {
    InstallEvents NONE = new InstallEvents() {
    };

    /** A required provider that is part of the program ({@code terraform.io/builtin/terraform}). */
    default void builtIn(ProviderAddress a) {
    }

    default void reusingLocked(ProviderAddress a, Version v) {
    }

    /** Looking for versions; {@code constraints} empty means "latest". */
    default void finding(ProviderAddress a, VersionConstraints constraints) {
    }

    default void usingPreviouslyInstalled(ProviderAddress a, Version v) {
    }

    default void installing(ProviderAddress a, Version v) {
    }

    /** Installed; {@code authentication} is Terraform's word for it, here always "unauthenticated". */
    default void installed(ProviderAddress a, Version v, String authentication) {
    }
}
