package io.capstan.providers.local;

import io.capstan.provider.sdk.Provider;

/**
 * The {@code local} provider: files on the machine running Terraform (or Capstan), with the
 * attribute names and behaviour of hashicorp/local. A managed file that disappears or whose
 * content changes outside Terraform is planned for re-creation.
 */
public final class LocalProvider {
    private LocalProvider() {
    }

    public static Provider create() {
        return Provider.builder("local")
                .resource("local_file", new LocalFileResource(false))
                .resource("local_sensitive_file", new LocalFileResource(true))
                .dataSource("local_file", new LocalFileDataSource(false))
                .dataSource("local_sensitive_file", new LocalFileDataSource(true))
                .build();
    }
}
