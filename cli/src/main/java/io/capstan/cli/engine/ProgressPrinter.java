package io.capstan.cli.engine;

import io.capstan.engine.render.ApplyProgress;
import io.capstan.engine.render.UiResource;
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
    private final ApplyProgress lines;
    private final Map<String, InFlight> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private final long tickMillis;

    public ProgressPrinter(PrintWriter out) {
        this(out, false);
    }

    /** With {@code color}, bold lines as Terraform prints them on a terminal. */
    public ProgressPrinter(PrintWriter out, boolean color) {
        this(out, color, 10_000);
    }

    ProgressPrinter(PrintWriter out, long tickMillis) {
        this(out, false, tickMillis);
    }

    ProgressPrinter(PrintWriter out, boolean color, long tickMillis) {
        this.out = out;
        this.lines = new ApplyProgress(color);
        this.tickMillis = tickMillis;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capstan-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    private static String action(Phase phase) {
        return switch (phase) {
            case CREATING, CREATED -> "create";
            case MODIFYING, MODIFIED -> "update";
            case READING, READ -> "read";
            default -> "delete";
        };
    }

    @Override
    public void event(String address, Phase phase, String id, long elapsedMillis) {
        UiResource r = UiResource.parse(address);
        String idKey = id == null ? null : "id";
        long secs = elapsedMillis / 1000;
        String line = switch (phase) {
            case REFRESHING -> lines.refreshing(r, idKey, id);
            case CREATING -> lines.starting(r, "create", null, null);
            case MODIFYING, DESTROYING -> lines.starting(r, action(phase), idKey, id);
            case CREATED, MODIFIED -> lines.complete(r, action(phase), idKey, id, secs);
            case DESTROYED -> lines.complete(r, "delete", null, null, secs);
            case FAILED, REFRESHED -> null;
            case IMPORTING -> lines.preparingImport(r, idKey, id);
            case APPLYING_IMPORT -> lines.importing(r, id);
            case IMPORTED -> lines.imported(r, id);
            case READING -> lines.starting(r, "read", null, null);
            case READ -> lines.complete(r, "read", idKey, id, secs);
        };
        switch (phase) {
            case CREATING, MODIFYING, DESTROYING, READING -> running.put(address, new InFlight(phase, id, System.nanoTime()));
            case CREATED, MODIFIED, DESTROYED, FAILED, READ -> running.remove(address);
            default -> {
            }
        }
        if (line != null) {
            synchronized (out) {
                out.print(line);
                out.flush();
            }
        }
    }

    /** A deposed object: {@code addr (deposed object KEY): Destroying... [id=...]}, then completion as usual. */
    @Override
    public void deposedEvent(String address, String deposedKey, Phase phase, String id, long elapsedMillis) {
        if (phase == Phase.DESTROYING) {
            print(lines.starting(UiResource.parse(address), deposedKey, "delete", id == null ? null : "id", id));
        } else if (phase == Phase.REFRESHING) {
            // terraform: "addr (deposed object KEY): Refreshing state... [id=x]"
            UiResource r = UiResource.parse(address);
            String line = lines.refreshing(r, id == null ? null : "id", id);
            int at = line.indexOf(r.addr() + ": ");
            print(line.substring(0, at) + r.addr() + " (deposed object " + deposedKey + ")"
                    + line.substring(at + r.addr().length()));
        } else if (phase == Phase.REFRESHED) {
            return;
        } else {
            event(address, phase, id, elapsedMillis);
        }
    }

    /** {@code addr: Provisioning with 'local-exec'...} */
    @Override
    public void provisionStart(String address, String provisionerType) {
        print(lines.provisioning(UiResource.parse(address), provisionerType));
    }

    /** A provisioner's output: {@code addr (local-exec): line}. */
    @Override
    public void output(String address, String line) {
        print(lines.provisionOutput(UiResource.parse(address), "local-exec", line));
    }

    private void print(String text) {
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    private void tick() {
        long now = System.nanoTime();
        running.forEach((addr, f) -> {
            long s = (now - f.startNanos()) / 1_000_000_000L;
            if (s * 1000 < tickMillis) {
                return;
            }
            String text = lines.stillRunning(UiResource.parse(addr), action(f.phase()), f.id() == null ? null : "id",
                    f.id(), s);
            synchronized (out) {
                out.print(text);
                out.flush();
            }
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
