package io.capstan.provider;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Locates real binaries the tests talk to: the hashicorp/aws provider from the machine's
 * filesystem mirror and the terraform CLI. A test that needs a missing one is skipped
 * with a printed reason, never silently passed.
 */
public final class TestBinaries {
    private static Optional<Path> aws;

    private TestBinaries() {
    }

    /** The hashicorp/aws provider binary, found with {@code find / -maxdepth 8}. */
    public static synchronized Optional<Path> awsProvider() {
        if (aws == null) {
            aws = find("terraform-provider-aws_v*");
        }
        return aws;
    }

    public static Path requireAwsProvider() {
        Optional<Path> p = awsProvider();
        if (p.isEmpty()) {
            System.out.println("SKIPPED: no terraform-provider-aws_v* binary found within 8 levels of /");
        }
        assumeTrue(p.isPresent(), "no terraform-provider-aws_v* binary on this machine");
        return p.get();
    }

    public static Path requireTerraform() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path t = Path.of(dir, "terraform");
            if (Files.isExecutable(t)) {
                return t;
            }
        }
        System.out.println("SKIPPED: terraform is not on the PATH");
        assumeTrue(false, "terraform is not on the PATH");
        return null;
    }

    private static Optional<Path> find(String pattern) {
        try {
            Process p = new ProcessBuilder("find", "/", "-maxdepth", "8", "-path", "/proc", "-prune", "-o",
                    "-name", pattern, "-type", "f", "-print", "-quit")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(60, TimeUnit.SECONDS);
            return out.isEmpty() ? Optional.empty() : Optional.of(Path.of(out.lines().findFirst().orElseThrow()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
