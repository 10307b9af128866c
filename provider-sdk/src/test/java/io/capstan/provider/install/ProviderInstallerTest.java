package io.capstan.provider.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installation from packed and unpacked mirrors into a working directory, with lock verification. */
class ProviderInstallerTest {
    private static final String PLATFORM = "linux_amd64";
    private static final ProviderAddress FAKE = ProviderAddress.of("hashicorp/fake");
    private static final ProviderAddress ZIPPED = ProviderAddress.of("acme/zipped");

    @TempDir
    Path tmp;
    Path work;
    FakeMirror mirror;
    final List<String> events = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        work = Files.createDirectories(tmp.resolve("work"));
        mirror = new FakeMirror(tmp.resolve("mirror"), PLATFORM)
                .unpacked("hashicorp/fake", "1.0.0").unpacked("hashicorp/fake", "1.2.5")
                .unpacked("hashicorp/fake", "2.1.0-beta1")
                .packed("acme/zipped", "0.1.0").packed("acme/zipped", "0.2.0");
    }

    private InstallResult install(String fakeConstraint, LockFile prev, boolean upgrade, boolean readonly)
            throws Exception {
        ProviderInstaller.Options o = new ProviderInstaller.Options(upgrade, readonly, null, PLATFORM);
        ProviderInstaller i = new ProviderInstaller(InstallSources.pluginDirs(List.of(mirror.root())),
                work.resolve(".terraform"), o, new InstallEvents() {
                    @Override
                    public void reusingLocked(ProviderAddress a, Version v) {
                        events.add("reuse " + a.forDisplay());
                    }

                    @Override
                    public void finding(ProviderAddress a, VersionConstraints c) {
                        events.add("find " + a.forDisplay() + " " + c);
                    }

                    @Override
                    public void usingPreviouslyInstalled(ProviderAddress a, Version v) {
                        events.add("using " + a.forDisplay() + " " + v);
                    }

                    @Override
                    public void installed(ProviderAddress a, Version v, String auth) {
                        events.add("installed " + a.forDisplay() + " " + v + " " + auth);
                    }
                });
        Map<ProviderAddress, VersionConstraints> req = Map.of(
                FAKE, VersionConstraints.parse(fakeConstraint).constraints(),
                ZIPPED, VersionConstraints.NONE,
                ProviderAddress.BUILTIN_TERRAFORM, VersionConstraints.NONE);
        return i.install(req, prev, work);
    }

    @Test
    void installsNewestAllowedFromBothLayoutsAndWritesTheLock() throws Exception {
        InstallResult r = install("~> 1.0", null, false, false);
        assertThat(r.diagnostics().hasErrors()).as(r.diagnostics().toString()).isFalse();
        assertThat(events).containsExactly("find acme/zipped ", "find hashicorp/fake ~> 1.0",
                "installed acme/zipped 0.2.0 unauthenticated", "installed hashicorp/fake 1.2.5 unauthenticated");
        Path fakeDir = work.resolve(".terraform/providers/registry.terraform.io/hashicorp/fake/1.2.5/linux_amd64");
        assertThat(Files.isSymbolicLink(fakeDir)).isTrue();
        Path zippedExe = work.resolve(".terraform/providers/registry.terraform.io/acme/zipped/0.2.0/linux_amd64/"
                + "terraform-provider-zipped_v0.2.0");
        assertThat(Files.isExecutable(zippedExe)).isTrue();
        assertThat(Files.readString(zippedExe)).isEqualTo(FakeMirror.script("0.2.0"));
        String lock = Files.readString(work.resolve(".terraform.lock.hcl"));
        assertThat(lock).contains("provider \"registry.terraform.io/hashicorp/fake\" {\n  version     = \"1.2.5\"\n"
                + "  constraints = \"~> 1.0\"\n  hashes = [\n    \"h1:2Z6htULVyd5lU7S4MhuqltKgtoeQVvWwD8erGBUzFi0=\",\n")
                .contains("provider \"registry.terraform.io/acme/zipped\" {\n  version = \"0.2.0\"\n")
                .doesNotContain("builtin");
        assertThat(r.lockChanged()).isTrue();
        assertThat(r.locallyHashed()).containsExactly(ZIPPED, FAKE);
    }

    @Test
    void secondRunReusesLockAndInstalledPackages() throws Exception {
        InstallResult first = install("~> 1.0", null, false, false);
        events.clear();
        InstallResult second = install("~> 1.0", first.lock(), false, false);
        assertThat(second.diagnostics().hasErrors()).isFalse();
        assertThat(second.lockChanged()).isFalse();
        assertThat(events).containsExactly("reuse acme/zipped", "reuse hashicorp/fake",
                "using acme/zipped 0.2.0", "using hashicorp/fake 1.2.5");
    }

    @Test
    void lockedVersionStaysUntilUpgrade() throws Exception {
        InstallResult first = install("1.0.0", null, false, false);
        InstallResult relaxed = install(">= 1.0", first.lock(), false, false);
        assertThat(relaxed.lock().get(FAKE).version()).isEqualTo(Version.parse("1.0.0"));
        assertThat(relaxed.lock().get(FAKE).constraints()).isEqualTo(">= 1.0.0");
        InstallResult upgraded = install(">= 1.0", relaxed.lock(), true, false);
        assertThat(upgraded.lock().get(FAKE).version()).isEqualTo(Version.parse("1.2.5"));
    }

    @Test
    void lockedVersionOutsideNewConstraintsIsTerraformsError() throws Exception {
        InstallResult first = install("1.2.5", null, false, false);
        InstallResult r = install("~> 1.0.0", first.lock(), false, false);
        assertThat(r.diagnostics().hasErrors()).isTrue();
        assertThat(r.diagnostics().asList().get(0).detail()).contains("locked provider registry.terraform.io/hashicorp/"
                + "fake 1.2.5 does not match configured version constraint ~> 1.0.0; must use capstan init -upgrade");
    }

    @Test
    void checksumMismatchWithTheLockFailsAndLeavesTheLockAlone() throws Exception {
        InstallResult first = install("~> 1.0", null, false, false);
        LockedProvider f = first.lock().get(FAKE);
        LockFile tampered = first.lock().with(new LockedProvider(FAKE, f.version(), f.constraints(),
                List.of("h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")));
        Files.write(work.resolve(".terraform.lock.hcl"), tampered.renderBytes());
        InstallResult r = install("~> 1.0", tampered, false, false);
        assertThat(r.diagnostics().toString()).contains("Failed to install provider",
                "the current package for registry.terraform.io/hashicorp/fake 1.2.5 doesn't match any of the checksums "
                        + "previously recorded in the dependency lock file");
        assertThat(Files.readString(work.resolve(".terraform.lock.hcl"))).isEqualTo(tampered.render());
    }

    @Test
    void readonlyLockRefusesChanges() throws Exception {
        InstallResult r = install("~> 1.0", LockFile.EMPTY, false, true);
        assertThat(r.diagnostics().toString()).contains("Provider dependency changes detected");
        assertThat(work.resolve(".terraform.lock.hcl")).doesNotExist();
        InstallResult ok = install("~> 1.0", null, false, false);
        InstallResult same = install("~> 1.0", ok.lock(), false, true);
        assertThat(same.diagnostics().hasErrors()).isFalse();
    }

    @Test
    void prereleaseOnlyWhenNamedExactly() throws Exception {
        assertThat(install("", null, false, false).lock().get(FAKE).version()).isEqualTo(Version.parse("1.2.5"));
        assertThat(install("2.1.0-beta1", null, true, false).lock().get(FAKE).version())
                .isEqualTo(Version.parse("2.1.0-beta1"));
    }

    @Test
    void missingProviderExplainsWhereItLookedAndHowToAddIt() throws Exception {
        ProviderInstaller i = new ProviderInstaller(InstallSources.pluginDirs(List.of(mirror.root())),
                work.resolve(".terraform"), ProviderInstaller.Options.defaults(), InstallEvents.NONE);
        InstallResult r = i.install(Map.of(ProviderAddress.of("hashicorp/nothere"), VersionConstraints.NONE), null, work);
        String text = r.diagnostics().toString();
        assertThat(text).contains("Failed to query available provider packages",
                "provider registry.terraform.io/hashicorp/nothere was not found in any of the search locations",
                "  - " + mirror.root(), "no access to a network provider registry", "filesystem_mirror", "-plugin-dir");
        InstallResult none = install("> 3.0", null, false, false);
        assertThat(none.diagnostics().toString()).contains("no available releases match the given constraints > 3.0.0");
    }

    @Test
    void pluginCacheHoldsRealFilesAndTheWorkingDirectoryLinksThem() throws Exception {
        Path cache = tmp.resolve("cache");
        ProviderInstaller i = new ProviderInstaller(InstallSources.pluginDirs(List.of(mirror.root())),
                work.resolve(".terraform"), new ProviderInstaller.Options(false, false, cache, PLATFORM),
                InstallEvents.NONE);
        InstallResult r = i.install(Map.of(ZIPPED, VersionConstraints.NONE), null, work);
        assertThat(r.diagnostics().hasErrors()).isFalse();
        Path cached = cache.resolve("registry.terraform.io/acme/zipped/0.2.0/linux_amd64/terraform-provider-zipped_v0.2.0");
        assertThat(cached).isRegularFile();
        Path installed = work.resolve(".terraform/providers/registry.terraform.io/acme/zipped/0.2.0/linux_amd64");
        assertThat(Files.isSymbolicLink(installed)).isTrue();
        assertThat(installed.toRealPath()).isEqualTo(cached.getParent().toRealPath());
    }
}
