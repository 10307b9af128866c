package io.capstan.graph.addrs;

/**
 * Something an expression can refer to, module-relative: {@code var.x}, {@code local.y},
 * {@code module.m}, a resource or one of its instances, {@code count.index}, {@code each.key},
 * {@code path.module}, {@code terraform.workspace}, {@code self}. The subject of a {@link Reference}.
 */
public sealed interface Referenceable
        permits Resource, ResourceInstance, Referenceable.InputVariable, Referenceable.LocalValue,
        Referenceable.ModuleCall, Referenceable.ModuleCallInstance, Referenceable.CountAttr,
        Referenceable.ForEachAttr, Referenceable.PathAttr, Referenceable.TerraformAttr, Referenceable.Self {

    record InputVariable(String name) implements Referenceable {
        @Override
        public String toString() {
            return "var." + name;
        }
    }

    record LocalValue(String name) implements Referenceable {
        @Override
        public String toString() {
            return "local." + name;
        }
    }

    /** {@code module.name} (all instances, or a single-instance call). */
    record ModuleCall(String name) implements Referenceable {
        @Override
        public String toString() {
            return "module." + name;
        }
    }

    /** {@code module.name[key]}. */
    record ModuleCallInstance(ModuleCall call, InstanceKey key) implements Referenceable {
        @Override
        public String toString() {
            return call + key.toString();
        }
    }

    /** {@code count.index}. */
    record CountAttr(String name) implements Referenceable {
        @Override
        public String toString() {
            return "count." + name;
        }
    }

    /** {@code each.key} / {@code each.value}. */
    record ForEachAttr(String name) implements Referenceable {
        @Override
        public String toString() {
            return "each." + name;
        }
    }

    /** {@code path.module}, {@code path.root}, {@code path.cwd}. */
    record PathAttr(String name) implements Referenceable {
        @Override
        public String toString() {
            return "path." + name;
        }
    }

    /** {@code terraform.workspace}. */
    record TerraformAttr(String name) implements Referenceable {
        @Override
        public String toString() {
            return "terraform." + name;
        }
    }

    /** {@code self}, inside provisioner, connection and postcondition blocks. */
    record Self() implements Referenceable {
        @Override
        public String toString() {
            return "self";
        }
    }
}
