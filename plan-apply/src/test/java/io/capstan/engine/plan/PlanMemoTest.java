package io.capstan.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.capstan.engine.builtin.BuiltinTerraformProvider;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.PlanResourceChangeRequest;
import io.capstan.provider.client.PlanResourceChangeResponse;
import io.capstan.provider.client.ProviderClient;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.engine.state.StateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An apply reuses the plan's PlanResourceChange answer only for a byte-identical request to the
 * same provider instance at the same address; any difference asks the provider again.
 */
class PlanMemoTest {
    @TempDir
    static Path dir;

    private static DynamicValue dv(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return DynamicValue.ofMsgpack(b);
    }

    private static final PlanResourceChangeRequest REQ = new PlanResourceChangeRequest("t", dv(0xc0), dv(0x81, 0xa1, 0x61, 1),
            dv(0x81, 0xa1, 0x61, 1), new byte[] {1, 2}, null, null, null);
    private static final PlanResourceChangeResponse OK = new PlanResourceChangeResponse(dv(0x81, 0xa1, 0x61, 1),
            List.of(), new byte[0], List.of(), false, null, null);

    static Stream<Arguments> differing() {
        return Stream.of(
                Arguments.of("type", (UnaryOperator<PlanResourceChangeRequest>) r -> new PlanResourceChangeRequest("u",
                        r.priorState(), r.proposedNewState(), r.config(), r.priorPrivate(), null, null, null)),
                Arguments.of("prior", (UnaryOperator<PlanResourceChangeRequest>) r -> new PlanResourceChangeRequest("t",
                        dv(0x80), r.proposedNewState(), r.config(), r.priorPrivate(), null, null, null)),
                Arguments.of("proposed", (UnaryOperator<PlanResourceChangeRequest>) r -> new PlanResourceChangeRequest("t",
                        r.priorState(), dv(0x81, 0xa1, 0x61, 2), r.config(), r.priorPrivate(), null, null, null)),
                Arguments.of("config", (UnaryOperator<PlanResourceChangeRequest>) r -> new PlanResourceChangeRequest("t",
                        r.priorState(), r.proposedNewState(), dv(0x81, 0xa1, 0x61, 0xc0), r.priorPrivate(), null, null,
                        null)),
                Arguments.of("private", (UnaryOperator<PlanResourceChangeRequest>) r -> new PlanResourceChangeRequest("t",
                        r.priorState(), r.proposedNewState(), r.config(), new byte[] {1, 3}, null, null, null)));
    }

    @Test
    void theSameRequestGetsThePlansAnswer() {
        ProviderClient client = new BuiltinTerraformProvider(dir);
        PlanMemo memo = new PlanMemo();
        memo.remember("a.b", client, REQ, OK);
        PlanResourceChangeRequest copy = new PlanResourceChangeRequest("t", dv(0xc0), dv(0x81, 0xa1, 0x61, 1),
                dv(0x81, 0xa1, 0x61, 1), new byte[] {1, 2}, null, null, null);
        assertSame(OK, memo.reuse("a.b", client, copy));
        assertNull(memo.reuse("a.c", client, copy), "another instance");
        assertNull(memo.reuse("a.b", new BuiltinTerraformProvider(dir), copy), "another provider instance");
        memo.clear();
        assertNull(memo.reuse("a.b", client, copy), "cleared");
    }

    /**
     * The in-process {@code terraform_data} is planned on values (no request bytes to compare), so
     * neither a plan nor an in-process apply keeps answers for it; the apply still plans and applies
     * every instance. (Plugin providers' answers are kept as the unit cases above describe.)
     */
    @ParameterizedTest(name = "appliesInProcess={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void terraformDataIsPlannedOnValuesWithoutKeptAnswers(boolean inProcess, @TempDir Path work) throws Exception {
        Files.writeString(work.resolve("main.tf"), """
                resource "terraform_data" "n" {
                  count = 3
                  input = count.index
                }
                resource "terraform_data" "after" {
                  input = terraform_data.n[*].input
                }
                """);
        PlanOptions opts = PlanOptions.defaults().withAppliesInProcess(inProcess);
        try (Providers providers = new Providers(new ProviderResolver(work, List.of()))) {
            Engine engine = new Engine(work, providers);
            Plan plan = engine.plan(StateFile.empty(), opts);
            assertEquals(List.of(), plan.diagnostics().asList());
            assertEquals(0, engine.rememberedAnswers());
            ApplyResult r = engine.apply(plan, opts, null, ChangeListener.NONE);
            assertEquals(List.of(), r.diagnostics().asList());
            assertEquals(4, r.added());
            assertEquals(4, r.state().entries().size());
            assertEquals(0, engine.rememberedAnswers(), "dropped after the apply");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differing")
    void anyDifferenceAsksAgain(String what, UnaryOperator<PlanResourceChangeRequest> change) {
        ProviderClient client = new BuiltinTerraformProvider(dir);
        PlanMemo memo = new PlanMemo();
        memo.remember("a.b", client, REQ, OK);
        assertNull(memo.reuse("a.b", client, change.apply(REQ)), what);
    }

    @Test
    void answersWithDiagnosticsAreNotKept() {
        ProviderClient client = new BuiltinTerraformProvider(dir);
        PlanMemo memo = new PlanMemo();
        PlanResourceChangeResponse warned = new PlanResourceChangeResponse(OK.plannedState(), List.of(), new byte[0],
                List.of(new ProviderDiagnostic(io.capstan.hcl.diag.Severity.WARNING, "careful", "", null)), false, null, null);
        memo.remember("a.b", client, REQ, warned);
        assertNull(memo.reuse("a.b", client, REQ), "the warning is reported again at apply");
    }
}
