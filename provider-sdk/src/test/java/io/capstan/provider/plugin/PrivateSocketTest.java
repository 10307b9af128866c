package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a plugin takes the host's offer of a plaintext socket: only for an absolute, real
 * directory of its own user with no group or other permission; every other case keeps mTLS.
 */
class PrivateSocketTest {
    @TempDir
    Path tmp;

    private static Map<String, String> offer(Object dir) {
        return Map.of(PrivateSocket.OFFER, dir.toString());
    }

    @Test
    void hostMakesAPrivateDirectoryThePluginAcceptsAndDeleteRemovesItWithItsSocket() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SKIP: no epoll (unix sockets) here");
        Path dir = PrivateSocket.create();
        assertThat(dir).isNotNull().isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PrivateSocket.accepted(offer(dir))).isEqualTo(dir);
        Files.createFile(dir.resolve("plugin1234"));
        assertThat(PrivateSocket.isIn(dir, dir.resolve("plugin1234").toString())).isTrue();
        assertThat(PrivateSocket.isIn(dir, tmp.resolve("plugin1234").toString())).isFalse();
        assertThat(PrivateSocket.isIn(null, dir.resolve("plugin1234").toString())).isFalse();
        PrivateSocket.delete(dir);
        assertThat(dir).doesNotExist();
        PrivateSocket.delete(dir); // idempotent
        PrivateSocket.delete(null);
    }

    @Test
    void switchedOffTheHostOffersNothing() {
        System.setProperty(PrivateSocket.SWITCH, "false");
        try {
            assertThat(PrivateSocket.create()).isNull();
        } finally {
            System.clearProperty(PrivateSocket.SWITCH);
        }
    }

    @Test
    void pluginRefusesEveryOfferThatIsNotAPrivateDirectory() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SKIP: no epoll (unix sockets) here");
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-x---"));
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwx-----x"));
        Path priv = Files.createDirectory(tmp.resolve("private"));
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), priv);
        Path file = Files.createFile(tmp.resolve("file"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThat(PrivateSocket.accepted(offer(priv))).isEqualTo(priv);
        assertThat(PrivateSocket.accepted(Map.of())).as("no offer").isNull();
        assertThat(PrivateSocket.accepted(offer(""))).as("blank offer").isNull();
        assertThat(PrivateSocket.accepted(offer(open))).as("group may enter").isNull();
        assertThat(PrivateSocket.accepted(offer(shared))).as("others may enter").isNull();
        assertThat(PrivateSocket.accepted(offer(link))).as("a link, even to a private directory").isNull();
        assertThat(PrivateSocket.accepted(offer(file))).as("not a directory").isNull();
        assertThat(PrivateSocket.accepted(offer(tmp.resolve("absent")))).as("absent").isNull();
        assertThat(PrivateSocket.accepted(offer("private"))).as("relative").isNull();
        // the system temp directory: everyone may enter (mode 1777)
        assertThat(PrivateSocket.accepted(offer("/tmp"))).isNull();
    }
}
