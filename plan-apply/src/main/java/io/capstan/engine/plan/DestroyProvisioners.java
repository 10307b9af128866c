package io.capstan.engine.plan;

import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.Provisioner;
import io.capstan.graph.config.Removed;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.hcl.value.Value;
import java.util.List;

/**
 * Finds the destroy-time provisioners for an object being deleted outside the forward walk
 * ({@code destroy}, or an orphan): those of its {@code resource} block when the block is still
 * in configuration (a {@code count}/{@code for_each} instance that went away, or {@code -destroy}),
 * else those of a {@code removed} block with {@code destroy = true} naming it. A block removed
 * without a {@code removed} block takes its provisioners with it, as in Terraform.
 */
final class DestroyProvisioners {
    private DestroyProvisioners() {
    }

    /** Where the object's {@code when = destroy} provisioners run, or null when it has none. */
    static LocalExec.Site site(ModuleTree config, ResourceChange c) {
        if (config == null) {
            return null;
        }
        ModuleTree t = config;
        for (ModuleInstance.Step s : c.module().steps()) {
            t = t == null ? null : t.children().get(s.name());
        }
        if (t == null) {
            return null;
        }
        List<Provisioner> provisioners = null;
        ResourceConfig rc = t.module().resources().get(c.resource());
        if (rc != null) {
            provisioners = rc.provisioners();
        } else {
            for (Removed r : t.module().removed()) {
                if (r.destroy() && r.from().toString().equals(c.resource().toString())) {
                    provisioners = r.provisioners();
                }
            }
        }
        if (provisioners == null || !LocalExec.any(provisioners, "destroy")) {
            return null;
        }
        // only self, count.index and each.key may be referenced: each.value is gone with the object
        Repetition rep = Repetition.of(c.key(), Value.DYNAMIC_NULL);
        return new LocalExec.Site(c.address(), ModuleInst.of(c.module(), t, null, Repetition.NONE), rep,
                provisioners);
    }
}
