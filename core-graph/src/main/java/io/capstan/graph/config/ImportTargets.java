package io.capstan.graph.config;

import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.IndexExpr;
import io.capstan.hcl.ast.JsonExpression;
import io.capstan.hcl.ast.JsonValue;
import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.RelativeTraversalExpr;
import io.capstan.hcl.ast.ScopeTraversalExpr;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.parser.HclParser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code to} address of an {@code import} block read as terraform 1.11 reads it: the resource it
 * names with its index keys left out (terraform's {@code ConfigResource}, which ties the block to a
 * resource before any key is evaluated), the whole instance address when it is static, and
 * terraform's {@code ParseAbsResourceInstance} with its diagnostics.
 */
public final class ImportTargets {
    /** A resource in a static module path (no keys): what an import block targets before expansion. */
    public record Target(ModulePath module, Resource resource) {
        @Override
        public String toString() {
            return module.prefix(resource.toString());
        }
    }

    private static final Set<String> RESERVED = Set.of("count", "each", "local", "module", "path", "self",
            "terraform", "var", "template", "lazy", "arg");

    private ImportTargets() {
    }

    /**
     * A {@code to} written in JSON syntax (a string holding the reference) as the native expression
     * it holds, parsed from the string's position; any other expression as it is. Null (with
     * diagnostics) when the JSON value is not a string or does not parse.
     */
    static Expression unwrapJson(Expression to, Diagnostics diags) {
        if (!(to instanceof JsonExpression j)) {
            return to;
        }
        if (!(j.value() instanceof JsonValue.Str s)) {
            diags.add(Diagnostic.error("Invalid reference expression", "A single reference string is required.",
                    to.range()));
            return null;
        }
        SourceRange r = to.range();
        Result<Expression> e = HclParser.parseExpressionAt(s.value(), r.filename(), r.start().line(),
                r.start().column(), r.start().byteOffset());
        diags.addAll(e.diagnostics());
        return e.hasErrors() ? null : e.value();
    }

    /**
     * The resource {@code to} names, its index expressions skipped (they may refer to {@code each}),
     * with the address's diagnostics; null when it is not a resource instance address.
     */
    static Target configResource(Expression to, Diagnostics diags) {
        List<Traverser> steps = new ArrayList<>();
        if (!resourceSteps(to, steps, diags)) {
            return null;
        }
        Result<AbsResourceInstance> r = parse(steps, rangeOf(steps));
        diags.addAll(r.diagnostics());
        AbsResourceInstance a = r.value();
        return a == null ? null : new Target(a.module().module(), a.resource().resource());
    }

    /** The resource an import block targets (keys skipped), or null when its {@code to} is not an address. */
    public static Target target(Import im) {
        return configResource(im.to(), new Diagnostics());
    }

    /**
     * The import blocks whose target's module is not in the configuration, with terraform's error
     * (found as its graph is built, before any other check of the blocks).
     */
    public static void checkModulesExist(ModuleTree root, Diagnostics diags) {
        if (root.module().imports().isEmpty()) {
            return;
        }
        Set<ModulePath> paths = new java.util.HashSet<>();
        root.walk(t -> paths.add(t.path()));
        for (Import im : root.module().imports()) {
            Target t = target(im);
            if (t != null && !paths.contains(t.module())) {
                diags.add(Diagnostic.error("Configuration for import target does not exist", "The configuration for "
                        + "the given import target " + t + " does not exist. All target instances must have an "
                        + "associated configuration to be imported.", im.to().range()));
            }
        }
    }

    /** The traversal of {@code to} with the keys of its index expressions left out; false (with hcl's error) when not one. */
    private static boolean resourceSteps(Expression e, List<Traverser> out, Diagnostics diags) {
        if (e instanceof ScopeTraversalExpr st) {
            out.addAll(st.traversal().steps());
            return true;
        }
        if (e instanceof RelativeTraversalExpr rt) {
            if (!resourceSteps(rt.source(), out, diags)) {
                return false;
            }
            out.addAll(rt.traversal());
            return true;
        }
        if (e instanceof IndexExpr ix) {
            return resourceSteps(ix.collection(), out, diags);
        }
        diags.add(staticRequired(e));
        return false;
    }

    /** HCL's error for an expression that is not a static traversal. */
    public static Diagnostic staticRequired(Expression e) {
        return Diagnostic.error("Invalid expression", "A single static variable reference is required: only "
                + "attribute access and indexing with constant keys. No calculations, function calls, template "
                + "expressions, etc are allowed here.", e.range());
    }

    /**
     * The instance address of a static {@code to} (hcl's AbsTraversalForExpr, then the address
     * parse), else null with the diagnostics: terraform's checks of a block without {@code for_each}.
     */
    public static AbsResourceInstance staticAddress(Expression to, Diagnostics diags) {
        List<Traverser> steps = staticSteps(to);
        if (steps == null) {
            diags.add(staticRequired(to));
            return null;
        }
        Result<AbsResourceInstance> r = parse(steps, rangeOf(steps));
        diags.addAll(r.diagnostics());
        return r.hasErrors() ? null : r.value();
    }

    /** The steps of a static traversal expression, or null. */
    private static List<Traverser> staticSteps(Expression e) {
        if (e instanceof ScopeTraversalExpr st) {
            return st.traversal().steps();
        }
        if (e instanceof RelativeTraversalExpr rt) {
            List<Traverser> src = staticSteps(rt.source());
            if (src == null) {
                return null;
            }
            List<Traverser> out = new ArrayList<>(src);
            out.addAll(rt.traversal());
            return out;
        }
        return null;
    }

    private static SourceRange rangeOf(List<Traverser> steps) {
        SourceRange first = steps.get(0).range();
        SourceRange last = steps.get(steps.size() - 1).range();
        return new SourceRange(first.filename(), first.start(), last.end());
    }

    /** terraform's {@code ParseAbsResourceInstance}: a module instance prefix, then one resource instance. */
    public static Result<AbsResourceInstance> parse(List<Traverser> steps, SourceRange range) {
        Diagnostics d = new Diagnostics();
        ModuleInstance mi = ModuleInstance.ROOT;
        int i = 0;
        while (i < steps.size()) {
            Traverser t = steps.get(i);
            String next = t.name();
            if (next == null) {
                d.add(Diagnostic.error("Invalid address operator", "Module address prefix must be followed by dot "
                        + "and then a name.", t.range()));
                return new Result<>(null, d);
            }
            if (!next.equals("module")) {
                break;
            }
            i++;
            if (i >= steps.size()) {
                d.add(Diagnostic.error("Invalid address operator", "Prefix \"module.\" must be followed by a module "
                        + "name.", t.range()));
                return new Result<>(null, d);
            }
            if (!(steps.get(i) instanceof TraverseAttr call)) {
                d.add(Diagnostic.error("Invalid address operator", "Prefix \"module.\" must be followed by a module "
                        + "name.", steps.get(i).range()));
                return new Result<>(null, d);
            }
            i++;
            InstanceKey key = InstanceKey.NONE;
            if (i < steps.size() && steps.get(i) instanceof TraverseIndex idx) {
                i++;
                if (idx.key() instanceof Literal.Str s) {
                    key = new InstanceKey.Str(s.value());
                } else if (idx.key() instanceof Literal.Num n) {
                    Integer v = whole(n.value());
                    if (v == null) {
                        d.add(Diagnostic.error("Invalid address operator", "Invalid module index: " + notWhole()
                                + ".", idx.range()));
                    } else {
                        key = new InstanceKey.Int(v);
                    }
                } else {
                    d.add(Diagnostic.error("Invalid address operator", "Invalid module key: must be either a string "
                            + "or an integer.", idx.range()));
                }
            }
            mi = mi.child(call.name(), key);
        }
        if (d.hasErrors()) {
            return new Result<>(null, d);
        }
        List<Traverser> remain = steps.subList(i, steps.size());
        if (remain.isEmpty()) {
            d.add(Diagnostic.error("Invalid address", "A resource instance address is required here. The module path "
                    + "must be followed by a resource instance specification.", range));
            return new Result<>(null, d);
        }
        ResourceMode mode = ResourceMode.MANAGED;
        String root = remain.get(0).name();
        switch (root) {
            case "data" -> {
                mode = ResourceMode.DATA;
                remain = remain.subList(1, remain.size());
            }
            case "ephemeral" -> {
                mode = ResourceMode.EPHEMERAL;
                remain = remain.subList(1, remain.size());
            }
            case "resource" -> remain = remain.subList(1, remain.size());
            default -> {
                if (RESERVED.contains(root)) {
                    d.add(Diagnostic.error("Invalid address", "The keyword \"" + root + "\" is reserved and cannot "
                            + "be used to target a resource address. If you are targeting a resource type that uses a "
                            + "reserved keyword, please prefix your address with \"resource.\".", rangeOf(remain)));
                    return new Result<>(null, d);
                }
            }
        }
        if (remain.size() < 2) {
            d.add(Diagnostic.error("Invalid address", "Resource specification must include a resource type and name.",
                    remain.isEmpty() ? range : rangeOf(remain)));
            return new Result<>(null, d);
        }
        String type = remain.get(0).name();
        if (type == null) {
            d.add(Diagnostic.error("Invalid address", switch (mode) {
                case DATA -> "A data source name is required.";
                case EPHEMERAL -> "An ephemeral resource type name is required.";
                default -> "A resource type name is required.";
            }, remain.get(0).range()));
            return new Result<>(null, d);
        }
        if (!(remain.get(1) instanceof TraverseAttr n)) {
            d.add(Diagnostic.error("Invalid address", "A resource name is required.", remain.get(1).range()));
            return new Result<>(null, d);
        }
        Resource r = new Resource(mode, type, n.name());
        if (remain.size() == 2) {
            return new Result<>(new AbsResourceInstance(mi, r.instance(InstanceKey.NONE)), d);
        }
        if (remain.size() > 3) {
            d.add(Diagnostic.error("Invalid address", "Unexpected extra operators after address.",
                    remain.get(3).range()));
            return new Result<>(null, d);
        }
        if (!(remain.get(2) instanceof TraverseIndex idx)) {
            d.add(Diagnostic.error("Invalid address", "Resource instance key must be given in square brackets.",
                    remain.get(2).range()));
            return new Result<>(null, d);
        }
        InstanceKey key;
        if (idx.key() instanceof Literal.Str s) {
            key = new InstanceKey.Str(s.value());
        } else if (idx.key() instanceof Literal.Num num && whole(num.value()) != null) {
            key = new InstanceKey.Int(whole(num.value()));
        } else {
            d.add(Diagnostic.error("Invalid address", "Invalid resource instance key: " + (idx.key() instanceof
                    Literal.Num ? notWhole() : "either a string or an integer is required") + ".", idx.range()));
            return new Result<>(null, d);
        }
        return new Result<>(new AbsResourceInstance(mi, r.instance(key)), d);
    }

    private static Integer whole(BigDecimal v) {
        try {
            return v.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** gocty's message for a number that does not fit an int. */
    private static String notWhole() {
        return "value must be a whole number, between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
    }
}
