package io.capstan.provider.install;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One installation method of Terraform's {@code provider_installation} block, with its
 * {@code include}/{@code exclude} patterns. Only filesystem mirrors can deliver packages
 * here; {@code direct} and {@code network_mirror} need network access Capstan does not have
 * on this machine, so they list nothing and are named in "not found" explanations.
 */
public sealed interface InstallMethod {
    List<ProviderPattern> include();

    List<ProviderPattern> exclude();

    /** Whether this method is consulted for {@code a} (include empty means everything). */
    default boolean accepts(ProviderAddress a) {
        return (include().isEmpty() || include().stream().anyMatch(p -> p.matches(a)))
                && exclude().stream().noneMatch(p -> p.matches(a));
    }

    /** The packages this method offers for {@code a} on {@code platform}. */
    List<ProviderPackage> packages(ProviderAddress a, String platform) throws IOException;

    /** How a "not found" message names this location. */
    String describe();

    /** A local directory in the mirror layout, packed and unpacked packages both. */
    record FilesystemMirror(Path dir, List<ProviderPattern> include, List<ProviderPattern> exclude)
            implements InstallMethod {
        public FilesystemMirror {
            Objects.requireNonNull(dir, "dir");
            include = List.copyOf(include);
            exclude = List.copyOf(exclude);
        }

        public static FilesystemMirror of(Path dir) {
            return new FilesystemMirror(dir, List.of(), List.of());
        }

        @Override
        public List<ProviderPackage> packages(ProviderAddress a, String platform) throws IOException {
            Path typeDir = dir.resolve(a.hostname()).resolve(a.namespace()).resolve(a.type());
            List<ProviderPackage> out = new ArrayList<>();
            if (!Files.isDirectory(typeDir)) {
                return out;
            }
            String zipPrefix = "terraform-provider-" + a.type() + "_";
            String zipSuffix = "_" + platform + ".zip";
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(typeDir)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (Files.isDirectory(p)) {
                        Version v = Version.parse(name);
                        Path platformDir = p.resolve(platform);
                        if (v != null && Files.isDirectory(platformDir)) {
                            out.add(new ProviderPackage(a, v, platform, platformDir, false));
                        }
                    } else if (name.startsWith(zipPrefix) && name.endsWith(zipSuffix)) {
                        Version v = Version.parse(name.substring(zipPrefix.length(), name.length() - zipSuffix.length()));
                        if (v != null) {
                            out.add(new ProviderPackage(a, v, platform, p, true));
                        }
                    }
                }
            }
            return out;
        }

        @Override
        public String describe() {
            return dir.toString();
        }
    }

    /** The origin registry named by the address's hostname: needs the network. */
    record Direct(List<ProviderPattern> include, List<ProviderPattern> exclude) implements InstallMethod {
        public Direct {
            include = List.copyOf(include);
            exclude = List.copyOf(exclude);
        }

        @Override
        public List<ProviderPackage> packages(ProviderAddress a, String platform) {
            return List.of();
        }

        @Override
        public String describe() {
            return "the provider's origin registry (direct installation: needs network access, not available to "
                    + "Capstan here)";
        }
    }

    /** A network mirror at {@code url}: needs the network. */
    record NetworkMirror(String url, List<ProviderPattern> include, List<ProviderPattern> exclude)
            implements InstallMethod {
        public NetworkMirror {
            Objects.requireNonNull(url, "url");
            include = List.copyOf(include);
            exclude = List.copyOf(exclude);
        }

        @Override
        public List<ProviderPackage> packages(ProviderAddress a, String platform) {
            return List.of();
        }

        @Override
        public String describe() {
            return "the network mirror " + url + " (needs network access, not available to Capstan here)";
        }
    }
}
