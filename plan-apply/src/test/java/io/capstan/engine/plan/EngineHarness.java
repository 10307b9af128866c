package io.capstan.engine.plan;

import io.capstan.engine.state.StateFile;
import java.nio.file.Path;
import java.util.List;

/** Runs plan and apply in-process against a state kept in memory, as the CLI would with a local backend. */
final class EngineHarness implements AutoCloseable {
    private final Providers providers;
    private final Path dir;
    private StateFile state = StateFile.empty();
    private Engine engine;
    /** Walk chaos for every plan and apply (null: whatever -Dcapstan.walk.chaos says). */
    private final io.capstan.engine.walk.WalkChaos chaos;

    EngineHarness(Path dir) {
        this(dir, null);
    }

    EngineHarness(Path dir, io.capstan.engine.walk.WalkChaos chaos) {
        this.dir = dir;
        this.providers = new Providers(new ProviderResolver(dir, List.of()));
        this.chaos = chaos;
    }

    Plan plan() {
        return plan(PlanOptions.defaults());
    }

    Plan plan(PlanOptions opts) {
        LocalModules.install(dir); // as init would: the engine loads module calls as init recorded them
        engine = new Engine(dir, providers);
        if (chaos != null) {
            engine.chaos(chaos);
        }
        return engine.plan(state, opts);
    }

    ApplyResult apply(Plan plan) {
        ApplyResult r = engine.apply(plan, PlanOptions.defaults().withMode(plan.mode()), null, ChangeListener.NONE);
        state = r.state().snapshot(state.serial() + 1);
        return r;
    }

    /** The configuration the last plan was made from. */
    io.capstan.graph.config.ModuleTree config() {
        return engine.config();
    }

    /** The schemas of the providers this harness's runs started. */
    java.util.Map<String, io.capstan.provider.schema.ProviderSchema> schemas() {
        return providers.schemas();
    }

    StateFile state() {
        return state;
    }

    void setState(StateFile s) {
        state = s;
    }

    @Override
    public void close() {
        providers.close();
    }
}
