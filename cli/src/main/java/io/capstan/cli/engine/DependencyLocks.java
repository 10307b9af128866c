package io.capstan.cli.engine;

import io.capstan.cli.init.ModuleRequirements;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.provider.install.LockFile;
import io.capstan.provider.install.LockedProvider;
import io.capstan.provider.install.ProviderAddress;
import io.capstan.provider.install.VersionConstraints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dependency lock checks terraform makes before applying a saved plan: the lock file's
 * selections against the configuration's provider requirements (its
 * {@code VerifyDependencySelections}), and the plan's locks against the current ones.
 */
final class DependencyLocks {
    private DependencyLocks() {
    }

    /**
     * What in {@code locks} does not satisfy {@code tree}'s provider requirements, each in terraform's
     * words and sorted as terraform sorts them: a provider required but not locked, or locked at a
     * version its constraints no longer allow. Terraform's built-in provider needs no lock.
     */
    static List<String> inconsistencies(ModuleTree tree, LockFile locks) {
        Diagnostics ignored = new Diagnostics(); // invalid sources and constraints: the plan reported them
        Map<ProviderAddress, VersionConstraints> reqs = ModuleRequirements.collect(tree, ignored).merged();
        List<String> errs = new ArrayList<>();
        reqs.forEach((addr, constraints) -> {
            if (addr.isBuiltin()) {
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
