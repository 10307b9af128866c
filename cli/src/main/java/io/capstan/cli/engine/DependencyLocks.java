package io.capstan.cli.engine;

import io.capstan.cli.init.ModuleRequirements;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.provider.install.LockFile;
import io.capstan.provider.install.LockedProvider;
import io.capstan.provider.install.PackageChecksums;
import io.capstan.provider.install.ProviderAddress;
import io.capstan.provider.install.ProviderInstaller;
import io.capstan.provider.install.VersionConstraints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The dependency lock checks terraform makes before applying a saved plan: the lock file's
 * selections against the configuration's provider requirements (its
 * {@code VerifyDependencySelections}), and the plan's locks against the current ones.
 */
public final class DependencyLocks {
    private DependencyLocks() {
    }

    /**
     * {@code workdir}'s {@code .terraform.lock.hcl} as parsed ({@link LockFile#EMPTY} when it is absent or
     * does not parse). Here rather than in {@link PlanFile}, whose JSON mappers every plain plan and apply
     * would otherwise initialise (EngineClassesTest).
     */
    public static LockFile current(Path workdir) {
        Result<LockFile> r = read(workdir);
        return r.hasErrors() || r.value() == null ? LockFile.EMPTY : r.value();
    }

    /**
     * {@code workdir}'s {@code .terraform.lock.hcl}, read once per command and passed to the checks below
     * and to the provider resolver: {@link LockFile#EMPTY} without errors when there is no such file, the
     * parser's errors (and {@link LockFile#EMPTY}) when it does not parse or cannot be read, as terraform's
     * {@code lockedDependencies}.
     */
    public static Result<LockFile> read(Path workdir) {
        Path f = workdir.resolve(LockFile.FILE_NAME);
        if (!Files.exists(f)) {
            return new Result<>(LockFile.EMPTY, new Diagnostics());
        }
        try {
            Result<LockFile> r = LockFile.parse(Files.readAllBytes(f), LockFile.FILE_NAME);
            return new Result<>(r.value() == null || r.hasErrors() ? LockFile.EMPTY : r.value(), r.diagnostics());
        } catch (IOException e) {
            return new Result<>(LockFile.EMPTY, new Diagnostics().add(Diagnostic.error("Failed to read file",
                    "The file \"" + LockFile.FILE_NAME + "\" could not be read: " + e.getMessage(), null)));
        }
    }

    /**
     * The error terraform's commands report when the lock file does not parse, as its provider factories
     * fail: "failed to read dependency lock file: " and the parser's errors, one or a list of them
     * ("N problems:"), each "summary: detail", in the summary of one error without detail.
     */
    public static Diagnostics readError(Diagnostics parse) {
        List<Diagnostic> errs = new ArrayList<>();
        for (Diagnostic x : parse.asList()) {
            if (x.severity() == io.capstan.hcl.diag.Severity.ERROR) {
                errs.add(x);
            }
        }
        StringBuilder msg = new StringBuilder("failed to read dependency lock file: ");
        if (errs.size() == 1) {
            msg.append(problem(errs.get(0)));
        } else {
            msg.append(errs.size()).append(" problems:\n");
            for (Diagnostic x : errs) {
                msg.append("\n- ").append(problem(x));
            }
        }
        return new Diagnostics().add(Diagnostic.error(msg.toString(), "", null));
    }

    private static String problem(Diagnostic x) {
        return x.detail() == null || x.detail().isEmpty() ? x.summary() : x.summary() + ": " + x.detail();
    }

    /**
     * The check terraform's local backend makes before a {@code plan}, {@code apply}, {@code destroy},
     * {@code refresh} or {@code import} of the working directory's configuration: {@code workdir}'s
     * {@code .terraform.lock.hcl} (none: no selections) against {@code tree}'s provider requirements,
     * one "Inconsistent dependency lock file" error when they disagree, whose advice is {@code init}
     * when the file selects nothing and {@code init -upgrade} otherwise. Empty when they agree (a
     * configuration of terraform's built-in provider alone needs no lock file; a provider locked but
     * no longer required is no error).
     */
    public static Diagnostics check(Path workdir, ModuleTree tree) {
        return check(current(workdir), tree);
    }

    /** As {@link #check(Path, ModuleTree)} with the lock file already read. */
    public static Diagnostics check(LockFile locks, ModuleTree tree) {
        return check(locks, tree, java.util.Set.of());
    }

    /**
     * As {@link #check(LockFile, ModuleTree)}, the providers {@code overridden} (the CLI configuration's
     * {@code dev_overrides}) left out, as terraform leaves them out: they need no selection.
     */
    public static Diagnostics check(LockFile locks, ModuleTree tree, java.util.Set<ProviderAddress> overridden) {
        Diagnostics d = new Diagnostics();
        List<String> errs = inconsistencies(tree, locks, overridden);
        if (errs.isEmpty()) {
            return d;
        }
        String advice = locks.providers().isEmpty()
                ? "To make the initial dependency selections that will initialize the dependency lock file, run:\n"
                        + "  terraform init"
                : "To update the locked dependency selections to match a changed configuration, run:\n"
                        + "  terraform init -upgrade";
        d.add(Diagnostic.error("Inconsistent dependency lock file", "The following dependency selections recorded "
                + "in the lock file are inconsistent with the current configuration:"
                + errs.stream().map(e -> "\n  - " + e).collect(Collectors.joining()) + "\n\n" + advice, null));
        return d;
    }

    /**
     * The check terraform makes of the installed plugins before its operations start (before the state
     * is locked): each provider {@code workdir}'s lock file selects must be installed in the data
     * directory ({@code TF_DATA_DIR} or {@code .terraform}) at that version for this platform, and,
     * when the lock records {@code h1:} or {@code zh:} checksums, its package directory must match
     * one of them ({@code zh:} never matches an unpacked directory). One "Required plugins are not
     * installed" error listing each provider that fails, sorted by address; empty when all pass or
     * nothing is locked. {@code automation}: {@code TF_IN_AUTOMATION} set, which words the advice
     * without naming {@code init}.
     */
    public static Diagnostics installed(Path workdir, Map<String, String> env, boolean automation) {
        return installed(workdir, current(workdir), env, automation);
    }

    /** As {@link #installed(Path, Map, boolean)} with {@code workdir}'s lock file already read. */
    public static Diagnostics installed(Path workdir, LockFile locks, Map<String, String> env, boolean automation) {
        return installed(workdir, locks, env, automation, java.util.Set.of());
    }

    /**
     * As {@link #installed(Path, LockFile, Map, boolean)}, the providers {@code overridden} (the CLI
     * configuration's {@code dev_overrides}) not checked: they run from their own directories.
     */
    public static Diagnostics installed(Path workdir, LockFile locks, Map<String, String> env, boolean automation,
            java.util.Set<ProviderAddress> overridden) {
        Diagnostics d = new Diagnostics();
        Map<String, String> problems = notInstalled(workdir, locks, env, overridden);
        if (problems.isEmpty()) {
            return d;
        }
        StringBuilder detail = new StringBuilder("The installed provider plugins are not consistent with the "
                + "packages selected in the dependency lock file:");
        problems.forEach((addr, problem) -> detail.append("\n  - ").append(addr).append(": ").append(problem));
        detail.append("\n\nTerraform uses external plugins to integrate with a variety of different infrastructure "
                + "services. ").append(automation
                ? "You must install the required plugins before running Terraform operations."
                : "To download the plugins required for this configuration, run:\n  terraform init");
        d.add(Diagnostic.error("Required plugins are not installed", detail.toString(), null));
        return d;
    }

    /**
     * What {@link #installed(Path, LockFile, Map, boolean, java.util.Set)} finds wrong, each locked provider's problem
     * by its address, sorted; empty when every selected provider is installed as selected.
     */
    public static Map<String, String> notInstalled(Path workdir, LockFile locks, Map<String, String> env,
            java.util.Set<ProviderAddress> overridden) {
        Map<String, String> problems = new TreeMap<>();
        if (locks.providers().isEmpty()) {
            return problems;
        }
        String data = env.get("TF_DATA_DIR");
        Path dataDir = ProviderInstaller.dataDir(workdir, env);
        String shown = Path.of(data == null || data.isEmpty() ? ".terraform" : data).resolve("providers").normalize()
                .toString();
        String platform = ProviderInstaller.currentPlatform();
        for (LockedProvider lock : locks.providers().values()) {
            ProviderAddress a = lock.address();
            if (overridden.contains(a)) {
                continue;
            }
            Path pkg = ProviderInstaller.packageDir(dataDir, a, lock.version(), platform);
            if (!Files.isDirectory(pkg)) {
                problems.put(a.toString(), "there is no package for " + a + " " + lock.version() + " cached in "
                        + shown);
                continue;
            }
            List<String> allowed = lock.hashes().stream().filter(h -> h.startsWith("h1:") || h.startsWith("zh:"))
                    .toList();
            if (allowed.stream().noneMatch(h -> h.startsWith("h1:"))) {
                if (!allowed.isEmpty()) {
                    problems.put(a.toString(), mismatch(a, lock, shown));
                }
                continue;
            }
            try {
                if (!allowed.contains(h1(dataDir, pkg))) {
                    problems.put(a.toString(), mismatch(a, lock, shown));
                }
            } catch (IOException e) {
                problems.put(a.toString(), "failed to verify checksum of " + a + " " + lock.version()
                        + " package cached in in " + shown + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** Where {@link #h1} remembers the checksums it computed, in the data directory. */
    static final String VERIFIED = PackageChecksums.FILE;

    /** The {@code h1:} checksum of the package directory {@code pkg}, remembered in {@code dataDir} ({@link PackageChecksums}). */
    static String h1(Path dataDir, Path pkg) throws IOException {
        return PackageChecksums.h1(dataDir, pkg);
    }

    private static String mismatch(ProviderAddress a, LockedProvider lock, String shown) {
        return "the cached package for " + a + " " + lock.version() + " (in " + shown + ") does not match any of "
                + "the checksums recorded in the dependency lock file";
    }

    /**
     * What in {@code locks} does not satisfy {@code tree}'s provider requirements, each in terraform's
     * words and sorted as terraform sorts them: a provider required but not locked, or locked at a
     * version its constraints no longer allow. Terraform's built-in provider needs no lock.
     */
    static List<String> inconsistencies(ModuleTree tree, LockFile locks) {
        return inconsistencies(tree, locks, java.util.Set.of());
    }

    static List<String> inconsistencies(ModuleTree tree, LockFile locks, java.util.Set<ProviderAddress> overridden) {
        Diagnostics ignored = new Diagnostics(); // invalid sources and constraints: the plan reported them
        Map<ProviderAddress, VersionConstraints> reqs = ModuleRequirements.collect(tree, ignored).merged();
        List<String> errs = new ArrayList<>();
        reqs.forEach((addr, constraints) -> {
            if (addr.isBuiltin() || overridden.contains(addr)) {
                return;
            }
            LockedProvider lock = locks.get(addr);
            if (lock == null) {
                errs.add("provider " + addr + ": required by this configuration but no version is selected");
                return;
            }
            // no constraint allows every version, prereleases too (terraform's MeetingConstraints)
            if (constraints.isEmpty() || constraints.allows(lock.version())) {
                return;
            }
            String current = constraints.toString();
            VersionConstraints.Parsed locked = VersionConstraints.parse(lock.constraints());
            String lockedText = locked.ok() ? locked.constraints().toString() : lock.constraints();
            if (!current.equals(lockedText)) {
                errs.add("provider " + addr + ": locked version selection " + lock.version()
                        + " doesn't match the updated version constraints \"" + current + "\"");
            } else {
                errs.add("provider " + addr + ": version constraints \"" + current
                        + "\" don't match the locked version selection " + lock.version());
            }
        });
        errs.sort(null);
        return errs;
    }

    /**
     * Terraform's equality of two sets of locks: the same providers, each at the same version (build
     * metadata included) with the same hashes; the constraints they were selected under do not count.
     */
    static boolean equal(LockFile a, LockFile b) {
        if (!a.providers().keySet().equals(b.providers().keySet())) {
            return false;
        }
        for (Map.Entry<ProviderAddress, LockedProvider> e : a.providers().entrySet()) {
            LockedProvider o = b.get(e.getKey());
            if (!e.getValue().version().equals(o.version()) || !e.getValue().hashes().equals(o.hashes())) {
                return false;
            }
        }
        return true;
    }
}
