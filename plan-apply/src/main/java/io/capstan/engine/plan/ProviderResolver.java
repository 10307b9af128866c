package io.capstan.engine.plan;

import io.capstan.graph.addrs.Provider;
import io.capstan.hcl.diag.Result;
import io.capstan.provider.install.LockFile;
import io.capstan.provider.install.LockedProvider;
import io.capstan.provider.install.ProviderAddress;
import io.capstan.provider.install.ProviderInstaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds a provider's executable in Terraform's layout,
 * {@code DIR/HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/terraform-provider-TYPE_vVERSION}, where
 * {@code init} put it: the version {@code .terraform.lock.hcl} selected, in the data directory
 * ({@code TF_DATA_DIR} or {@code .terraform}), then that version in any {@code -plugin-dir}.
 * A provider the lock file does not name (no {@code init} yet) falls back to the highest
 * version found there. A provider the CLI configuration's {@code dev_overrides} name runs from
 * its directory instead, whatever the lock file and the installed packages say (as terraform's
 * {@code devOverrideProviderFactory}).
 */
public final class ProviderResolver {
    private final List<Path> dirs;
    private final LockFile lock;
    private final Path workdir;
    private final Map<String, String> env;
    private final Map<ProviderAddress, Path> devOverrides;

    /** As {@link #ProviderResolver(Path, Map, List)} with this process's environment. */
    public ProviderResolver(Path workdir, List<Path> pluginDirs) {
        this(workdir, System.getenv(), pluginDirs);
    }

    public ProviderResolver(Path workdir, Map<String, String> env, List<Path> pluginDirs) {
        this(workdir, env, pluginDirs, readLock(workdir), Map.of());
    }

    /** As {@link #ProviderResolver(Path, Map, List)}, with the CLI configuration's {@code dev_overrides}. */
    public ProviderResolver(Path workdir, Map<String, String> env, List<Path> pluginDirs,
            Map<ProviderAddress, Path> devOverrides) {
        this(workdir, env, pluginDirs, readLock(workdir), devOverrides);
    }

    /**
     * With the lock file's selections {@code lock} as the command already read them (once per command);
     * {@link LockFile#EMPTY} resolves as if there were no lock file.
     */
    public ProviderResolver(Path workdir, Map<String, String> env, List<Path> pluginDirs, LockFile lock) {
        this(workdir, env, pluginDirs, lock, Map.of());
    }

    /** With the lock file's selections and the CLI configuration's {@code dev_overrides}. */
    public ProviderResolver(Path workdir, Map<String, String> env, List<Path> pluginDirs, LockFile lock,
            Map<ProviderAddress, Path> devOverrides) {
        this.devOverrides = Map.copyOf(devOverrides);
        this.workdir = workdir;
        this.env = Map.copyOf(env);
        this.dirs = new ArrayList<>();
        this.dirs.add(ProviderInstaller.dataDir(workdir, env).resolve("providers"));
        this.dirs.addAll(pluginDirs);
        this.lock = lock == null ? LockFile.EMPTY : lock;
    }

    private static LockFile readLock(Path workdir) {
        try {
            Result<LockFile> r = ProviderInstaller.readLock(workdir);
            return r == null || r.hasErrors() ? LockFile.EMPTY : r.value();
        } catch (IOException e) {
            // unreadable lock file: resolve as if there were none (init reports the file's problems)
            return LockFile.EMPTY;
        }
    }

    /** The working directory: providers run in it, so relative paths (e.g. {@code local_file}) mean the same as in Terraform. */
    public Path workdir() {
        return workdir;
    }

    /**
     * The run's environment for the processes it starts (provider plugins), without go-plugin's
     * handshake variables, which the launcher sets: a resident server (CAPSTAN_DAEMON) runs each
     * client's command with that client's environment, not its own.
     */
    public Map<String, String> environment() {
        Map<String, String> e = new java.util.HashMap<>(env);
        for (java.util.Iterator<String> it = e.keySet().iterator(); it.hasNext(); ) {
            String k = it.next();
            if (k.startsWith("PLUGIN_") || k.equals("TF_PLUGIN_MAGIC_COOKIE")) {
                it.remove();
            }
        }
        return e;
    }

    /** The providers {@code .terraform.lock.hcl} selects versions of (what {@code init} installed). */
    public List<Provider> locked() {
        List<Provider> out = new java.util.ArrayList<>(lock.providers().size());
        for (var a : lock.providers().keySet()) {
            out.add(new Provider(a.hostname(), a.namespace(), a.type()));
        }
        return List.copyOf(out);
    }

    /** The version {@code .terraform.lock.hcl} selects for {@code p}, or null when it names none. */
    public String lockedVersion(Provider p) {
        LockedProvider locked = lock.get(new ProviderAddress(p.hostname(), p.namespace(), p.type()));
        return locked == null ? null : locked.version().toString();
    }

    /** The current platform as Terraform names it, e.g. {@code linux_amd64}. */
    public static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        String goOs = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String goArch = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
        return goOs + "_" + goArch;
    }

    /** The CLI configuration's {@code dev_overrides}: providers run from a directory of their own. */
    public Map<ProviderAddress, Path> devOverrides() {
        return devOverrides;
    }

    /** Whether the CLI configuration's {@code dev_overrides} name {@code p}: it runs from their directory, installed or not. */
    public boolean overridden(Provider p) {
        return !devOverrides.isEmpty()
                && devOverrides.containsKey(new ProviderAddress(p.hostname(), p.namespace(), p.type()));
    }

    /** The executable for {@code p}, or null when it is not installed. */
    public Path find(Provider p) {
        if (!devOverrides.isEmpty()) {
            Path dir = devOverrides.get(new ProviderAddress(p.hostname(), p.namespace(), p.type()));
            if (dir != null) {
                return executable(workdir.resolve(dir), p);
            }
        }
        LockedProvider locked = lock.get(new ProviderAddress(p.hostname(), p.namespace(), p.type()));
        if (locked != null) {
            for (Path d : dirs) {
                Path exe = executable(d.resolve(p.hostname()).resolve(p.namespace()).resolve(p.type())
                        .resolve(locked.version().toString()).resolve(platform()), p);
                if (exe != null) {
                    return exe;
                }
            }
            return null;
        }
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
                    Path exe = executable(platformDir, p);
                    if (exe != null) {
                        return exe;
                    }
                }
            } catch (IOException e) {
                // unreadable directory: look in the next one
            }
        }
        return null;
    }

    private static Path executable(Path platformDir, Provider p) {
        if (!Files.isDirectory(platformDir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(platformDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("terraform-provider-" + p.type())
                    && Files.isExecutable(f)).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String versionKey(Path v) {
        StringBuilder sb = new StringBuilder();
        for (String part : v.getFileName().toString().split("[.-]")) {
            sb.append(String.format("%10s", part)).append('.');
        }
        return sb.toString();
    }
}
