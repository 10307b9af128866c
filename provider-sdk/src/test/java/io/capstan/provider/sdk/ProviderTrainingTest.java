package io.capstan.provider.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.schema.NestingMode;
import io.capstan.provider.sdk.testing.ProviderHarness;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The calls the class-data training makes: a type that needs no argument goes through create,
 * refresh and delete; one with a required argument is only validated and planned (its create
 * could act on null values).
 */
class ProviderTrainingTest {

    /** Records each create, read and delete of its type. */
    private record Recording(String type, ResourceSchema schema, List<String> calls) implements Resource {
        @Override
        public void create(ObjectData planned, Diagnostics diags) {
            calls.add(type + " create");
            planned.set("id", "x");
        }

        @Override
        public boolean read(ObjectData state, Diagnostics diags) {
            calls.add(type + " read " + state.getString("id"));
            return true;
        }

        @Override
        public void delete(ObjectData state, Diagnostics diags) {
            calls.add(type + " delete " + state.getString("id"));
        }
    }

    @Test
    void createsRefreshesAndDeletesOnlyTypesThatNeedNoArgument() {
        List<String> calls = new CopyOnWriteArrayList<>();
        ResourceSchema free = ResourceSchema.of(AttributeSpec.string("note").optional(),
                AttributeSpec.string("id").computed())
                .withBlocks(NestedBlockSpec.of("rule", NestingMode.LIST, BlockSpec.of(AttributeSpec.number("port")
                        .required())));
        ResourceSchema bound = ResourceSchema.of(AttributeSpec.string("path").required(),
                AttributeSpec.string("id").computed());
        Provider p = Provider.builder("probe").resource("probe_free", new Recording("probe_free", free, calls))
                .resource("probe_bound", new Recording("probe_bound", bound, calls)).build();
        try (ProviderHarness h = ProviderHarness.inProcess(p)) {
            ProviderTraining.run(h.client(), h.schema(), true);
        }
        assertThat(calls).containsExactly("probe_free create", "probe_free read x", "probe_free delete x");
        calls.clear();
        // without objects (a provider of real infrastructure) training makes nothing
        try (ProviderHarness h = ProviderHarness.inProcess(p)) {
            ProviderTraining.run(h.client(), h.schema(), false);
        }
        assertThat(calls).isEmpty();
    }

    @Test
    void anEmptyBlockHasNullAttributesAndEmptyCollectionBlocks() {
        ResourceSchema s = ResourceSchema.of(AttributeSpec.string("a").optional(), AttributeSpec.string("id").computed())
                .withBlocks(NestedBlockSpec.of("l", NestingMode.LIST, BlockSpec.of(AttributeSpec.string("x").optional())),
                        NestedBlockSpec.of("s", NestingMode.SINGLE, BlockSpec.of(AttributeSpec.string("x").optional())));
        try (ProviderHarness h = ProviderHarness.inProcess(Provider.builder("probe")
                .resource("probe_free", new Recording("probe_free", s, new CopyOnWriteArrayList<>())).build())) {
            var block = h.schema().resourceSchemas().get("probe_free").block();
            Value empty = ProviderTraining.emptyConfig(block);
            assertThat(empty.entries().get("a").isNull()).isTrue();
            assertThat(empty.entries().get("l").isNull()).isFalse();
            assertThat(empty.entries().get("l").length()).isZero();
            assertThat(empty.entries().get("s").isNull()).isTrue();
            Value proposed = ProviderTraining.proposedNew(block, empty);
            assertThat(proposed.entries().get("id").isKnown()).isFalse();
            assertThat(proposed.entries().get("id").type()).isEqualTo(Type.STRING);
            assertThat(proposed.entries().get("a").isNull()).isTrue();
            assertThat(ProviderTraining.requiresArguments(block)).isFalse();
        }
    }
}
