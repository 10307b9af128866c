package io.capstan.cli;

import io.capstan.engine.walk.WalkChaos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link JsonUiParityTest}'s cases (terraform's recorded {@code plan -json} streams) once more with
 * the engine's walk in chaos mode, a fixed seed: ready nodes start in a shuffled order, each
 * after a short random pause, so an event or diagnostic that depends on a missing graph edge or on
 * thread timing (as on CI's faster machine) shows up here as a different stream.
 */
class JsonUiParityChaosTest extends JsonUiParityTest {
    @BeforeEach
    void chaosOn() {
        EngineCommand.chaos = new WalkChaos(20261127, 300);
    }

    @AfterEach
    void chaosOff() {
        EngineCommand.chaos = null;
    }
}
