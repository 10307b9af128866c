package io.capstan.engine.plan;

import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Resource;

/** Address strings as Terraform prints them, shared by plan, state and messages. */
public final class Addrs {
    private Addrs() {
    }

    public static String resource(ModuleInstance m, Resource r) {
        return m.isRoot() ? r.toString() : m + "." + r;
    }

    public static String instance(ModuleInstance m, Resource r, InstanceKey k) {
        return resource(m, r) + k;
    }

    /** The state's {@code module} field: null for the root. */
    public static String stateModule(ModuleInstance m) {
        return m.isRoot() ? null : m.toString();
    }

    /** A check block instance: {@code check.NAME}, or {@code module.a.check.NAME}. */
    public static String check(ModuleInstance m, String name) {
        return m.isRoot() ? "check." + name : m + ".check." + name;
    }
}
