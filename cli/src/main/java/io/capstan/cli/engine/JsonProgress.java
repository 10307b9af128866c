package io.capstan.cli.engine;

import io.capstan.engine.plan.ChangeListener;
import io.capstan.engine.render.JsonUi;
import io.capstan.engine.render.UiResource;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The machine-readable UI ({@code -json}): one JSON object per line, as Terraform streams them.
 * As a listener it turns engine progress into {@code refresh_start}, {@code apply_start},
 * {@code apply_progress} (every ten seconds for a call in flight), {@code apply_complete} and
 * {@code apply_errored}; {@link #emit} writes any other message line.
 */
public final class JsonProgress implements ProgressSink {
    private record InFlight(String action, long startNanos) {
    }

    private final PrintWriter out;
    private final JsonUi ui = new JsonUi(Clock.systemUTC());
    private final Map<String, InFlight> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;

    public JsonProgress(PrintWriter out) {
        this.out = out;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capstan-json-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 10, 10, TimeUnit.SECONDS);
    }

    public JsonUi ui() {
        return ui;
    }

    /** Writes one message line (a string returned by {@link JsonUi}) whole. */
    public void emit(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void event(String address, Phase phase, String id, long elapsedMillis) {
        UiResource r = UiResource.parse(address);
        String idKey = id == null ? null : "id";
        long secs = elapsedMillis / 1000;
        switch (phase) {
            case REFRESHING -> emit(ui.refreshStart(r, idKey, id));
            case REFRESHED -> emit(ui.refreshComplete(r, idKey, id));
            case IMPORTING -> {
                // terraform -json has no message for preparing an import: its refresh follows
            }
            case CREATING, MODIFYING, DESTROYING, READING -> {
                String action = phase == Phase.CREATING ? "create" : phase == Phase.MODIFYING ? "update"
                        : phase == Phase.READING ? "read" : "delete";
                running.put(address, new InFlight(action, System.nanoTime()));
                emit(ui.applyStart(r, action, idKey, id));
            }
            case CREATED, MODIFIED, DESTROYED, READ -> {
                InFlight f = running.remove(address);
                String action = phase == Phase.CREATED ? "create" : phase == Phase.MODIFIED ? "update"
                        : phase == Phase.READ ? "read" : "delete";
                emit(ui.applyComplete(r, f != null ? f.action() : action, idKey, id, secs));
            }
            case FAILED -> {
                InFlight f = running.remove(address);
                if (f != null) {
                    emit(ui.applyErrored(r, f.action(), secs));
                }
            }
        }
    }

    @Override
    public void provisionStart(String address, String provisionerType) {
        emit(ui.provisionStart(UiResource.parse(address), provisionerType));
    }

    /** A provisioner's output line as a provision_progress message. */
    @Override
    public void output(String address, String line) {
        emit(ui.provisionProgress(UiResource.parse(address), "local-exec", line));
    }

    private void tick() {
        long now = System.nanoTime();
        running.forEach((addr, f) -> {
            long s = (now - f.startNanos()) / 1_000_000_000L;
            if (s >= 10) {
                emit(ui.applyProgress(UiResource.parse(addr), f.action(), s));
            }
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
