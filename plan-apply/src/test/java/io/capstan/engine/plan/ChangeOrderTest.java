package io.capstan.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Resource;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The order of a plan's changes ({@link ChangeOrder#CHANGES}, written out by hand) is the instance address order
 * ({@link ChangeOrder#ADDRESSES}, terraform's {@code AbsResourceInstance.Less}) and then the current object
 * before deposed ones.
 */
class ChangeOrderTest {
    /** The definition: addresses first, then the deposed key ("" for the current object). */
    private static final Comparator<ResourceChange> REFERENCE = Comparator
            .comparing((ResourceChange c) -> new AbsResourceInstance(c.module(), c.resource().instance(c.key())),
                    ChangeOrder.ADDRESSES)
            .thenComparing(c -> c.deposed() == null ? "" : c.deposed());

    private static final InstanceKey[] KEYS = {InstanceKey.NONE, new InstanceKey.Int(0), new InstanceKey.Int(2),
        new InstanceKey.Int(10), new InstanceKey.Str("a"), new InstanceKey.Str("b")};

    private static ResourceChange change(Random r) {
        ModuleInstance m = ModuleInstance.ROOT;
        for (int depth = r.nextInt(3); depth > 0; depth--) {
            m = m.child(r.nextBoolean() ? "m" : "n", KEYS[r.nextInt(KEYS.length)]);
        }
        String type = r.nextBoolean() ? "terraform_data" : "aws_instance";
        String name = r.nextBoolean() ? "a" : "b";
        Resource res = r.nextInt(4) == 0 ? Resource.data(type, name) : Resource.managed(type, name);
        String deposed = r.nextInt(4) == 0 ? (r.nextBoolean() ? "00000001" : "00000002") : null;
        return new ResourceChange(m, res, KEYS[r.nextInt(KEYS.length)], Action.CREATE, Value.DYNAMIC_NULL,
                Value.DYNAMIC_NULL, Type.DYNAMIC, null, List.of(), "provider[\"registry.terraform.io/hashicorp/aws\"]",
                List.of(), false, null, deposed);
    }

    @Test
    void changesSortAsTheirAddressesThenDeposedKeys() {
        Random r = new Random(20261129);
        for (int round = 0; round < 50; round++) {
            List<ResourceChange> changes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                changes.add(change(r));
            }
            Collections.shuffle(changes, r);
            List<ResourceChange> expected = new ArrayList<>(changes);
            expected.sort(REFERENCE);
            List<ResourceChange> actual = new ArrayList<>(changes);
            actual.sort(ChangeOrder.CHANGES);
            assertThat(actual).containsExactlyElementsOf(expected);
            for (int i = 0; i < 60; i++) {
                ResourceChange x = changes.get(i);
                ResourceChange y = changes.get(r.nextInt(60));
                assertThat(Integer.signum(ChangeOrder.CHANGES.compare(x, y)))
                        .as("%s vs %s", x.address(), y.address())
                        .isEqualTo(Integer.signum(REFERENCE.compare(x, y)));
            }
        }
    }

    /** {@link ChangeOrder#ADDRESSES}' definition, as it was composed before it was written out. */
    private static final Comparator<AbsResourceInstance> COMPOSED_ADDRESSES = Comparator
            .comparing(AbsResourceInstance::module, ChangeOrder::compareModules)
            .thenComparing(a -> a.resource().resource().mode() == io.capstan.graph.addrs.ResourceMode.DATA ? 0 : 1)
            .thenComparing(a -> a.resource().resource().type())
            .thenComparing(a -> a.resource().resource().name())
            .thenComparing(a -> a.resource().key(), ChangeOrder::compareKeys);

    @Test
    void addressesCompareAsTheirComposedDefinition() {
        Random r = new Random(15);
        List<AbsResourceInstance> addrs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ResourceChange c = change(r);
            addrs.add(new AbsResourceInstance(c.module(), c.resource().instance(c.key())));
        }
        for (AbsResourceInstance x : addrs) {
            for (int i = 0; i < 20; i++) {
                AbsResourceInstance y = addrs.get(r.nextInt(addrs.size()));
                assertThat(Integer.signum(ChangeOrder.ADDRESSES.compare(x, y))).as("%s vs %s", x, y)
                        .isEqualTo(Integer.signum(COMPOSED_ADDRESSES.compare(x, y)));
            }
        }
        List<AbsResourceInstance> expected = new ArrayList<>(addrs);
        expected.sort(COMPOSED_ADDRESSES);
        List<AbsResourceInstance> actual = new ArrayList<>(addrs);
        actual.sort(ChangeOrder.ADDRESSES);
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void numericKeysByValueRootFirstDataFirstCurrentBeforeDeposed() {
        Resource res = Resource.managed("terraform_data", "r");
        ResourceChange r10 = simple(ModuleInstance.ROOT, res, new InstanceKey.Int(10), null);
        ResourceChange r2 = simple(ModuleInstance.ROOT, res, new InstanceKey.Int(2), null);
        ResourceChange r2deposed = simple(ModuleInstance.ROOT, res, new InstanceKey.Int(2), "00000001");
        ResourceChange data = simple(ModuleInstance.ROOT, Resource.data("terraform_data", "r"), InstanceKey.NONE, null);
        ResourceChange inModule = simple(ModuleInstance.ROOT.child("a", InstanceKey.NONE), Resource.data("a", "a"),
                InstanceKey.NONE, null);
        List<ResourceChange> l = new ArrayList<>(List.of(inModule, r2deposed, r10, data, r2));
        l.sort(ChangeOrder.CHANGES);
        assertThat(l).containsExactly(data, r2, r2deposed, r10, inModule);
    }

    private static ResourceChange simple(ModuleInstance m, Resource res, InstanceKey key, String deposed) {
        return new ResourceChange(m, res, key, Action.CREATE, Value.DYNAMIC_NULL, Value.DYNAMIC_NULL, Type.DYNAMIC, null,
                List.of(), "provider", List.of(), false, null, deposed);
    }
}
