package io.capstan.provider.plugin;

import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Plaintext gRPC between Capstan and a provider built on this SDK, over a unix socket in a
 * directory only Capstan's user can enter. Everything else keeps go-plugin's automatic mutual TLS.
 *
 * <p>What it saves: on the executor bench (1,000 time_sleep calls at -parallelism=100) TLS was
 * about a third of both processes' samples in the plugin's event loops and its set-up (server
 * certificate, contexts, handshake); see {@link PluginLauncher#launch} for the figures.
 *
 * <p>The protocol: a Capstan host that can listen on unix sockets (Linux, epoll) creates a
 * directory of mode 0700 ({@link #create}), and offers it to the plugin in
 * {@value #OFFER} <em>besides</em> {@code PLUGIN_CLIENT_CERT}, which it sets as before. A plugin
 * that does not know the variable (any Go provider) ignores it and serves mutual TLS. A Java
 * plugin on this SDK ({@link PluginServer}) takes the offer only when the directory is private
 * ({@link #accepted}: a real directory, not a link, owned by the plugin's own user, no group or
 * other permission bits); it then listens on a unix socket in it without TLS and announces no
 * certificate. The host accepts a certificate-less answer to its offer only when it is a unix
 * socket directly in that directory ({@link #isIn}). Terraform never sets the variable, so a
 * Capstan SDK provider hosted by terraform serves mutual TLS as before.
 *
 * <p>Why this is as safe as mutual TLS here. go-plugin's automatic mTLS keeps other local
 * principals from calling a provider's endpoint (a loopback port or a socket in a shared temp
 * directory is reachable by every user). A unix socket can only be connected to by a process that
 * may search its directory (connect(2) resolves the path); in a 0700 directory that is Capstan's
 * user and root. Those could already do everything mTLS guards: root anyway; Capstan's user owns
 * the provider executable under .terraform/providers (replace it, and the host runs their code),
 * the state and the configuration, and can read the plugin's environment, credentials included,
 * in /proc. The plaintext carries nothing else off the machine: a unix socket never leaves the
 * kernel. When any condition fails (no epoll, the directory not private, the variable absent, the
 * plugin not on this SDK), the connection is mutual TLS as before: the fallback costs time, never
 * safety.
 */
public final class PrivateSocket {
    /** The variable that offers the plugin a private directory for a plaintext unix socket. */
    public static final String OFFER = "CAPSTAN_PLUGIN_PRIVATE_SOCKET_DIR";
    /** Set to false to keep mutual TLS with SDK providers too (to measure, or to rule it out). */
    public static final String SWITCH = "capstan.plugin.plaintext";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /**
     * The directories this host offered and has not deleted yet, for {@link #deleteAll}: a process
     * that halts (a second Ctrl-C) runs no shutdown, so nothing else would remove them.
     */
    private static final Set<Path> OFFERED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private PrivateSocket() {
    }

    /**
     * Host side: a new directory of mode 0700 to offer, or null when this host cannot listen on
     * unix sockets, the offer is switched off ({@value #SWITCH}), or the directory cannot be made.
     */
    static Path create() {
        if (!Boolean.parseBoolean(System.getProperty(SWITCH, "true")) || !Epoll.isAvailable()) {
            return null;
        }
        try {
            // short name: a unix socket path has at most 107 bytes
            Path dir = Files.createTempDirectory("cpl", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            // the umask only narrows the mode; make sure of it all the same
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            OFFERED.add(dir);
            return dir;
        } catch (IOException | UnsupportedOperationException | LinkageError e) {
            return null;
        }
    }

    /** Host side: removes the offered directory and whatever socket the plugin left in it. */
    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        OFFERED.remove(dir);
        try (DirectoryStream<Path> left = Files.newDirectoryStream(dir)) {
            for (Path p : left) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // gone already
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // an empty directory in the temp dir is harmless
        }
    }

    /**
     * Host side: removes every directory this host offered and has not removed yet, with the
     * sockets in them. For a process about to halt, after its plugins were killed.
     */
    static void deleteAll() {
        for (Path dir : Set.copyOf(OFFERED)) {
            delete(dir);
        }
    }

    /** The directories offered and not yet removed (for tests). */
    static Set<Path> offered() {
        return Set.copyOf(OFFERED);
    }

    /** Host side: is {@code address} (a unix socket path from the handshake) directly in {@code dir}? */
    static boolean isIn(Path dir, String address) {
        Path socket = Path.of(address).toAbsolutePath().normalize();
        return dir != null && dir.toAbsolutePath().normalize().equals(socket.getParent());
    }

    /**
     * Plugin side: the offered directory, when the host made an offer and the directory is
     * private to this process's user; otherwise null (serve mutual TLS as usual).
     */
    static Path accepted(Map<String, String> env) {
        String offered = env.get(OFFER);
        if (offered == null || offered.isBlank() || !Epoll.isAvailable()) {
            return null;
        }
        try {
            Path dir = Path.of(offered);
            if (!dir.isAbsolute() || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            // /proc/self belongs to the process's effective user
            Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!owner.equals(self)) {
                return null;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            return OWNER_ONLY.containsAll(mode) ? dir : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
