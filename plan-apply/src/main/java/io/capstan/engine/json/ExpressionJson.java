package io.capstan.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.engine.state.StateCodec;
import io.capstan.graph.addrs.Addresses;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.Reference;
import io.capstan.graph.addrs.Referenceable;
import io.capstan.graph.addrs.References;
import io.capstan.graph.addrs.ResourceInstance;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.AttributeSchema;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.BlockHeaderSchema;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.body.BodySchema;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.NestingMode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Terraform's expression representation (JSON plan {@code configuration}): an unevaluated
 * expression as {@code constant_value} when it evaluates without any context to a known value,
 * and {@code references} listing each reference unwrapped step by step, longest first
 * ({@code aws_instance.a[0].id}, {@code aws_instance.a[0]}, {@code aws_instance.a}). Blocks map
 * their arguments by name, nested blocks as the schema nests them.
 */
final class ExpressionJson {
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private ExpressionJson() {
    }

    /** The expression's representation; empty for a null expression. */
    static ObjectNode of(Expression e) {
        ObjectNode j = F.objectNode();
        if (e == null) {
            return j;
        }
        var r = Evaluator.evaluate(e, EvalContext.empty());
        if (!r.hasErrors() && r.value() != null && r.value().isWhollyKnown()) {
            j.set("constant_value", json(r.value()));
        }
        List<String> refs = new ArrayList<>();
        for (Traversal t : e.variables()) {
            Reference ref = References.parse(t, new Diagnostics());
            if (ref != null) {
                unwrap(ref, refs);
            }
        }
        if (!refs.isEmpty()) {
            ArrayNode a = j.putArray("references");
            refs.forEach(a::add);
        }
        return j;
    }

    /** A depends_on entry: the subject of the reference written. */
    static String subject(Expression e) {
        for (Traversal t : e.variables()) {
            Reference ref = References.parse(t, new Diagnostics());
            if (ref != null) {
                return ref.subject().toString();
            }
        }
        return "";
    }

    static JsonNode json(Value v) {
        return StateCodec.parse(ValueJson.encode(v.unmarkDeep().value()));
    }

    private static void unwrap(Reference ref, List<String> out) {
        String subject = ref.subject().toString();
        List<Traverser> remain = ref.remaining();
        // terraform's subject for module.x.out is the module output, not the call
        if ((ref.subject() instanceof Referenceable.ModuleCall || ref.subject() instanceof Referenceable.ModuleCallInstance)
                && !remain.isEmpty() && remain.get(0) instanceof TraverseAttr a) {
            subject = subject + "." + a.name();
            remain = remain.subList(1, remain.size());
        }
        for (int n = remain.size(); n > 0; n--) {
            out.add(subject + steps(remain.subList(0, n)));
        }
        out.add(subject);
        String extra = extra(ref);
        if (extra != null) {
            out.add(extra);
        }
    }

    /** What terraform adds after the subject: the call of a module output, the resource of a keyed instance. */
    private static String extra(Reference ref) {
        if (ref.subject() instanceof Referenceable.ModuleCallInstance mi) {
            boolean output = !ref.remaining().isEmpty() && ref.remaining().get(0) instanceof TraverseAttr;
            return output ? mi.toString() : mi.key() instanceof InstanceKey.None ? null : mi.call().toString();
        }
        if (ref.subject() instanceof Referenceable.ModuleCall mc) {
            boolean output = !ref.remaining().isEmpty() && ref.remaining().get(0) instanceof TraverseAttr;
            return output ? mc.toString() : null;
        }
        if (ref.subject() instanceof ResourceInstance ri && !(ri.key() instanceof InstanceKey.None)) {
            return ri.resource().toString();
        }
        return null;
    }

    private static String steps(List<Traverser> steps) {
        StringBuilder sb = new StringBuilder();
        for (Traverser s : steps) {
            if (s instanceof TraverseAttr a) {
                sb.append('.').append(a.name());
            } else if (s instanceof TraverseIndex i) {
                sb.append('[');
                if (i.key() instanceof Literal.Str str) {
                    sb.append(Addresses.quote(str.value()));
                } else if (i.key() instanceof Literal.Num num) {
                    sb.append(number(num.value()));
                }
                sb.append(']');
            }
        }
        return sb.toString();
    }

    private static String number(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() <= 0 && s.precision() - s.scale() <= 10 ? s.toPlainString() : s.round(new java.math.MathContext(10)).toString();
    }

    /**
     * A block's arguments by name (sorted, as Go writes a map), nested blocks by the schema's
     * nesting: single/group as an object, list/set as an array, map by label. Without a schema
     * only the arguments are given.
     */
    static ObjectNode block(Body body, io.capstan.provider.schema.Block schema) {
        if (schema == null) {
            return attributes(body);
        }
        List<AttributeSchema> attrs = new ArrayList<>();
        schema.attributes().keySet().forEach(n -> attrs.add(new AttributeSchema(n, false)));
        List<BlockHeaderSchema> blocks = new ArrayList<>();
        schema.blockTypes().forEach((n, b) -> blocks.add(new BlockHeaderSchema(n,
                b.nesting() == NestingMode.MAP ? List.of("key") : List.of())));
        var content = body.partialContent(new BodySchema(attrs, blocks)).value();
        Map<String, JsonNode> out = new TreeMap<>();
        if (content != null) {
            for (Attribute a : content.content().attributes().values()) {
                out.put(a.name(), of(a.expr()));
            }
            for (Block b : content.content().blocks()) {
                NestedBlock nb = schema.blockTypes().get(b.type());
                if (nb == null || out.containsKey(b.type()) && !(out.get(b.type()).isContainerNode())) {
                    continue;
                }
                ObjectNode inner = block(b.body(), nb.block());
                switch (nb.nesting()) {
                    case SINGLE, GROUP -> out.put(b.type(), inner);
                    case LIST, SET -> ((ArrayNode) out.computeIfAbsent(b.type(), k -> F.arrayNode())).add(inner);
                    case MAP -> ((ObjectNode) out.computeIfAbsent(b.type(), k -> F.objectNode()))
                            .set(b.labels().isEmpty() ? "" : b.labels().get(0), inner);
                    default -> out.put(b.type(), inner);
                }
            }
        }
        ObjectNode j = F.objectNode();
        out.forEach(j::set);
        return j;
    }

    /** Only the named arguments (a module call's input variables). */
    static ObjectNode named(Body body, Collection<String> names) {
        List<AttributeSchema> attrs = names.stream().map(n -> new AttributeSchema(n, false)).toList();
        var content = body.partialContent(new BodySchema(attrs, List.of())).value();
        ObjectNode j = F.objectNode();
        if (content != null) {
            new TreeMap<>(content.content().attributes()).forEach((n, a) -> j.set(n, of(a.expr())));
        }
        return j;
    }

    /** All arguments of a body of free-form arguments. */
    static ObjectNode attributes(Body body) {
        ObjectNode j = F.objectNode();
        var attrs = body.justAttributes().value();
        if (attrs != null) {
            new TreeMap<>(attrs).forEach((n, a) -> j.set(n, of(a.expr())));
        }
        return j;
    }
}
