package io.capstan.engine.plan;

import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.addrs.ResourceMode;
import java.util.Comparator;

/**
 * The order of a plan's resource changes (and its drift), as terraform 1.11 sorts them by address
 * ({@code AbsResourceInstance.Less}): the root module's first, then by module path (shorter first,
 * then step by step by name and key), data before managed, type, name, instance key (none, then
 * numbers by value, then strings: {@code a[2]} before {@code a[10]}), the current object before
 * deposed ones. A plain string order put {@code module.m} before the root's {@code terraform_data}
 * and {@code a[10]} before {@code a[2]}.
 */
public final class ChangeOrder {
    private ChangeOrder() {
    }

    /** Instance addresses in terraform's order. */
    public static final Comparator<AbsResourceInstance> ADDRESSES = ChangeOrder::compareAddresses;

    /**
     * {@link #ADDRESSES}, written out: composed with {@code Comparator.comparing}, its four serializable
     * lambdas were spun at run time on every plan (JDK 17's class-data archive cannot hold them).
     */
    static int compareAddresses(AbsResourceInstance x, AbsResourceInstance y) {
        int c = compareModules(x.module(), y.module());
        if (c != 0) {
            return c;
        }
        Resource a = x.resource().resource();
        Resource b = y.resource().resource();
        c = Integer.compare(a.mode() == ResourceMode.DATA ? 0 : 1, b.mode() == ResourceMode.DATA ? 0 : 1);
        if (c == 0) {
            c = a.type().compareTo(b.type());
        }
        if (c == 0) {
            c = a.name().compareTo(b.name());
        }
        if (c == 0) {
            c = compareKeys(x.resource().key(), y.resource().key());
        }
        return c;
    }

    /**
     * Changes in {@link #ADDRESSES}' order, then the current object before deposed ones (by deposed key). Written
     * out rather than composed from key extractors: a plan sorts its 1,000 changes with about 10,000 comparisons,
     * which built two address records each and ran mostly in the interpreter.
     */
    static final Comparator<ResourceChange> CHANGES = ChangeOrder::compareChanges;

    static int compareChanges(ResourceChange x, ResourceChange y) {
        int c = compareModules(x.module(), y.module());
        if (c != 0) {
            return c;
        }
        Resource a = x.resource();
        Resource b = y.resource();
        c = Integer.compare(a.mode() == ResourceMode.DATA ? 0 : 1, b.mode() == ResourceMode.DATA ? 0 : 1);
        if (c == 0) {
            c = a.type().compareTo(b.type());
        }
        if (c == 0) {
            c = a.name().compareTo(b.name());
        }
        if (c == 0) {
            c = compareKeys(x.key(), y.key());
        }
        if (c == 0) {
            c = (x.deposed() == null ? "" : x.deposed()).compareTo(y.deposed() == null ? "" : y.deposed());
        }
        return c;
    }

    static int compareModules(ModuleInstance a, ModuleInstance b) {
        if (a.steps().size() != b.steps().size()) {
            return Integer.compare(a.steps().size(), b.steps().size());
        }
        for (int i = 0; i < a.steps().size(); i++) {
            ModuleInstance.Step x = a.steps().get(i);
            ModuleInstance.Step y = b.steps().get(i);
            int c = x.name().compareTo(y.name());
            if (c == 0) {
                c = compareKeys(x.key(), y.key());
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static int compareKeys(InstanceKey a, InstanceKey b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a instanceof InstanceKey.Int x && b instanceof InstanceKey.Int y) {
            return Integer.compare(x.index(), y.index());
        }
        if (a instanceof InstanceKey.Str x && b instanceof InstanceKey.Str y) {
            return x.key().compareTo(y.key());
        }
        return 0;
    }

    private static int rank(InstanceKey k) {
        return k instanceof InstanceKey.Int ? 1 : k instanceof InstanceKey.Str ? 2 : 0;
    }
}
