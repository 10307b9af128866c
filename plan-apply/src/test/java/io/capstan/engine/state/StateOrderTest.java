package io.capstan.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The state's resource and instance orders, written out by hand, are the orders they were defined as by composing
 * key extractors (module, mode with data first, type, name; instance key, then the deposed key).
 */
class StateOrderTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final Comparator<ResourceState> COMPOSED_RESOURCES = Comparator
            .comparing((ResourceState r) -> r.module() == null ? "" : r.module())
            .thenComparing(r -> "data".equals(r.mode()) ? 0 : 1)
            .thenComparing(ResourceState::type)
            .thenComparing(ResourceState::name);

    private static final Comparator<InstanceState> COMPOSED_INSTANCES = Comparator
            .comparing((InstanceState i) -> i.indexKey(), StateOrder::compareKeys)
            .thenComparing(i -> i.deposed() == null ? "" : i.deposed());

    private static final String[] MODULES = {null, "", "module.a", "module.b[0]", "module.b[\"x\"]"};

    private static final JsonNode[] KEYS = {null, F.numberNode(0), F.numberNode(2), F.numberNode(10), F.textNode("a"),
        F.textNode("b"), F.numberNode(java.math.BigInteger.valueOf(2)), F.numberNode(java.math.BigInteger.TEN),
        F.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
        F.numberNode(new java.math.BigInteger("-123456789012345678901234567890")), F.numberNode(2.5),
        F.numberNode(new java.math.BigDecimal("10.0")), F.numberNode(-1L), F.numberNode(Long.MAX_VALUE)};

    @Test
    void numericKeysByValue() {
        for (JsonNode a : KEYS) {
            for (JsonNode b : KEYS) {
                if (a != null && b != null && a.isNumber() && b.isNumber()) {
                    assertThat(Integer.signum(StateOrder.compareKeys(a, b))).as("%s vs %s", a, b)
                            .isEqualTo(Integer.signum(a.decimalValue().compareTo(b.decimalValue())));
                }
            }
        }
    }

    private static ResourceState resource(Random r) {
        return new ResourceState(MODULES[r.nextInt(MODULES.length)], r.nextBoolean() ? "data" : "managed",
                r.nextBoolean() ? "terraform_data" : "aws_instance", r.nextBoolean() ? "a" : "b",
                "provider[\"registry.terraform.io/hashicorp/aws\"]", List.of());
    }

    private static InstanceState instance(Random r) {
        String deposed = r.nextInt(3) == 0 ? null : r.nextBoolean() ? "" : r.nextBoolean() ? "00000001" : "00000002";
        return new InstanceState(KEYS[r.nextInt(KEYS.length)], "", deposed, 0, F.objectNode(), F.arrayNode(), "",
                List.of(), false);
    }

    @Test
    void resourcesCompareAsTheirComposedDefinition() {
        Random r = new Random(15);
        List<ResourceState> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(resource(r));
        }
        for (ResourceState x : all) {
            for (ResourceState y : all) {
                assertThat(Integer.signum(StateOrder.RESOURCES.compare(x, y))).as("%s vs %s", x, y)
                        .isEqualTo(Integer.signum(COMPOSED_RESOURCES.compare(x, y)));
            }
        }
    }

    @Test
    void instancesCompareAsTheirComposedDefinition() {
        Random r = new Random(16);
        List<InstanceState> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(instance(r));
        }
        for (InstanceState x : all) {
            for (InstanceState y : all) {
                assertThat(Integer.signum(StateOrder.INSTANCES.compare(x, y))).as("%s vs %s", x, y)
                        .isEqualTo(Integer.signum(COMPOSED_INSTANCES.compare(x, y)));
            }
        }
    }
}
