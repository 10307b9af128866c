package io.capstan.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.graph.addrs.Addresses;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Reference;
import io.capstan.graph.addrs.Referenceable;
import io.capstan.graph.addrs.References;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.addrs.ResourceInstance;
import io.capstan.graph.config.BodyExpressions;
import io.capstan.graph.config.Local;
import io.capstan.graph.config.ModuleCall;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.Output;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Diagnostics;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON plan's {@code relevant_attributes}, as terraform's heuristic finds them: the resource
 * attributes that the configuration of every changing resource instance and root output refers to,
 * directly or through locals, module inputs and outputs, and through the referred attributes' own
 * arguments. Terraform shows drift ("changed outside of Terraform") only for these attributes, and
 * policy tools read them to tell which refreshed values mattered. Static: no expression is evaluated.
 */
public final class RelevantAttributes {
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private final ModuleTree root;
    private final Map<String, Ref> found = new LinkedHashMap<>();
    private final Deque<Ref> pending = new ArrayDeque<>();

    /** One reference, made from inside a module instance. */
    private record Ref(ModuleInstance from, Referenceable subject, List<Traverser> remaining) {
        String key() {
            return from + "|" + subject + "|" + path(remaining);
        }
    }

    private RelevantAttributes(ModuleTree root) {
        this.root = root;
    }

    /** {@code relevant_attributes} for a JSON plan's changes (empty when nothing refers to a resource). */
    public static ArrayNode of(ModuleTree config, JsonNode planJson) {
        return of(config, planJson, io.capstan.engine.render.ChangeSource.of(planJson.path("resource_changes")));
    }

    /**
     * As {@link #of(ModuleTree, JsonNode)} with the plan's {@code resource_changes} taken from {@code changes}
     * (those of {@code planJson} are not read): only each entry's header (address, deposed, actions) is
     * read, so a plan shown change by change finds them without its whole JSON.
     */
    public static ArrayNode of(ModuleTree config, JsonNode planJson, io.capstan.engine.render.ChangeSource changes) {
        RelevantAttributes r = new RelevantAttributes(config);
        for (int i = 0, n = changes.size(); i < n; i++) {
            JsonNode rc = changes.header(i);
            if (noOp(rc.path("change")) || rc.has("deposed")) {
                continue;
            }
            var addr = Addresses.parseAbsResourceInstance(rc.path("address").asText());
            if (addr.hasErrors() || addr.value() == null) {
                continue;
            }
            ModuleTree t = r.tree(addr.value().module());
            ResourceConfig c = t == null ? null : t.module().resources().get(addr.value().resource().resource());
            if (c != null) {
                r.add(addr.value().module(), BodyExpressions.of(c.config()).expressions());
            }
        }
        var outs = planJson.path("output_changes").fields();
        while (outs.hasNext()) {
            var e = outs.next();
            Output o = config.module().outputs().get(e.getKey());
            if (o != null && !noOp(e.getValue())) {
                r.add(ModuleInstance.ROOT, List.of(o.value()));
            }
        }
        while (!r.pending.isEmpty()) {
            r.follow(r.pending.pop());
        }
        ArrayNode out = F.arrayNode();
        for (Ref ref : r.found.values()) {
            ResourceInstance ri = ref.subject() instanceof ResourceInstance i ? i
                    : ref.subject() instanceof Resource res ? res.instance(InstanceKey.NONE) : null;
            if (ri == null) {
                continue;
            }
            ObjectNode n = out.addObject();
            String res = ref.subject().toString();
            n.put("resource", ref.from().isRoot() ? res : ref.from() + "." + res);
            n.set("attribute", path(ref.remaining()));
        }
        return out;
    }

    private static boolean noOp(JsonNode change) {
        JsonNode a = change.path("actions");
        return a.size() == 1 && a.get(0).asText().equals("no-op");
    }

    private ModuleTree tree(ModuleInstance inst) {
        ModuleTree t = root;
        for (ModuleInstance.Step s : inst.steps()) {
            t = t == null ? null : t.children().get(s.name());
        }
        return t;
    }

    private void add(ModuleInstance from, List<Expression> exprs) {
        for (Reference ref : References.of(exprs, new Diagnostics())) {
            Ref r = new Ref(from, ref.subject(), ref.remaining());
            if (found.putIfAbsent(r.key(), r) == null) {
                pending.add(r);
            }
        }
    }

    /** Adds what the referred object's value is made of. */
    private void follow(Ref ref) {
        ModuleTree t = tree(ref.from());
        if (t == null) {
            return;
        }
        Referenceable subject = ref.subject();
        if (subject instanceof Resource res) {
            resource(ref, t, res);
        } else if (subject instanceof ResourceInstance ri) {
            resource(ref, t, ri.resource());
        } else if (subject instanceof Referenceable.LocalValue l) {
            Local local = t.module().locals().get(l.name());
            if (local != null) {
                add(ref.from(), List.of(local.expr()));
            }
        } else if (subject instanceof Referenceable.InputVariable v && !ref.from().isRoot()) {
            // a module's input: the argument of its call, in the calling module instance
            List<ModuleInstance.Step> steps = ref.from().steps();
            ModuleInstance parent = new ModuleInstance(steps.subList(0, steps.size() - 1));
            ModuleTree pt = tree(parent);
            ModuleCall call = pt == null ? null : pt.module().moduleCalls().get(steps.get(steps.size() - 1).name());
            if (call != null && call.config() instanceof SyntaxBody b && b.attribute(v.name()) != null) {
                add(parent, List.of(b.attribute(v.name()).expr()));
            }
        } else if (subject instanceof Referenceable.ModuleCall m) {
            moduleOutputs(ref, t, ref.from().child(m.name(), InstanceKey.NONE));
        } else if (subject instanceof Referenceable.ModuleCallInstance m) {
            moduleOutputs(ref, t, ref.from().child(m.call().name(), m.key()));
        }
    }

    private void moduleOutputs(Ref ref, ModuleTree t, ModuleInstance child) {
        ModuleTree ct = t.children().get(child.steps().get(child.steps().size() - 1).name());
        if (ct == null) {
            return;
        }
        String only = !ref.remaining().isEmpty() && ref.remaining().get(0) instanceof TraverseAttr a ? a.name() : null;
        for (Output o : ct.module().outputs().values()) {
            if (only == null || only.equals(o.name())) {
                add(child, List.of(o.value()));
            }
        }
    }

    /**
     * A resource's own arguments that the reference reaches: the argument or nested blocks its
     * first attribute step names, or the whole body when it names none (computed attributes such
     * as {@code id} lead nowhere).
     */
    private void resource(Ref ref, ModuleTree t, Resource res) {
        ResourceConfig c = t.module().resources().get(res);
        if (c == null) {
            return;
        }
        String name = !ref.remaining().isEmpty() && ref.remaining().get(0) instanceof TraverseAttr a ? a.name() : null;
        if (name == null) {
            add(ref.from(), BodyExpressions.of(c.config()).expressions());
            return;
        }
        if (!(c.config() instanceof SyntaxBody b)) {
            return;
        }
        Attribute attr = b.attribute(name);
        if (attr != null) {
            add(ref.from(), List.of(attr.expr()));
            return;
        }
        for (Block blk : b.blocks()) {
            if (blk.type().equals(name)) {
                add(ref.from(), BodyExpressions.of(blk.body()).expressions());
            }
        }
    }

    /** Terraform's JSON path of the remaining steps: attribute names and literal keys, up to the first other step. */
    private static ArrayNode path(List<Traverser> steps) {
        ArrayNode p = F.arrayNode();
        for (Traverser s : steps) {
            if (s instanceof TraverseAttr a) {
                p.add(a.name());
            } else if (s instanceof TraverseIndex i && i.key() instanceof Literal.Num n) {
                p.add(n.value());
            } else if (s instanceof TraverseIndex i && i.key() instanceof Literal.Str str) {
                p.add(str.value());
            } else {
                break;
            }
        }
        return p;
    }
}
