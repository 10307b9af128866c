package io.capstan.engine.plan;

import io.capstan.engine.walk.WalkChaos;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every conformance configuration through the engine with the walk in chaos mode (ready nodes
 * started in random order, each delayed a little), with fixed seeds: a node evaluated before
 * something it refers to, for want of a graph edge, shows up here as a wrong plan or an error
 * rather than depending on how threads happen to be scheduled (as CI's faster machine showed).
 */
class ChaosConformanceTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(longs = {11, 42, 20261127})
    void everyConfigMatchesTerraformUnderChaos(long seed) throws IOException {
        // pauses of up to 300 µs: enough to reorder nodes, cheap enough for 64 configurations x 3 seeds
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        try {
            ConfigsConformanceTest.runAll(tmp, new WalkChaos(seed, 300), "configs engine (chaos seed " + seed + ")");
        } finally {
            // the test JVM's CPU (all threads; provider plugin processes not included) for this seed
            System.out.printf("configs engine (chaos seed %d): %.1f s CPU in the test JVM%n", seed,
                    (os.getProcessCpuTime() - cpu0) / 1e9);
        }
    }
}
