package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.config.Local;
import io.capstan.graph.config.Module;
import io.capstan.graph.config.ModuleCall;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.Output;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.graph.config.Variable;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.Body;

import java.util.Map;

/**
 * Adds one node per configuration object of every module: variables, locals, outputs,
 * resources, module calls. A child module's variables carry the call's argument for them.
 */
public final class ConfigTransformer implements GraphTransformer {
    @Override
    public void transform(GraphBuild b) {
        // a loop rather than a lambda: each lambda call site costs every CLI run its bootstrap (#6)
        for (ModuleTree t : b.config().all()) {
            addModule(b, t);
        }
    }

    private static void addModule(GraphBuild b, ModuleTree t) {
        ModulePath p = t.path();
        Module m = t.module();
        Map<String, Attribute> args = Map.of();
        if (t.parent() != null) {
            ModuleCall call = t.parent().module().moduleCalls().get(p.names().get(p.names().size() - 1));
            args = arguments(call.config());
        }
        for (Variable v : m.variables().values()) {
            Attribute a = args.get(v.name());
            Expression arg = a == null ? null : a.expr();
            VariableNode n = new VariableNode(p, v, arg);
            b.add(n);
            b.register(p, "var." + v.name(), n);
        }
        for (Local l : m.locals().values()) {
            LocalNode n = new LocalNode(p, l);
            b.add(n);
            b.register(p, "local." + l.name(), n);
        }
        for (ResourceConfig rc : m.resources().values()) {
            ResourceNode n = new ResourceNode(p, rc);
            b.add(n);
            b.register(p, rc.addr().toString(), n);
        }
        for (ModuleCall mc : m.moduleCalls().values()) {
            ModuleCallNode n = new ModuleCallNode(p, mc);
            b.add(n);
            b.register(p, "module." + mc.name(), n);
        }
        for (Output o : m.outputs().values()) {
            OutputNode n = new OutputNode(p, o);
            b.add(n);
            b.register(p, "output." + o.name(), n);
        }
    }

    /** The argument attributes of a module call body (tolerating blocks, which the walk reports). */
    static Map<String, Attribute> arguments(Body body) {
        var r = body.justAttributes();
        return r.value() == null ? Map.of() : r.value();
    }
}
