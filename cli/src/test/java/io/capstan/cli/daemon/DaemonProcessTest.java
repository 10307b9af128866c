package io.capstan.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code bin/capstan} itself with {@code CAPSTAN_DAEMON=1}, as a process in a temporary HOME:
 * every served command prints the same stdout and stderr and exits with the same code as
 * without the daemon; the daemon is started once (and says so), replaced when its state is
 * stale or its jar changes, refuses a wrong token, and stops on {@code capstan daemon stop}.
 *
 * <p>The scripts are copied into a temporary layout whose {@code cli/target/capstan.jar} is a
 * manifest-only jar naming this test's class path ({@link DaemonApp}), so the test runs the classes
 * just compiled whether or not {@code mvn package} has run. Every daemon started is stopped in
 * {@link #stopAll}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonProcessTest {
    private DaemonApp app;
    private Path tmp;
    private Path home;
    private Path jar;

    @BeforeAll
    void layout() throws IOException {
        app = new DaemonApp();
        tmp = app.tmp;
        home = app.home;
        jar = app.jar();
    }

    @AfterAll
    void stopAll() throws Exception {
        app.close();
    }

    private DaemonApp.Result capstan(Path cwd, boolean daemon, String... args) throws IOException, InterruptedException {
        return app.run(cwd, daemon, args);
    }

    private Path stateFile() throws IOException {
        return app.stateFile();
    }

    private long daemonPid() throws IOException {
        return app.daemonPid();
    }

    private static Path config(Path dir, String text) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("main.tf"), text);
        return dir;
    }

    private void sameWithAndWithoutDaemon(Path cwd, String... args) throws Exception {
        DaemonApp.Result plain = capstan(cwd, false, args);
        DaemonApp.Result served = capstan(cwd, true, args);
        String what = String.join(" ", args);
        assertThat(served.err()).as(what).doesNotContain("started a Capstan daemon");
        assertThat(served.out()).as(what).isEqualTo(plain.out());
        assertThat(served.err()).as(what).isEqualTo(plain.err());
        assertThat(served.code()).as(what).isEqualTo(plain.code());
    }

    @Test
    void servedCommandsPrintAndExitExactlyAsWithoutTheDaemon() throws Exception {
        DaemonApp.Result first = capstan(tmp, true, "version");
        assertThat(first.code()).isZero();
        assertThat(first.err()).contains("started a Capstan daemon (pid " + daemonPid() + ")", "capstan daemon stop");
        Path ok = config(tmp.resolve("ok"), """
                resource "terraform_data" "a" {
                  input = 1
                }
                resource "terraform_data" "b" {
                  count = 3
                  input = terraform_data.a.output
                }
                """);
        Path bad = config(tmp.resolve("bad"), "output \"x\" {\n  value = var.nope\n}\n");
        config(tmp.resolve("ugly/sub"), "resource \"terraform_data\" \"a\" {\ninput=1\n}\n");
        sameWithAndWithoutDaemon(ok, "validate");
        sameWithAndWithoutDaemon(bad, "validate");
        sameWithAndWithoutDaemon(bad, "validate", "-json");
        sameWithAndWithoutDaemon(tmp.resolve("ugly"), "fmt", "-check", "-diff", "-recursive");
        sameWithAndWithoutDaemon(tmp, "fmt", "-check", "ugly/sub");
        sameWithAndWithoutDaemon(ok, "graph");
        sameWithAndWithoutDaemon(tmp, "-chdir=ok", "graph", "-type=plan");
        sameWithAndWithoutDaemon(tmp, "version");
        // Not served (no such command): bin/capstan runs it in a JVM of its own, as without the daemon.
        sameWithAndWithoutDaemon(tmp, "bogus");
        assertThat(capstan(bad, true, "validate", "-no-color").err()).contains("Error: Reference to undeclared input variable");
    }

    @Test
    void tokenIsPrivateAndAWrongOneIsRefused() throws Exception {
        assertThat(capstan(tmp, true, "version").code()).isZero();
        Path state = stateFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.getParent()))).isEqualTo("rwx------");
        int port = Integer.parseInt(Files.readAllLines(state).get(1));
        DaemonClient.Answer refused = DaemonClient.run(port, "f".repeat(64), tmp, Map.of(), "version");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("wrong token");
    }

    @Test
    void staleStateFileAndChangedJarStartANewDaemon() throws Exception {
        assertThat(capstan(tmp, true, "version").code()).isZero();
        long before = daemonPid();
        // The jar is rebuilt: the running server answers "stale" and exits, a new one serves the command.
        Files.setPosixFilePermissions(jar.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(2)));
        Files.setPosixFilePermissions(jar.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
        DaemonApp.Result after = capstan(tmp, true, "version");
        assertThat(after.code()).isZero();
        assertThat(after.out()).startsWith("Capstan v");
        assertThat(after.err()).contains("started a Capstan daemon");
        long renewed = daemonPid();
        assertThat(renewed).isNotEqualTo(before);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        // A state file naming a dead process (a crash, a reboot): replaced, and the command still runs.
        capstan(tmp, false, "daemon", "stop");
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path state = home.resolve(".capstan/daemon/" + jar.toString().replace('/', '_') + ".state");
        Files.writeString(state, dead.pid() + "\n1\n" + "0".repeat(64) + "\n" + jar + "\n0\n0\n");
        DaemonApp.Result revived = capstan(tmp, true, "version");
        assertThat(revived.code()).isZero();
        assertThat(revived.out()).startsWith("Capstan v");
        assertThat(revived.err()).contains("started a Capstan daemon");
        assertThat(daemonPid()).isNotEqualTo(dead.pid());
    }

    @Test
    void statusAndStop() throws Exception {
        assertThat(capstan(tmp, true, "version").code()).isZero();
        long pid = daemonPid();
        DaemonApp.Result status = capstan(tmp, false, "daemon", "status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("pid " + pid, "jar " + jar);
        DaemonApp.Result stop = capstan(tmp, false, "daemon", "stop");
        assertThat(stop.code()).isZero();
        assertThat(stop.out()).contains("Stopped the Capstan daemon (pid " + pid + ")");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(stateFile()).isNull();
        DaemonApp.Result none = capstan(tmp, false, "daemon", "status");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.out()).contains("No Capstan daemon is running");
    }
}
