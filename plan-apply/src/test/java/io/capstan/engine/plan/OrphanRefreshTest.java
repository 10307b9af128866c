package io.capstan.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.engine.walk.WalkChaos;
import io.capstan.hcl.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orphans (objects in state whose block is gone) are refreshed side by side before their deletion
 * is planned, as terraform's orphan nodes are, and never more at once than {@code -parallelism}.
 * Proved without timing by {@link RendezvousProvider}: each read waits until {@code meet} reads
 * have arrived, so reads made one at a time fail ("Read alone"). What the reads report comes out
 * in address order, whichever finished first (the walk's chaos shuffles their start).
 */
class OrphanRefreshTest {
    @TempDir
    Path dir;

    private static final String PROVIDER = """
            terraform {
              required_providers {
                rendezvous = { source = "capstan/rendezvous" }
              }
            }
            """;

    /** Applies {@code outcomes.size()} objects meeting {@code meet} at once, then removes their block and plans. */
    private Plan orphansPlanned(List<String> outcomes, int meet, int parallelism) throws Exception {
        RendezvousProvider.install(dir);
        Files.writeString(dir.resolve("main.tf"), PROVIDER + """
                resource "rendezvous_object" "o" {
                  count   = %d
                  name    = "o${count.index}"
                  meet    = %d
                  outcome = ["%s"][count.index]
                }
                """.formatted(outcomes.size(), meet, String.join("\", \"", outcomes)));
        try (EngineHarness h = new EngineHarness(dir, WalkChaos.seed(11))) {
            Plan create = h.plan();
            assertThat(create.diagnostics().asList()).isEmpty();
            assertThat(h.apply(create).diagnostics().asList()).isEmpty();
            assertThat(RendezvousProvider.inFlight(dir)).as("nothing read yet").isEmpty();
            Files.writeString(dir.resolve("main.tf"), PROVIDER);
            return h.plan(new PlanOptions(List.of(), Map.of(), PlanMode.NORMAL, true, List.of(), List.of(),
                    parallelism, "default"));
        }
    }

    @Test
    void orphansAreReadTogether() throws Exception {
        Plan p = orphansPlanned(List.of("ok", "gone", "ok", "ok"), 4, 10);
        assertThat(p.diagnostics().asList()).isEmpty();
        assertThat(RendezvousProvider.inFlight(dir)).hasSize(4).contains(4);
        // the one deleted outside is dropped, as terraform does: drift, not a deletion
        assertThat(p.drift()).extracting(ResourceChange::address, ResourceChange::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rendezvous_object.o[1]", Action.DELETE));
        assertThat(p.changes()).extracting(ResourceChange::address)
                .containsExactly("rendezvous_object.o[0]", "rendezvous_object.o[2]", "rendezvous_object.o[3]");
        assertThat(p.priorState().resources().get(0).instances()).hasSize(3);
    }

    @Test
    void neverMoreThanParallelismAtOnce() throws Exception {
        Plan p = orphansPlanned(List.of("ok", "ok", "ok", "ok", "ok"), 2, 2);
        assertThat(p.diagnostics().asList()).isEmpty();
        List<Integer> inFlight = RendezvousProvider.inFlight(dir);
        assertThat(inFlight).hasSize(5);
        assertThat(Collections.max(inFlight)).isEqualTo(2);
        assertThat(p.changes()).hasSize(5);
    }

    @Test
    void errorsComeInAddressOrder() throws Exception {
        Plan p = orphansPlanned(List.of("fail", "fail", "ok", "fail"), 4, 10);
        assertThat(p.diagnostics().asList()).extracting(Diagnostic::summary, Diagnostic::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Cannot read the object", "The object o0 could not be read."),
                org.assertj.core.groups.Tuple.tuple("Cannot read the object", "The object o1 could not be read."),
                org.assertj.core.groups.Tuple.tuple("Cannot read the object", "The object o3 could not be read."));
    }
}
