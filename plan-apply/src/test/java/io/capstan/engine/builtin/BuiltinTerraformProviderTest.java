package io.capstan.engine.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capstan.provider.codec.WireCodec;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ApplyResourceChangeRequest;
import io.capstan.provider.client.ApplyResourceChangeResponse;
import io.capstan.provider.client.AttributePath;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.ImportResourceStateRequest;
import io.capstan.provider.client.PathStep;
import io.capstan.provider.client.PlanResourceChangeRequest;
import io.capstan.provider.client.PlanResourceChangeResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Drives the built-in provider through the ProviderClient calls the engine makes. */
class BuiltinTerraformProviderTest {
    private static final WireCodec CODEC = WireCodec.INSTANCE;
    private final AtomicInteger n = new AtomicInteger();
    private final BuiltinTerraformProvider provider =
            new BuiltinTerraformProvider(new TerraformData(() -> "id-" + n.incrementAndGet()));

    static Value config(Value input, Value triggers) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("id", Value.nullOf(io.capstan.hcl.value.Type.STRING));
        m.put("input", input);
        m.put("output", Value.DYNAMIC_NULL);
        m.put("triggers_replace", triggers);
        return Value.object(m);
    }

    static DynamicValue enc(Value v) {
        return CODEC.encode(v, TerraformData.TYPE);
    }

    static Value dec(DynamicValue v) {
        return CODEC.decode(v, TerraformData.TYPE);
    }

    PlanResourceChangeResponse plan(Value prior, Value proposed) {
        return provider.planResourceChange(new PlanResourceChangeRequest("terraform_data", enc(prior),
                enc(proposed), enc(proposed), null, null, null, null));
    }

    Value apply(Value prior, PlanResourceChangeResponse planned) {
        ApplyResourceChangeResponse r = provider.applyResourceChange(new ApplyResourceChangeRequest(
                "terraform_data", enc(prior), planned.plannedState(), planned.plannedState(), null, null, null));
        assertFalse(r.hasErrors(), r.diagnostics().toString());
        return dec(r.newState());
    }

    Value created(Value input) {
        Value none = Value.nullOf(TerraformData.TYPE);
        return apply(none, plan(none, config(input, Value.DYNAMIC_NULL)));
    }

    @Test
    void createPlansIdAndOutputAsKnownAfterApplyThenMirrorsInput() {
        Value none = Value.nullOf(TerraformData.TYPE);
        PlanResourceChangeResponse p = plan(none, config(Value.of("hello"), Value.DYNAMIC_NULL));
        Value planned = dec(p.plannedState());
        assertFalse(planned.attr("id").isKnown());
        assertFalse(planned.attr("output").isKnown());
        assertTrue(p.requiresReplace().isEmpty());
        Value state = apply(none, p);
        assertEquals(Value.of("id-1"), state.attr("id"));
        assertEquals(Value.of("hello"), state.attr("output"));
    }

    @Test
    void unchangedConfigPlansThePriorStateExactly() {
        Value state = created(Value.of("x"));
        PlanResourceChangeResponse p = plan(state, config(Value.of("x"), Value.DYNAMIC_NULL));
        assertEquals(state, dec(p.plannedState()));
    }

    @Test
    void inputChangeIsAnInPlaceUpdateKeepingTheId() {
        Value state = created(Value.of("x"));
        PlanResourceChangeResponse p = plan(state, config(Value.of("y"), Value.DYNAMIC_NULL));
        Value planned = dec(p.plannedState());
        assertEquals(state.attr("id"), planned.attr("id"));
        assertFalse(planned.attr("output").isKnown());
        assertTrue(p.requiresReplace().isEmpty());
        Value after = apply(state, p);
        assertEquals(Value.of("id-1"), after.attr("id"));
        assertEquals(Value.of("y"), after.attr("output"));
    }

    @Test
    void triggersReplaceChangeForcesReplacement() {
        Value state = created(Value.of("x"));
        Value triggers = Value.tuple(List.of(Value.of("v2")));
        PlanResourceChangeResponse p = plan(state, config(Value.of("x"), triggers));
        assertEquals(List.of(new AttributePath(List.of(new PathStep.AttributeName("triggers_replace")))),
                p.requiresReplace());
        assertFalse(dec(p.plannedState()).attr("id").isKnown());
    }

    @Test
    void unknownResourceTypeIsADiagnostic() {
        Value none = Value.nullOf(TerraformData.TYPE);
        PlanResourceChangeResponse p = provider.planResourceChange(new PlanResourceChangeRequest(
                "terraform_nope", enc(none), enc(none), enc(none), null, null, null, null));
        assertTrue(p.hasErrors());
        assertTrue(p.diagnostics().get(0).detail().contains("terraform_nope"));
    }

    @Test
    void importRecordsOnlyTheId() {
        var r = provider.importResourceState(new ImportResourceStateRequest("terraform_data", "abc", null, null));
        Value v = dec(r.importedResources().get(0).state());
        assertEquals(Value.of("abc"), v.attr("id"));
        assertTrue(v.attr("input").isNull());
    }

    /** Inputs of every shape terraform_data stores: the engine's value path must answer as the wire path. */
    static java.util.stream.Stream<Value> inputs() {
        return java.util.stream.Stream.of(Value.of("v7"), Value.of(io.capstan.hcl.value.BigNumber.parse("0.1")),
                Value.of(io.capstan.hcl.value.BigNumber.of(123456789012L)), Value.of(true), Value.DYNAMIC_NULL,
                Value.nullOf(io.capstan.hcl.value.Type.STRING),
                Value.tuple(List.of(Value.of("a"), Value.of(io.capstan.hcl.value.BigNumber.of(2)))),
                Value.object(Map.of("k", Value.of("x"), "n", Value.object(Map.of("deep", Value.of(false))))),
                Value.unknown(io.capstan.hcl.value.Type.STRING),
                Value.object(Map.of("z", Value.nullOf(io.capstan.hcl.value.Type.NUMBER))),
                Value.tuple(List.of(Value.nullOf(io.capstan.hcl.value.Type.BOOL), Value.DYNAMIC_NULL)));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("inputs")
    void valuesPathAnswersAsTheWirePath(Value input) {
        Value none = Value.nullOf(TerraformData.TYPE);
        Value trigA = Value.of("a");
        Value prior = Value.object(Map.of("id", Value.of("id-0"), "input", Value.of("old"),
                "output", Value.of("old"), "triggers_replace", trigA));
        for (Value before : List.of(none, prior)) {
            for (Value triggers : List.of(trigA, Value.of("b"))) {
                Value proposed = config(input, triggers);
                PlanResourceChangeResponse wire = plan(before, proposed);
                TerraformData.Planned values = provider.planValues("terraform_data", before, proposed);
                assertEquals(dec(wire.plannedState()), values.state(), "planned from " + before);
                assertEquals(wire.requiresReplace().stream().map(p -> ((PathStep.AttributeName) p.steps().get(0))
                        .name()).toList(), values.requiresReplace());
                if (values.state().attr("input").isWhollyKnown()) {
                    Value applied = provider.applyValues("terraform_data", values.state());
                    // ids are drawn from the counter: compare everything else
                    Value viaWire = apply(before, wire);
                    assertEquals(viaWire.attr("output"), applied.attr("output"));
                    assertEquals(viaWire.attr("input"), applied.attr("input"));
                }
            }
        }
        assertEquals(null, provider.planValues("terraform_remote_state", none, none), "not served: ask the wire");
    }

    /** Known inputs of every shape, plus a set (its order on the wire is the decoder's). */
    static java.util.stream.Stream<Value> knownInputs() {
        return java.util.stream.Stream.concat(inputs().filter(Value::isWhollyKnown), java.util.stream.Stream.of(
                Value.set(io.capstan.hcl.value.Type.STRING, List.of(Value.of("b"), Value.of("a"), Value.of("c"))),
                Value.map(io.capstan.hcl.value.Type.NUMBER, Map.of("m", Value.of(io.capstan.hcl.value.BigNumber.parse("1e400"))))));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("knownInputs")
    void readValuesAnswersAsTheWireRead(Value input) {
        Value prior = Value.object(Map.of("id", Value.of("id-0"), "input", input, "output", input,
                "triggers_replace", Value.DYNAMIC_NULL));
        for (Value recorded : List.of(prior, prior.mark(io.capstan.hcl.value.Mark.SENSITIVE))) {
            var wire = provider.readResource(new io.capstan.provider.client.ReadResourceRequest("terraform_data",
                    enc(recorded), new byte[] {1, 2}, null, null, null));
            assertFalse(wire.hasErrors());
            Value viaWire = dec(wire.newState());
            Value values = provider.readValues("terraform_data", recorded);
            assertEquals(viaWire, values);
            // what the state file gets from either is the same too
            assertEquals(io.capstan.hcl.value.ValueJson.encodeTyped(viaWire), io.capstan.hcl.value.ValueJson.encodeTyped(values));
            assertEquals(viaWire.equals(recorded.unmarkDeep().value()), values.equals(recorded.unmarkDeep().value()),
                    "the refresh sees drift through both or neither");
        }
        assertEquals(null, provider.readValues("terraform_remote_state", prior), "not served: ask the wire");
    }

    @Test
    void deletionThroughValuesAnswersAsTheWire() {
        Value prior = created(Value.of("x"));
        Value none = Value.nullOf(TerraformData.TYPE);
        PlanResourceChangeResponse wire = plan(prior, none);
        assertFalse(wire.hasErrors());
        assertTrue(dec(wire.plannedState()).isNull());
        TerraformData.Planned values = provider.planValues("terraform_data", prior, none);
        assertTrue(values.state().isNull());
        assertTrue(values.requiresReplace().isEmpty());
        assertTrue(apply(prior, wire).isNull());
        assertTrue(provider.applyValues("terraform_data", none).isNull());
    }
}
