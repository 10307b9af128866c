package io.capstan.provider.install;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Installs the required providers into {@code .terraform/providers/HOST/NS/TYPE/VERSION/OS_ARCH/}
 * the way {@code terraform init} does: a locked version is reused while it satisfies the
 * constraints (unless {@code -upgrade}); otherwise the newest allowed version in the sources
 * is selected. A package already installed and matching the lock file is used as it is; any
 * other is installed (symbolic link to an unpacked mirror directory, or unpacked from a zip,
 * through the plugin cache directory when one is configured) after its {@code h1:} checksum
 * was checked against the lock file. The new lock file is written unless the run failed or
 * the lock file is read-only, in which case any change is an error.
 */
public final class ProviderInstaller {
    /** Where Terraform documents checksum verification; its error messages link here. */
    static final String CHECKSUM_DOC =
            "https://developer.hashicorp.com/terraform/language/files/dependency-lock#checksum-verification";

    /** Options from {@code init}'s flags. */
    public record Options(boolean upgrade, boolean lockfileReadonly, Path pluginCacheDir, String platform) {
        public Options {
            Objects.requireNonNull(platform, "platform");
        }

        public static Options defaults() {
            return new Options(false, false, null, currentPlatform());
        }
    }

    private final InstallSources sources;
    private final Path dataDir;
    private final Options options;
    private final InstallEvents events;

    /** {@code dataDir} is the working directory's {@code .terraform} (or {@code TF_DATA_DIR}). */
    public ProviderInstaller(InstallSources sources, Path dataDir, Options options, InstallEvents events) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.options = Objects.requireNonNull(options, "options");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Terraform's name for this machine's platform, e.g. {@code linux_amd64}. */
    public static String currentPlatform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String goos = os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "darwin"
                : os.contains("windows") ? "windows" : os.contains("freebsd") ? "freebsd" : os;
        String goarch = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> arch;
        };
        return goos + "_" + goarch;
    }

    /** The working directory's data directory, where {@code init} installs: {@code TF_DATA_DIR} or {@code .terraform}. */
    public static Path dataDir(Path workDir, Map<String, String> env) {
        String d = env.get("TF_DATA_DIR");
        return d == null || d.isEmpty() ? workDir.resolve(".terraform") : workDir.resolve(d);
    }

    /** The installed package directory of one provider version in {@code dataDir}. */
    public static Path packageDir(Path dataDir, ProviderAddress a, Version v, String platform) {
        return layoutDir(dataDir.resolve("providers"), a, v, platform);
    }

    /** {@code root/HOST/NS/TYPE/VERSION/OS_ARCH}: the unpacked layout of mirrors, caches and {@code .terraform}. */
    public static Path layoutDir(Path root, ProviderAddress a, Version v, String platform) {
        return root.resolve(a.hostname()).resolve(a.namespace()).resolve(a.type()).resolve(v.toString())
                .resolve(platform);
    }

    /** Reads {@code .terraform.lock.hcl} from {@code workDir}; an absent file is an empty lock. */
    public static Result<LockFile> readLock(Path workDir) throws IOException {
        Path f = workDir.resolve(LockFile.FILE_NAME);
        if (!Files.exists(f)) {
            return null;
        }
        return LockFile.parse(Files.readAllBytes(f), LockFile.FILE_NAME);
    }

    /**
     * Installs every provider of {@code requirements} (sorted by address; the built-in
     * provider is skipped) and writes the lock file into {@code workDir}.
     */
    public InstallResult install(Map<ProviderAddress, VersionConstraints> requirements, LockFile previous,
                                 Path workDir) throws IOException {
        boolean existed = previous != null;
        LockFile prev = previous == null ? LockFile.EMPTY : previous;
        Diagnostics diags = new Diagnostics();
        LockFile next = LockFile.EMPTY;
        List<ProviderAddress> locallyHashed = new ArrayList<>();
        Map<ProviderAddress, Path> installed = new LinkedHashMap<>();
        List<Selection> selections = new ArrayList<>();
        requirements.keySet().stream().filter(ProviderAddress::isBuiltin).sorted().forEach(events::builtIn);
        for (Map.Entry<ProviderAddress, VersionConstraints> e : new java.util.TreeMap<>(requirements).entrySet()) {
            if (!e.getKey().isBuiltin()) {
                Selection sel = select(e.getKey(), e.getValue(), prev.get(e.getKey()), diags);
                if (sel != null) {
                    selections.add(sel);
                }
            }
        }
        if (!diags.hasErrors()) {
            for (Selection sel : selections) {
                LockedProvider p = installOne(sel, diags, locallyHashed, installed);
                if (p != null) {
                    next = next.with(p);
                }
            }
        }
        boolean changed = !next.render().equals(prev.render()) || !existed && !next.providers().isEmpty();
        if (!diags.hasErrors() && changed) {
            if (options.lockfileReadonly()) {
                diags.add(Diagnostic.error("Provider dependency changes detected", "Changes to the required provider "
                        + "dependencies were detected, but the lock file is read-only. To use and record these "
                        + "requirements, run \"capstan init\" without the \"-lockfile=readonly\" flag.", null));
            } else if (!next.providers().isEmpty() || existed) {
                Files.write(workDir.resolve(LockFile.FILE_NAME), next.renderBytes());
            }
        }
        return new InstallResult(next, changed, existed, locallyHashed, installed, diags);
    }

    /** The version chosen for one provider in the first phase, before anything is installed. */
    private record Selection(ProviderAddress address, VersionConstraints constraints, LockedProvider locked,
                             Version version, Map<Version, ProviderPackage> available) {
    }

    /** Phase one, as in Terraform: choose a version for each provider ("Reusing..." or "Finding..."). */
    private Selection select(ProviderAddress a, VersionConstraints constraints, LockedProvider locked,
                             Diagnostics diags) throws IOException {
        if (locked != null && !options.upgrade()) {
            events.reusingLocked(a, locked.version());
            if (!constraints.allows(locked.version())) {
                diags.add(queryError(a, "locked provider " + a + " " + locked.version() + " does not match configured "
                        + "version constraint " + constraints + "; must use capstan init -upgrade to allow selection "
                        + "of new versions"));
                return null;
            }
            return new Selection(a, constraints, locked, locked.version(), null);
        }
        events.finding(a, constraints);
        Map<Version, ProviderPackage> available = sources.available(a, options.platform());
        if (available.isEmpty()) {
            diags.add(notFound(a));
            return null;
        }
        Version selected = constraints.newestAllowed(available.keySet());
        if (selected == null) {
            diags.add(queryError(a, "no available releases match the given constraints " + constraints));
            return null;
        }
        return new Selection(a, constraints, locked, selected, available);
    }

    /** Phase two: use the installed package when it matches the lock, else verify and install. */
    private LockedProvider installOne(Selection sel, Diagnostics diags, List<ProviderAddress> locallyHashed,
                                      Map<ProviderAddress, Path> installed) throws IOException {
        ProviderAddress a = sel.address();
        VersionConstraints constraints = sel.constraints();
        LockedProvider locked = sel.locked();
        Version selected = sel.version();
        Map<Version, ProviderPackage> available = sel.available();
        List<String> lockedHashes = locked != null && locked.version().equals(selected) ? locked.hashes() : List.of();
        Path target = packageDir(dataDir, a, selected, options.platform());
        if (!lockedHashes.isEmpty() && Files.isDirectory(target)
                && lockedHashes.contains(PackageChecksums.h1(dataDir, target))) {
            events.usingPreviouslyInstalled(a, selected);
            installed.put(a, target);
            return new LockedProvider(a, selected, constraints.toString(), lockedHashes);
        }
        if (available == null) {
            available = sources.available(a, options.platform());
        }
        events.installing(a, selected);
        ProviderPackage pkg = available.get(selected);
        if (pkg == null) {
            diags.add(installError(a, selected, "provider " + a + " " + selected + " is not available for "
                    + options.platform() + " in any of the search locations" + searchedList(a) + "\n\n"
                    + howToAdd(a)));
            return null;
        }
        String h1 = pkg.h1();
        String zh = pkg.packed() ? PackageHash.zhOfZip(pkg.location()) : null;
        if (!lockedHashes.isEmpty() && !lockedHashes.contains(h1) && (zh == null || !lockedHashes.contains(zh))) {
            diags.add(installError(a, selected, "the current package for " + a + " " + selected + " doesn't match any "
                    + "of the checksums previously recorded in the dependency lock file; for more information: "
                    + CHECKSUM_DOC));
            return null;
        }
        place(pkg, target, h1);
        // the package's checksum is the source's, just computed: the lock checks of the commands after init
        // find it remembered instead of reading the package again
        PackageChecksums.remember(dataDir, target, h1);
        events.installed(a, selected, "unauthenticated");
        installed.put(a, target);
        TreeSet<String> hashes = new TreeSet<>(lockedHashes);
        if (hashes.add(h1)) {
            locallyHashed.add(a);
        }
        return new LockedProvider(a, selected, constraints.toString(), new ArrayList<>(hashes));
    }

    private void place(ProviderPackage pkg, Path target, String h1) throws IOException {
        Path source = pkg.location();
        if (options.pluginCacheDir() != null) {
            Path cached = layoutDir(options.pluginCacheDir(), pkg.address(), pkg.version(), pkg.platform());
            if (!(Files.isDirectory(cached) && h1.equals(PackageHash.h1OfDirectory(cached)))) {
                PackagePlacer.deleteTree(cached);
                PackagePlacer.materialize(pkg, cached);
            }
            source = cached;
        } else if (pkg.packed()) {
            PackagePlacer.deleteTree(target);
            PackagePlacer.unzip(source, target);
            return;
        }
        PackagePlacer.deleteTree(target);
        Files.createDirectories(target.getParent());
        Files.createSymbolicLink(target, source.toAbsolutePath());
    }

    private String searchedList(ProviderAddress a) {
        StringBuilder sb = new StringBuilder("\n\n");
        for (String s : sources.searched(a)) {
            sb.append("  - ").append(s).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private Diagnostic notFound(ProviderAddress a) {
        return queryError(a, "provider " + a + " was not found in any of the search locations" + searchedList(a)
                + "\n\n" + howToAdd(a));
    }

    private String howToAdd(ProviderAddress a) {
        return "Capstan installs providers only from local filesystem mirrors: it has no access to a network "
                + "provider registry here. To make " + a.forDisplay() + " available, put its package into a mirror "
                + "directory, either unpacked as " + a + "/VERSION/" + options.platform() + "/ or packed as " + a
                + "/terraform-provider-" + a.type() + "_VERSION_" + options.platform() + ".zip, and then run "
                + "\"capstan init -plugin-dir=DIR\", or add to the CLI configuration file (TF_CLI_CONFIG_FILE or "
                + "~/.terraformrc):\n\n  provider_installation {\n    filesystem_mirror {\n      path = \"DIR\"\n"
                + "    }\n  }";
    }

    private static Diagnostic queryError(ProviderAddress a, String why) {
        return Diagnostic.error("Failed to query available provider packages", "Could not retrieve the list of "
                + "available versions for provider " + a.forDisplay() + ": " + why, null);
    }

    private static Diagnostic installError(ProviderAddress a, Version v, String why) {
        return Diagnostic.error("Failed to install provider", "Error while installing " + a.forDisplay() + " v" + v
                + ": " + why, null);
    }
}
