package io.capstan.cli.engine;

import io.capstan.engine.plan.ChangeListener;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints apply progress as Terraform does: {@code ADDR: Creating...}, {@code Creation complete
 * after 2s [id=...]}, {@code Still creating... [10s elapsed]} every ten seconds for a call in
 * flight, {@code Modifying... [id=...]}, {@code Destroying... [id=...]}, {@code Destruction
 * complete after 0s}, and {@code Refreshing state... [id=...]} while planning.
 */
public final class ProgressPrinter implements ProgressSink {
    private record InFlight(Phase phase, String id, long startNanos) {
    }

    private final PrintWriter out;
    private final Map<String, InFlight> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private final long tickMillis;

    public ProgressPrinter(PrintWriter out) {
        this(out, 10_000);
    }

    ProgressPrinter(PrintWriter out, long tickMillis) {
        this.out = out;
        this.tickMillis = tickMillis;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capstan-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void event(String address, Phase phase, String id, long elapsedMillis) {
        String idPart = id == null ? "" : " [id=" + id + "]";
        String line = switch (phase) {
            case REFRESHING -> address + ": Refreshing state..." + idPart;
            case CREATING -> address + ": Creating...";
            case MODIFYING -> address + ": Modifying..." + idPart;
            case DESTROYING -> address + ": Destroying..." + idPart;
            case CREATED -> address + ": Creation complete after " + secs(elapsedMillis) + idPart;
            case MODIFIED -> address + ": Modifications complete after " + secs(elapsedMillis) + idPart;
            case DESTROYED -> address + ": Destruction complete after " + secs(elapsedMillis);
            case FAILED -> null;
        };
        switch (phase) {
            case CREATING, MODIFYING, DESTROYING -> running.put(address, new InFlight(phase, id, System.nanoTime()));
            case CREATED, MODIFIED, DESTROYED, FAILED -> running.remove(address);
            default -> {
            }
        }
        if (line != null) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }

    private void tick() {
        long now = System.nanoTime();
        running.forEach((addr, f) -> {
            long s = (now - f.startNanos()) / 1_000_000_000L;
            if (s * 1000 < tickMillis) {
                return;
            }
            String verb = switch (f.phase()) {
                case CREATING -> "creating";
                case MODIFYING -> "modifying";
                default -> "destroying";
            };
            String idPart = f.id() == null ? "" : "id=" + f.id() + ", ";
            synchronized (out) {
                out.println(addr + ": Still " + verb + "... [" + idPart + s + "s elapsed]");
                out.flush();
            }
        });
    }

    private static String secs(long ms) {
        return (ms / 1000) + "s";
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
