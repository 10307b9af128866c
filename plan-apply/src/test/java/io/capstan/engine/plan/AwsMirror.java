package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real hashicorp/aws provider from the filesystem mirror under {@code /opt/tf-plugins}, for
 * tests that need a third-party provider process: offline, with dummy credentials, its
 * {@code aws_region} data source reports the region an instance was configured with.
 */
final class AwsMirror {
    static final Path PLUGINS = Path.of("/opt/tf-plugins");

    /** Provider block arguments that let aws work offline; insert them before a block's closing brace. */
    static final String OFFLINE_CREDENTIALS = """
              access_key                  = "AKIAEXAMPLE"
              secret_key                  = "dummy"
              skip_credentials_validation = true
              skip_requesting_account_id  = true
              skip_metadata_api_check     = true
            """;

    private AwsMirror() {
    }

    /** Fails (does not skip) when the mirror is missing: CI installs it. */
    static void require() {
        assertTrue(Files.isDirectory(PLUGINS.resolve("registry.terraform.io/hashicorp/aws")),
                "the aws provider mirror is expected in /opt/tf-plugins");
    }

    /** Providers for the configuration in {@code dir}, resolved from the mirror. */
    static Providers providers(Path dir) {
        return new Providers(new ProviderResolver(dir, List.of(PLUGINS)));
    }
}
