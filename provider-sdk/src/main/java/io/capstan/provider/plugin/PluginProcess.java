package io.capstan.provider.plugin;

import io.capstan.provider.proto.goplugin.GRPCControllerGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running plugin process with its gRPC connection (host side), as returned by
 * {@link PluginLauncher}. Knows how to explain a failure (did the process exit? what did it
 * last print?) and how to shut the plugin down: GRPCController.Shutdown, then, after a
 * grace period, kill.
 */
public final class PluginProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginProcess.class);

    private final String name;
    private final Process process;
    private final ManagedChannel channel;
    private final EventLoopGroup eventLoop;
    private final HandshakeLine handshake;
    private final OutputTail tail;
    private final java.nio.file.Path privateDir;
    private volatile boolean closing;

    /** @param privateDir the directory offered for a private socket ({@link PrivateSocket}), removed at shutdown; or null */
    PluginProcess(String name, Process process, ManagedChannel channel, EventLoopGroup eventLoop,
                  HandshakeLine handshake, OutputTail tail, java.nio.file.Path privateDir) {
        this.name = Objects.requireNonNull(name, "name");
        this.process = Objects.requireNonNull(process, "process");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.eventLoop = eventLoop;
        this.handshake = Objects.requireNonNull(handshake, "handshake");
        this.tail = Objects.requireNonNull(tail, "tail");
        this.privateDir = privateDir;
        PluginReaper.register(this);
        // A dead plugin never answers: fail every pending and future call at once.
        process.onExit().thenRun(() -> {
            if (!closing) {
                LOG.debug("plugin {} exited with status {}", name, process.exitValue());
            }
            channel.shutdownNow();
        });
    }

    public String name() {
        return name;
    }

    public ManagedChannel channel() {
        return channel;
    }

    /** The plugin protocol major version the plugin chose (5 or 6 for Terraform providers). */
    public int protocolVersion() {
        return handshake.appVersion();
    }

    public HandshakeLine handshake() {
        return handshake;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True when the process has exited or exits within {@code wait}. */
    public boolean exitsWithin(Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    public OutputTail outputTail() {
        return tail;
    }

    /**
     * A sentence about the process state for error messages: whether it exited (and how),
     * followed by its last output lines.
     */
    public String describeFailure() {
        StringBuilder sb = new StringBuilder();
        if (!process.isAlive()) {
            // Give the stderr reader a moment to collect a panic printed just before the exit.
            sleepQuietly(200);
            int status = process.exitValue();
            sb.append("The plugin process exited unexpectedly with status ").append(status)
                    .append(status > 128 ? " (killed by signal " + (status - 128) + ")" : "").append(".");
        } else {
            sb.append("The plugin process is still running.");
        }
        sb.append("\nLast lines the plugin wrote:\n").append(tail.render());
        return sb.toString();
    }

    /**
     * Asks the plugin to exit (GRPCController.Shutdown), waits up to {@code grace} for it,
     * then kills it. Idempotent; never throws.
     */
    public void shutdown(Duration grace) {
        closing = true;
        if (process.isAlive() && !channel.isShutdown()) {
            try {
                GRPCControllerGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(grace.toMillis(), TimeUnit.MILLISECONDS)
                        .shutdown(io.capstan.provider.proto.goplugin.Empty.getDefaultInstance());
            } catch (RuntimeException e) {
                // Plugins without the controller service (or already gone) are simply killed below.
                LOG.debug("plugin {}: controller shutdown failed: {}", name, e.getMessage());
            }
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.debug("plugin {} did not exit within {}; killing it", name, grace);
                PluginLauncher.kill(process);
            }
        } catch (InterruptedException e) {
            PluginLauncher.kill(process);
            Thread.currentThread().interrupt();
        }
        channel.shutdownNow();
        PluginReaper.unregister(this);
        if (eventLoop != null) {
            try {
                channel.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            PluginLauncher.stopLoop(eventLoop); // see PluginLauncher.ioLoop: no thread left in epoll_wait at exit
        }
        PrivateSocket.delete(privateDir);
    }

    /** Kills the plugin and its children at once, without waiting (see {@link #killAllNow()}); returns the process. */
    Process killNow() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return process;
    }

    /**
     * Kills every plugin this JVM launched that is still running (or still starting), at once, and
     * removes the private socket directories offered to them. For a process that is about to
     * {@code Runtime.halt}: halting skips the shutdown hook that would otherwise stop them, and
     * they and their directories would outlive Capstan.
     */
    public static void killAllNow() {
        PluginReaper.killAllNow();
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
