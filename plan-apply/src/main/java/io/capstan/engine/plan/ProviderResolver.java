package io.capstan.engine.plan;

import io.capstan.graph.addrs.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds a provider's executable in Terraform's layout,
 * {@code DIR/HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/terraform-provider-TYPE_vVERSION}, searching
 * {@code .terraform/providers} of the working directory and then any {@code -plugin-dir}.
 * The highest version found wins when several are installed.
 */
public final class ProviderResolver {
    private final List<Path> dirs;
    private final Path workdir;

    public ProviderResolver(Path workdir, List<Path> pluginDirs) {
        this.workdir = workdir;
        this.dirs = new ArrayList<>();
        this.dirs.add(workdir.resolve(".terraform").resolve("providers"));
        this.dirs.addAll(pluginDirs);
    }

    /** The working directory (where the built-in provider resolves relative state paths). */
    public Path workdir() {
        return workdir;
    }

    /** The current platform as Terraform names it, e.g. {@code linux_amd64}. */
    public static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        String goOs = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String goArch = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
        return goOs + "_" + goArch;
    }

    /** The executable for {@code p}, or null when it is not installed. */
    public Path find(Provider p) {
        for (Path d : dirs) {
            Path typeDir = d.resolve(p.hostname()).resolve(p.namespace()).resolve(p.type());
            if (!Files.isDirectory(typeDir)) {
                continue;
            }
            try (Stream<Path> versions = Files.list(typeDir)) {
                List<Path> sorted = versions.sorted(Comparator.comparing(ProviderResolver::versionKey).reversed()).toList();
                for (Path v : sorted) {
                    Path platformDir = v.resolve(platform());
                    if (!Files.isDirectory(platformDir)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(platformDir)) {
                        Path exe = files.filter(f -> f.getFileName().toString().startsWith("terraform-provider-" + p.type())
                                && Files.isExecutable(f)).findFirst().orElse(null);
                        if (exe != null) {
                            return exe;
                        }
                    }
                }
            } catch (IOException e) {
                // unreadable directory: look in the next one
            }
        }
        return null;
    }

    private static String versionKey(Path v) {
        StringBuilder sb = new StringBuilder();
        for (String part : v.getFileName().toString().split("[.-]")) {
            sb.append(String.format("%10s", part)).append('.');
        }
        return sb.toString();
    }
}
