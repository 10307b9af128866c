package io.capstan.provider.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.hcl.value.Type;
import io.capstan.provider.schema.NestingMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small provider for the SDK's own tests: {@code example_thing} objects kept in memory,
 * with every kind of attribute the planner treats differently (required, default,
 * computed, computed that keeps its state, requires-replace, a nested block).
 */
public final class ExampleProvider {
    /** The "remote API": things by id. */
    static final Map<String, Map<String, Object>> THINGS = new ConcurrentHashMap<>();

    private ExampleProvider() {
    }

    public static Provider create() {
        return Provider.builder("example")
                .schema(ResourceSchema.of(AttributeSpec.string("region").optional()))
                .onConfigure((cfg, d) -> {
                    if ("nowhere".equals(cfg.getString("region"))) {
                        d.attributeError("region", "Unknown region", "there is no region called nowhere");
                    }
                })
                .resource("example_thing", new Thing())
                .dataSource("example_echo", new Echo())
                .build();
    }

    static final class Thing implements Resource {
        private static final ResourceSchema SCHEMA = ResourceSchema.of(
                AttributeSpec.string("name").required(),
                AttributeSpec.number("size").withDefault(1L),
                AttributeSpec.string("zone").optional().requiresReplace(),
                AttributeSpec.map("labels", Type.STRING).optional(),
                AttributeSpec.string("secret").optional().sensitive(),
                AttributeSpec.string("id").computed().useStateForUnknown(),
                AttributeSpec.string("etag").computed(),
                AttributeSpec.string("explode").optional())
                .withVersion(2)
                .withBlocks(NestedBlockSpec.of("rule", NestingMode.LIST,
                        BlockSpec.of(AttributeSpec.number("port").required())).requiresReplace());

        private static int counter;

        @Override
        public ResourceSchema schema() {
            return SCHEMA;
        }

        @Override
        public void validate(ObjectData config, Diagnostics diags) {
            if (config.isKnown("name") && "".equals(config.getString("name"))) {
                diags.attributeError("name", "Empty name", "name must not be empty");
            }
        }

        private static synchronized String next() {
            return "t-" + (++counter);
        }

        @Override
        public void create(ObjectData planned, Diagnostics diags) {
            if ("create".equals(planned.getString("explode"))) {
                throw new IllegalStateException("boom");
            }
            String id = next();
            planned.set("id", id);
            planned.set("etag", id + "-v1");
            THINGS.put(id, Map.of("name", planned.getString("name")));
        }

        @Override
        public boolean read(ObjectData state, Diagnostics diags) {
            return THINGS.containsKey(state.getString("id"));
        }

        @Override
        public void update(ObjectData prior, ObjectData planned, Diagnostics diags) {
            planned.set("etag", planned.getString("id") + "-v" + System.nanoTime());
        }

        @Override
        public void delete(ObjectData state, Diagnostics diags) {
            THINGS.remove(state.getString("id"));
        }

        @Override
        public void importState(String id, ObjectData state, Diagnostics diags) {
            Map<String, Object> t = THINGS.get(id);
            if (t == null) {
                diags.error("Cannot import", "no thing " + id);
                return;
            }
            state.set("id", id);
            state.set("name", t.get("name"));
            state.set("size", 1L);
            state.set("etag", id + "-imported");
        }

        @Override
        public ObjectNode upgradeState(long fromVersion, ObjectNode state, Diagnostics diags) {
            if (fromVersion < 2 && state.has("title")) {
                state.set("name", state.remove("title"));
            }
            return state;
        }
    }

    static final class Echo implements DataSource {
        @Override
        public ResourceSchema schema() {
            return ResourceSchema.of(AttributeSpec.string("input").required(), AttributeSpec.string("upper").computed());
        }

        @Override
        public void read(ObjectData data, Diagnostics diags) {
            data.set("upper", data.getString("input").toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Serves the example provider as a plugin process. */
    public static void main(String[] args) {
        ProviderMain.serve(create());
    }
}
