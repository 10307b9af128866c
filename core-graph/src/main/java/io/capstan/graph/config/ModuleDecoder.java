package io.capstan.graph.config;

import io.capstan.graph.addrs.Provider;
import io.capstan.graph.addrs.Reference;
import io.capstan.graph.addrs.Referenceable;
import io.capstan.graph.addrs.References;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.body.Block;
import io.capstan.hcl.body.BodyContent;
import io.capstan.hcl.body.File;
import io.capstan.hcl.body.PartialContent;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.eval.TypeExpressions;
import io.capstan.hcl.parser.Identifiers;
import io.capstan.hcl.value.TypeConstraint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the parsed files of one directory into a {@link Module}: every top-level block
 * Terraform 1.11 accepts, with Terraform's diagnostics for duplicates, invalid names,
 * misplaced meta-arguments and bad type constraints. Override files are merged first.
 */
public final class ModuleDecoder {
    private static final Set<String> RESERVED_VARIABLE_NAMES = Set.of("source", "version", "providers", "count",
            "for_each", "lifecycle", "depends_on", "locals");

    private final Diagnostics diags = new Diagnostics();
    private final Map<String, byte[]> sources = new HashMap<>();
    private final Module module;

    private ModuleDecoder(Path dir) {
        this.module = new Module(dir);
    }

    /** Decodes primary files, then merges override files' blocks into them. */
    public static Result<Module> decode(Path dir, List<File> primary, List<File> overrides) {
        ModuleDecoder dec = new ModuleDecoder(dir);
        List<Block> blocks = new ArrayList<>();
        for (File f : primary) {
            dec.module.files.add(f);
            dec.sources.put(f.filename(), f.bytes());
            Result<BodyContent> c = f.body().content(Schemas.FILE);
            dec.diags.addAll(c.diagnostics());
            blocks.addAll(c.value().blocks());
        }
        for (File f : overrides) {
            dec.module.files.add(f);
            dec.sources.put(f.filename(), f.bytes());
            Result<BodyContent> c = f.body().content(Schemas.FILE);
            dec.diags.addAll(c.diagnostics());
            for (Block ob : c.value().blocks()) {
                dec.override(blocks, ob);
            }
        }
        for (Block b : blocks) {
            dec.block(b);
        }
        return new Result<>(dec.module, dec.diags);
    }

    private void override(List<Block> blocks, Block ob) {
        if (ob.type().equals("import")) {
            diags.add(Diagnostic.error("Cannot override 'import' blocks", "Import blocks can appear only in normal "
                    + "files, not in override files.", ob.defRange()));
            return;
        }
        if (ob.type().equals("locals") || ob.type().equals("terraform")) {
            blocks.add(ob); // later definitions replace earlier ones by name (see block())
            return;
        }
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (b.type().equals(ob.type()) && b.labels().equals(ob.labels())) {
                blocks.set(i, new Block(b.type(), b.labels(), new OverrideBody(b.body(), ob.body()), b.typeRange(),
                        b.labelRanges(), b.openBraceRange(), b.closeBraceRange(), b.defRange()));
                return;
            }
        }
        String what = switch (ob.type()) {
            case "variable" -> "Missing base variable declaration to override";
            case "output" -> "Missing base output definition to override";
            case "resource" -> "Missing resource to override";
            case "data" -> "Missing data resource to override";
            case "module" -> "Missing module call to override";
            case "provider" -> "Missing base provider configuration for override";
            default -> null;
        };
        if (what == null) {
            blocks.add(ob);
            return;
        }
        diags.add(Diagnostic.error(what, "There is no " + ob.type() + " named " + String.join(".", ob.labels())
                + ". An override file can only override a block defined in a primary configuration file.", ob.defRange()));
    }

    private void block(Block b) {
        switch (b.type()) {
            case "terraform" -> terraform(b);
            case "required_providers" -> diags.add(Diagnostic.error("Invalid required_providers block",
                    "A \"required_providers\" block must be nested inside a \"terraform\" block.", b.typeRange()));
            case "provider" -> provider(b);
            case "variable" -> variable(b);
            case "locals" -> locals(b);
            case "output" -> output(b);
            case "module" -> moduleCall(b);
            case "resource" -> resource(b, ResourceMode.MANAGED);
            case "data" -> resource(b, ResourceMode.DATA);
            case "ephemeral" -> resource(b, ResourceMode.EPHEMERAL);
            case "moved" -> moved(b);
            case "removed" -> removed(b);
            case "import" -> importBlock(b);
            case "check" -> check(b);
            default -> throw new IllegalStateException("schema admitted " + b.type());
        }
    }

    private BodyContent content(Block b, io.capstan.hcl.body.BodySchema schema) {
        Result<BodyContent> r = b.body().content(schema);
        diags.addAll(r.diagnostics());
        return r.value();
    }

    private boolean validName(Block b, int label, String summary) {
        String name = b.labels().get(label);
        if (!Identifiers.valid(name)) {
            diags.add(Diagnostic.error(summary, "A name must start with a letter or underscore and may contain only "
                    + "letters, digits, underscores, and dashes.", b.labelRanges().get(label)));
            return false;
        }
        return true;
    }

    private static String at(SourceRange r) {
        return r.filename() + ":" + r.start().line() + "," + r.start().column() + "-"
                + (r.end().line() == r.start().line() ? "" : r.end().line() + ",") + r.end().column();
    }

    private void terraform(Block b) {
        BodyContent c = content(b, Schemas.TERRAFORM);
        Attribute rv = c.attributes().get("required_version");
        if (rv != null) {
            String s = Static.string(rv, diags);
            if (s != null) {
                module.requiredVersions.add(new Module.VersionRequirement(s, rv.expr().range()));
            }
        }
        for (Block nb : c.blocks()) {
            switch (nb.type()) {
                case "required_providers" -> requiredProviders(nb);
                case "backend", "cloud" -> {
                    if (module.backend != null) {
                        diags.add(Diagnostic.error("Duplicate backend configuration", "A module may have only one "
                                + "backend configuration. The backend was previously configured at "
                                + at(module.backend.declRange()) + ".", nb.defRange()));
                    } else {
                        module.backend = new Backend(nb.type().equals("cloud") ? "cloud" : nb.labels().get(0),
                                nb.body(), nb.defRange());
                    }
                }
                default -> {
                }
            }
        }
    }

    private void requiredProviders(Block b) {
        Result<Map<String, Attribute>> r = b.body().justAttributes();
        diags.addAll(r.diagnostics());
        for (Attribute a : r.value().values()) {
            String source = null;
            String version = null;
            List<String> aliases = new ArrayList<>();
            String legacy = Static.stringOrNull(a.expr());
            Map<Expression, Expression> obj = Static.object(a.expr());
            if (legacy != null) {
                version = legacy;
            } else if (obj != null) {
                for (Map.Entry<Expression, Expression> e : obj.entrySet()) {
                    String key = Static.stringOrNull(e.getKey());
                    if (key == null) {
                        key = Static.keyword(e.getKey());
                    }
                    if ("source".equals(key)) {
                        source = Static.stringOrNull(e.getValue());
                    } else if ("version".equals(key)) {
                        version = Static.stringOrNull(e.getValue());
                    } else if ("configuration_aliases".equals(key)) {
                        List<Expression> items = Static.tuple(e.getValue());
                        for (Expression i : items == null ? List.<Expression>of() : items) {
                            Traversal t = Static.traversal(i);
                            if (t != null && t.steps().size() == 2 && t.steps().get(1) instanceof TraverseAttr al) {
                                aliases.add(al.name());
                            }
                        }
                    } else {
                        diags.add(Diagnostic.error("Invalid required_providers object", "required_providers objects "
                                + "can only contain \"version\", \"source\" and \"configuration_aliases\" attributes. "
                                + "To configure a provider, use a \"provider\" block.", e.getKey().range()));
                    }
                }
            } else {
                diags.add(Diagnostic.error("Invalid required_providers object", "required_providers entries must be "
                        + "strings or objects.", a.expr().range()));
                continue;
            }
            Provider p = source == null ? Provider.implied(a.name()) : Provider.parseSource(source);
            if (p == null) {
                diags.add(Diagnostic.error("Invalid provider source string", "The \"source\" attribute must be in the "
                        + "format \"[hostname/][namespace/]name\".", a.expr().range()));
                continue;
            }
            module.requiredProviders.put(a.name(), new RequiredProvider(a.name(), p, version, aliases, a.range()));
        }
    }

    private void provider(Block b) {
        Result<PartialContent> r = b.body().partialContent(Schemas.PROVIDER);
        diags.addAll(r.diagnostics());
        String name = b.labels().get(0);
        if (!validName(b, 0, "Invalid provider local name")) {
            return;
        }
        String alias = null;
        Attribute aa = r.value().content().attributes().get("alias");
        if (aa != null) {
            alias = Static.keyword(aa.expr());
            if (alias == null) {
                alias = Static.string(aa, diags);
            }
            if (alias != null && !Identifiers.valid(alias)) {
                diags.add(Diagnostic.error("Invalid provider configuration alias", "An alias must be a valid name. A "
                        + "name must start with a letter or underscore and may contain only letters, digits, "
                        + "underscores, and dashes.", aa.expr().range()));
                alias = null;
            }
        }
        ProviderConfig pc = new ProviderConfig(name, alias, r.value().remain(), b.defRange());
        ProviderConfig prev = module.providerConfigs.putIfAbsent(pc.key(), pc);
        if (prev != null) {
            diags.add(Diagnostic.error("Duplicate provider configuration", (alias == null
                    ? "A default (non-aliased) provider configuration" : "A provider configuration") + " for \""
                    + pc.key() + "\" was already given at " + at(prev.declRange()) + ". If multiple configurations "
                    + "are required, set the \"alias\" argument "
                    + "for alternative configurations.", b.defRange()));
        }
    }

    private List<CheckRule> rules(List<Block> blocks, String type) {
        List<CheckRule> out = new ArrayList<>();
        for (Block nb : blocks) {
            if (nb.type().equals(type)) {
                BodyContent c = content(nb, Schemas.CHECK_RULE);
                Attribute cond = c.attributes().get("condition");
                Attribute msg = c.attributes().get("error_message");
                if (cond != null && cond.expr().variables().isEmpty()) {
                    // a constant condition checks nothing: terraform rejects it when loading the configuration
                    // ("Invalid precondition expression", "... postcondition ...", "... assert ...", "... validation ...")
                    diags.add(Diagnostic.error("Invalid " + type + " expression", "The condition expression must "
                            + "refer to at least one object from elsewhere in the configuration, or else its result "
                            + "would not be checking anything.", cond.expr().range()));
                }
                out.add(new CheckRule(cond == null ? null : cond.expr(), msg == null ? null : msg.expr(), nb.defRange()));
            }
        }
        return out;
    }

    /**
     * A variable's validation rules; as terraform's, each condition must refer to the variable itself
     * ({@code var.NAME}), whatever else it refers to.
     */
    private List<CheckRule> validations(List<Block> blocks, String name) {
        List<CheckRule> out = rules(blocks, "validation");
        for (CheckRule r : out) {
            if (r.condition() == null) {
                continue;
            }
            boolean self = false;
            for (Traversal t : r.condition().variables()) {
                Reference ref = References.parse(t, new Diagnostics());
                if (ref != null && ref.subject() instanceof Referenceable.InputVariable v && v.name().equals(name)) {
                    self = true;
                    break;
                }
            }
            if (!self) {
                diags.add(Diagnostic.error("Invalid variable validation condition", "The condition for variable \""
                        + name + "\" must refer to var." + name + " in order to test incoming values.",
                        r.condition().range()));
            }
        }
        return out;
    }

    private void variable(Block b) {
        BodyContent c = content(b, Schemas.VARIABLE);
        String name = b.labels().get(0);
        if (!validName(b, 0, "Invalid variable name")) {
            return;
        }
        if (RESERVED_VARIABLE_NAMES.contains(name)) {
            diags.add(Diagnostic.error("Invalid variable name", "The variable name \"" + name + "\" is reserved due to "
                    + "its special meaning inside module blocks.", b.labelRanges().get(0)));
        }
        Map<String, Attribute> a = c.attributes();
        TypeConstraint type = TypeConstraint.any();
        Attribute ta = a.get("type");
        if (ta != null) {
            type = typeConstraint(ta);
        }
        String desc = a.containsKey("description") ? Static.string(a.get("description"), diags) : null;
        boolean sensitive = a.containsKey("sensitive") && Static.bool(a.get("sensitive"), false, diags);
        boolean nullable = !a.containsKey("nullable") || Static.bool(a.get("nullable"), true, diags);
        boolean ephemeral = a.containsKey("ephemeral") && Static.bool(a.get("ephemeral"), false, diags);
        Expression dflt = a.containsKey("default") ? a.get("default").expr() : null;
        Variable v = new Variable(name, type, ta != null, dflt, desc, validations(c.blocks(), name), sensitive,
                nullable, ephemeral, b.defRange());
        Variable prev = module.variables.putIfAbsent(name, v);
        if (prev != null) {
            diags.add(Diagnostic.error("Duplicate variable declaration", "A variable named \"" + name + "\" was already "
                    + "declared at " + at(prev.declRange()) + ". Variable names must be unique within a module.",
                    b.defRange()));
        }
    }

    private TypeConstraint typeConstraint(Attribute ta) {
        Result<TypeConstraint> r = TypeExpressions.variableType(ta.expr());
        diags.addAll(r.diagnostics());
        return r.hasErrors() || r.value() == null ? TypeConstraint.any() : r.value();
    }

    private void locals(Block b) {
        Result<Map<String, Attribute>> r = b.body().justAttributes();
        diags.addAll(r.diagnostics());
        for (Attribute a : r.value().values()) {
            if (!Identifiers.valid(a.name())) {
                diags.add(Diagnostic.error("Invalid local value name", "A name must start with a letter or underscore "
                        + "and may contain only letters, digits, underscores, and dashes.", a.nameRange()));
                continue;
            }
            Local prev = module.locals.get(a.name());
            boolean override = prev != null && !prev.declRange().filename().equals(a.range().filename())
                    && isOverrideFile(a.range().filename());
            if (prev != null && !override) {
                diags.add(Diagnostic.error("Duplicate local value definition", "A local value named \"" + a.name()
                        + "\" was already defined at " + at(prev.declRange()) + ". Local value names must be unique "
                        + "within a module.", a.range()));
                continue;
            }
            module.locals.put(a.name(), new Local(a.name(), a.expr(), a.range()));
        }
    }

    static boolean isOverrideFile(String filename) {
        String base = Path.of(filename).getFileName().toString();
        String stem = base.endsWith(".tf.json") ? base.substring(0, base.length() - 8)
                : base.endsWith(".tf") ? base.substring(0, base.length() - 3) : base;
        return stem.equals("override") || stem.endsWith("_override");
    }

    private void output(Block b) {
        BodyContent c = content(b, Schemas.OUTPUT);
        String name = b.labels().get(0);
        if (!validName(b, 0, "Invalid output name")) {
            return;
        }
        Map<String, Attribute> a = c.attributes();
        String desc = a.containsKey("description") ? Static.string(a.get("description"), diags) : null;
        boolean sensitive = a.containsKey("sensitive") && Static.bool(a.get("sensitive"), false, diags);
        boolean ephemeral = a.containsKey("ephemeral") && Static.bool(a.get("ephemeral"), false, diags);
        List<Expression> deps = a.containsKey("depends_on") ? Static.traversalList(a.get("depends_on"), diags) : List.of();
        Output o = new Output(name, a.containsKey("value") ? a.get("value").expr() : null, desc, sensitive, ephemeral,
                deps, rules(c.blocks(), "precondition"), b.defRange());
        Output prev = module.outputs.putIfAbsent(name, o);
        if (prev != null) {
            diags.add(Diagnostic.error("Duplicate output definition", "An output named \"" + name + "\" was already "
                    + "defined at " + at(prev.declRange()) + ". Output names must be unique within a module.",
                    b.defRange()));
        }
    }

    private Expression countAndForEach(Map<String, Attribute> a, String what) {
        Attribute count = a.get("count");
        Attribute forEach = a.get("for_each");
        if (count != null && forEach != null) {
            diags.add(Diagnostic.error("Invalid combination of \"count\" and \"for_each\"", "The \"count\" and "
                    + "\"for_each\" meta-arguments are mutually-exclusive, only one should be used to be explicit about "
                    + "the number of " + what + " to be created.", forEach.nameRange()));
        }
        return count == null ? null : count.expr();
    }

    /**
     * A provider configuration reference ({@code aws} or {@code aws.east}) given to {@code argName}
     * ("provider", "providers"); a quoted one (Terraform 0.11's) is taken with a warning.
     */
    private ProviderRef providerRef(Expression given, String argName) {
        Expression expr = Static.unquoted(given, false, diags);
        Traversal t = Static.traversal(expr);
        if (t == null || t.steps().size() > 2) {
            diags.add(Diagnostic.error("Invalid provider configuration reference", "The " + argName + " argument "
                    + "requires a provider type name, optionally followed by a period and then a configuration "
                    + "alias.", expr.range()));
            return null;
        }
        if (t.steps().size() == 2 && !(t.steps().get(1) instanceof TraverseAttr)) {
            diags.add(Diagnostic.error("Invalid provider configuration reference", "Provider name must either stand "
                    + "alone or be followed by a period and then a configuration alias.", t.steps().get(1).range()));
            return null;
        }
        String alias = t.steps().size() == 2 ? ((TraverseAttr) t.steps().get(1)).name() : null;
        return new ProviderRef(t.rootName(), alias, expr.range());
    }

    private void resource(Block b, ResourceMode mode) {
        resource(b, mode, false);
    }

    /** A resource block; {@code nested} for the data block of a {@code check} block. */
    private void resource(Block b, ResourceMode mode, boolean nested) {
        String kind = switch (mode) {
            case MANAGED -> "resource";
            case DATA -> "data";
            case EPHEMERAL -> "ephemeral";
        };
        Result<PartialContent> r = b.body().partialContent(switch (mode) {
            case MANAGED -> Schemas.RESOURCE;
            case DATA -> Schemas.DATA;
            case EPHEMERAL -> Schemas.EPHEMERAL;
        });
        diags.addAll(r.diagnostics());
        String type = b.labels().get(0);
        String name = b.labels().get(1);
        String nameSummary = mode == ResourceMode.DATA ? "Invalid data source name" : "Invalid resource name";
        if (!Identifiers.valid(type)) {
            diags.add(Diagnostic.error("Invalid " + (mode == ResourceMode.DATA ? "data source" : "resource") + " type",
                    "A name must start with a letter or underscore and may contain only letters, digits, "
                            + "underscores, and dashes.", b.labelRanges().get(0)));
            return;
        }
        if (!validName(b, 1, nameSummary)) {
            return;
        }
        BodyContent c = r.value().content();
        Map<String, Attribute> a = c.attributes();
        Expression count = countAndForEach(a, mode == ResourceMode.DATA ? "data sources" : "resources");
        Expression forEach = a.containsKey("for_each") && count == null ? a.get("for_each").expr() : null;
        ProviderRef pr = a.containsKey("provider") ? providerRef(a.get("provider").expr(), "provider") : null;
        List<Expression> deps = a.containsKey("depends_on") ? Static.traversalList(a.get("depends_on"), diags) : List.of();
        Lifecycle lc = Lifecycle.DEFAULT;
        List<Provisioner> provs = new ArrayList<>();
        io.capstan.hcl.body.Body connection = null;
        boolean seenLifecycle = false;
        for (Block nb : c.blocks()) {
            switch (nb.type()) {
                case "lifecycle" -> {
                    if (nested) {
                        // as terraform's: reported, then decoded as any other (a second one is a duplicate too)
                        diags.add(Diagnostic.error("Invalid lifecycle block", "Nested data blocks do not support "
                                + "\"lifecycle\" blocks as the lifecycle is managed by the containing block.",
                                nb.defRange()));
                    }
                    if (seenLifecycle) {
                        diags.add(Diagnostic.error("Duplicate lifecycle block", "This resource already has a "
                                + "lifecycle block.", nb.defRange()));
                        continue;
                    }
                    seenLifecycle = true;
                    lc = mode == ResourceMode.MANAGED ? lifecycle(nb) : dataLifecycle(nb);
                }
                case "connection" -> connection = nb.body();
                case "provisioner" -> {
                    Provisioner p = provisioner(nb);
                    if (p != null) {
                        provs.add(p);
                    }
                }
                default -> {
                    // "_" escaping blocks belong to the provider schema and stay in the config body
                }
            }
        }
        Resource addr = new Resource(mode, type, name);
        ResourceConfig rc = new ResourceConfig(addr, count, forEach, pr, deps, lc, provs, connection,
                r.value().remain(), b.defRange(), b.typeRange());
        ResourceConfig prev = module.resources.putIfAbsent(addr, rc);
        if (prev != null) {
            diags.add(Diagnostic.error("Duplicate " + kind + " \"" + type + "\" configuration", "A " + type + " "
                    + (mode == ResourceMode.MANAGED ? "resource" : kind + " resource") + " named \"" + name
                    + "\" was already declared at " + at(prev.declRange()) + ". Resource names must be unique per "
                    + "type in each module.", b.defRange()));
        }
    }

    private Lifecycle lifecycle(Block b) {
        BodyContent c = content(b, Schemas.LIFECYCLE);
        Map<String, Attribute> a = c.attributes();
        boolean cbd = a.containsKey("create_before_destroy") && Static.bool(a.get("create_before_destroy"), false, diags);
        boolean pd = a.containsKey("prevent_destroy") && Static.bool(a.get("prevent_destroy"), false, diags);
        List<Expression> ignore = new ArrayList<>();
        boolean ignoreAll = false;
        Attribute ic = a.get("ignore_changes");
        if (ic != null) {
            if ("all".equals(Static.keyword(ic.expr()))) {
                ignoreAll = true;
            } else {
                List<Expression> items = Static.tuple(ic.expr());
                if (items == null) {
                    // as HCL's static list check: on the expression's start (a quoted string's text)
                    SourceRange at = ic.expr() instanceof io.capstan.hcl.ast.TemplateExpr t && !t.parts().isEmpty()
                            ? t.parts().get(0).range() : ic.expr().range();
                    diags.add(Diagnostic.error("Invalid expression", "A static list expression is required.", at));
                } else {
                    for (Expression item : items) {
                        if ("*".equals(Static.stringOrNull(item))) {
                            diags.add(Diagnostic.error("Invalid ignore_changes wildcard", "The [\"*\"] form of "
                                    + "ignore_changes wildcard is was deprecated and is now invalid. Use "
                                    + "\"ignore_changes = all\" to ignore changes to all attributes.", ic.expr().range()));
                            continue;
                        }
                        // Terraform 0.11's ["tags"] is still taken, with a warning (Static.unquoted)
                        Expression e = Static.unquoted(item, false, diags);
                        if (Static.traversal(e) == null) {
                            diags.add(Diagnostic.error("Invalid expression", "A single static variable reference is "
                                    + "required: only attribute access and indexing with constant keys. No "
                                    + "calculations, function calls, template expressions, etc are allowed here.",
                                    e.range()));
                        } else {
                            ignore.add(e);
                        }
                    }
                }
            }
        }
        List<Expression> rtb = List.of();
        Attribute rt = a.get("replace_triggered_by");
        if (rt != null) {
            List<Expression> items = Static.tuple(rt.expr());
            if (items == null) {
                diags.add(Diagnostic.error("Invalid replace_triggered_by expression", "A static list expression is "
                        + "required.", rt.expr().range()));
            } else {
                rtb = items;
                replaceTriggeredBy(items);
            }
        }
        return new Lifecycle(cbd, pd, ignore, ignoreAll, rtb, rules(c.blocks(), "precondition"),
                rules(c.blocks(), "postcondition"));
    }

    /**
     * As terraform checks {@code replace_triggered_by}'s items when loading the configuration: each must
     * refer to exactly one resource (count.index and each.key aside); checking stops at the first item
     * that refers to none or to several. A quoted reference is not taken here (it refers to nothing).
     */
    private void replaceTriggeredBy(List<Expression> items) {
        for (Expression item : items) {
            Expression e = item;
            if (e instanceof io.capstan.hcl.ast.JsonExpression) {
                // the JSON syntax writes the reference as a string
                Traversal t = Static.traversal(e);
                e = t == null ? e : new io.capstan.hcl.ast.ScopeTraversalExpr(t, e.range());
            }
            int resources = 0;
            boolean invalid = false;
            for (Traversal t : e.variables()) {
                Diagnostics refDiags = new Diagnostics();
                Reference ref = References.parse(t, refDiags);
                for (Diagnostic d : refDiags) {
                    diags.add(new Diagnostic(d.severity(), d.summary(), d.detail(), e.range(), null));
                }
                if (ref == null) {
                    invalid = true;
                    continue;
                }
                Referenceable subject = ref.subject();
                if (subject instanceof Resource || subject instanceof io.capstan.graph.addrs.ResourceInstance) {
                    resources++;
                } else if (subject instanceof Referenceable.ForEachAttr f) {
                    if (!f.name().equals("key")) {
                        diags.add(Diagnostic.error("Invalid each reference in replace_triggered_by expression",
                                "Only each.key may be used in replace_triggered_by.", e.range()));
                    }
                } else if (subject instanceof Referenceable.CountAttr c) {
                    if (!c.name().equals("index")) {
                        diags.add(Diagnostic.error("Invalid count reference in replace_triggered_by expression",
                                "Only count.index may be used in replace_triggered_by.", e.range()));
                    }
                } else {
                    diags.add(Diagnostic.error("Invalid reference in replace_triggered_by expression",
                            "Only resources, count.index, and each.key may be used in replace_triggered_by.", e.range()));
                }
            }
            if (invalid) {
                continue;
            }
            if (resources != 1) {
                diags.add(Diagnostic.error("Invalid replace_triggered_by expression", (resources == 0 ? "Missing"
                        : "Multiple") + " resource reference" + (resources == 0 ? "" : "s")
                        + " in replace_triggered_by expression.", e.range()));
                return;
            }
        }
    }

    private Lifecycle dataLifecycle(Block b) {
        BodyContent c = content(b, Schemas.DATA_LIFECYCLE);
        return new Lifecycle(false, false, List.of(), false, List.of(), rules(c.blocks(), "precondition"),
                rules(c.blocks(), "postcondition"));
    }

    private Provisioner provisioner(Block b) {
        BodyContent dummy;
        Result<PartialContent> r = b.body().partialContent(Schemas.PROVISIONER);
        diags.addAll(r.diagnostics());
        dummy = r.value().content();
        String when = "create";
        String onFailure = "fail";
        Attribute w = dummy.attributes().get("when");
        if (w != null) {
            String k = Static.keyword(Static.unquoted(w.expr(), true, diags));
            if ("create".equals(k) || "destroy".equals(k)) {
                when = k;
            } else {
                diags.add(Diagnostic.error("Invalid \"when\" keyword", "The \"when\" argument requires one of the "
                        + "following keywords: create or destroy.", w.expr().range()));
            }
        }
        Attribute f = dummy.attributes().get("on_failure");
        if (f != null) {
            String k = Static.keyword(Static.unquoted(f.expr(), true, diags));
            if ("continue".equals(k) || "fail".equals(k)) {
                onFailure = k;
            } else {
                diags.add(Diagnostic.error("Invalid \"on_failure\" keyword", "The \"on_failure\" argument requires "
                        + "one of the following keywords: continue or fail.", f.expr().range()));
            }
        }
        io.capstan.hcl.body.Body conn = null;
        for (Block nb : dummy.blocks()) {
            conn = nb.body();
        }
        return new Provisioner(b.labels().get(0), r.value().remain(), conn, when, onFailure, b.defRange());
    }

    private void moduleCall(Block b) {
        Result<PartialContent> r = b.body().partialContent(Schemas.MODULE);
        diags.addAll(r.diagnostics());
        String name = b.labels().get(0);
        if (!validName(b, 0, "Invalid module instance name")) {
            return;
        }
        Map<String, Attribute> a = r.value().content().attributes();
        String source = a.containsKey("source") ? Static.string(a.get("source"), diags) : null;
        SourceRange sourceRange = a.containsKey("source") ? a.get("source").expr().range() : b.defRange();
        Expression count = countAndForEach(a, "module instances");
        Expression forEach = a.containsKey("for_each") && count == null ? a.get("for_each").expr() : null;
        List<ModuleCall.PassedProvider> passed = new ArrayList<>();
        Attribute pa = a.get("providers");
        if (pa != null) {
            Map<Expression, Expression> m = Static.object(pa.expr());
            if (m == null) {
                diags.add(Diagnostic.error("Invalid providers argument", "The \"providers\" argument must be a map "
                        + "from provider names in the child module to provider configurations in this module.",
                        pa.expr().range()));
            } else {
                for (Map.Entry<Expression, Expression> e : m.entrySet()) {
                    ProviderRef k = providerRef(e.getKey(), "providers");
                    ProviderRef v = providerRef(e.getValue(), "providers");
                    if (k != null && v != null) {
                        passed.add(new ModuleCall.PassedProvider(k, v));
                    }
                }
            }
        }
        List<Expression> deps = a.containsKey("depends_on") ? Static.traversalList(a.get("depends_on"), diags) : List.of();
        ModuleCall mc = new ModuleCall(name, source, sourceRange, a.containsKey("version") ? a.get("version").expr() : null,
                count, forEach, passed, deps, r.value().remain(), b.defRange());
        ModuleCall prev = module.moduleCalls.putIfAbsent(name, mc);
        if (prev != null) {
            diags.add(Diagnostic.error("Duplicate module call", "A module call named \"" + name + "\" was already "
                    + "defined at " + at(prev.declRange()) + ". Module calls must have unique names within a module.",
                    b.defRange()));
        }
    }

    private Traversal addressTraversal(Attribute a) {
        Traversal t = Static.traversal(a.expr());
        if (t == null) {
            diags.add(Diagnostic.error("Invalid expression", "A single static variable reference is required: only "
                    + "attribute access and indexing with constant keys. No calculations, function calls, template "
                    + "expressions, etc are allowed here.", a.expr().range()));
        }
        return t;
    }

    private void moved(Block b) {
        BodyContent c = content(b, Schemas.MOVED);
        Attribute from = c.attributes().get("from");
        Attribute to = c.attributes().get("to");
        if (from == null || to == null) {
            return;
        }
        Traversal f = addressTraversal(from);
        Traversal t = addressTraversal(to);
        if (f != null && t != null) {
            module.moved.add(new Moved(f, t, b.defRange()));
        }
    }

    private void removed(Block b) {
        BodyContent c = content(b, Schemas.REMOVED);
        Attribute from = c.attributes().get("from");
        boolean destroy = true;
        List<Provisioner> provs = new ArrayList<>();
        for (Block nb : c.blocks()) {
            if (nb.type().equals("lifecycle")) {
                BodyContent lc = content(nb, Schemas.REMOVED_LIFECYCLE);
                if (lc.attributes().containsKey("destroy")) {
                    destroy = Static.bool(lc.attributes().get("destroy"), true, diags);
                }
            } else if (nb.type().equals("provisioner")) {
                Provisioner p = provisioner(nb);
                if (p != null) {
                    provs.add(p);
                }
            }
        }
        if (from != null) {
            Traversal f = addressTraversal(from);
            if (f != null) {
                module.removed.add(new Removed(f, destroy, provs, b.defRange()));
            }
        }
    }

    private void importBlock(Block b) {
        BodyContent c = content(b, Schemas.IMPORT);
        Map<String, Attribute> a = c.attributes();
        ProviderRef pr = a.containsKey("provider") ? providerRef(a.get("provider").expr(), "provider") : null;
        Expression id = a.containsKey("id") ? a.get("id").expr() : null;
        if (a.containsKey("to")) {
            Expression to = ImportTargets.unwrapJson(a.get("to").expr(), diags);
            if (to == null) {
                return;
            }
            // as terraform's decoding: the resource the address names (keys skipped), which must be managed
            ImportTargets.Target target = ImportTargets.configResource(to, diags);
            if (target == null || target.resource().mode() != ResourceMode.MANAGED) {
                diags.add(Diagnostic.error("Invalid import address", "Only managed resources can be imported.",
                        a.get("to").range()));
            }
            Import im = new Import(to, id, pr, a.containsKey("for_each") ? a.get("for_each").expr() : null,
                    b.defRange());
            duplicateImport(im, target);
            module.imports.add(im);
        }
    }

    /**
     * terraform's check as it adds each import block to the module, in file order: a static
     * address already imported by an earlier block is an error for each such earlier block.
     */
    private void duplicateImport(Import im, ImportTargets.Target target) {
        io.capstan.graph.addrs.AbsResourceInstance addr = ImportTargets.staticAddress(im.to(), new Diagnostics());
        if (addr == null) {
            return;
        }
        for (Import prev : module.imports) {
            if (addr.equals(ImportTargets.staticAddress(prev.to(), new Diagnostics()))) {
                diags.add(Diagnostic.error("Duplicate import configuration for \"" + target + "\"", "An import block "
                        + "for the resource \"" + target + "\" was already declared at " + at(prev.declRange())
                        + ". A resource can have only one import block.", im.to().range()));
            }
        }
    }

    private void check(Block b) {
        BodyContent c = content(b, Schemas.CHECK);
        String name = b.labels().get(0);
        if (!validName(b, 0, "Invalid check block name")) {
            return;
        }
        ResourceConfig data = null;
        List<Block> asserts = new ArrayList<>();
        for (Block nb : c.blocks()) {
            if (nb.type().equals("data")) {
                if (data != null) {
                    diags.add(Diagnostic.error("Multiple data resource blocks", "This check block already has a data "
                            + "resource defined at " + at(data.declRange()) + ".", nb.defRange()));
                    continue;
                }
                // kept among the module's resources, as terraform keeps it among its data resources (state,
                // configuration JSON, provider requirements); Module.scopingCheck marks it as the check's
                int before = module.resources.size();
                resource(nb, ResourceMode.DATA, true);
                if (module.resources.size() > before) {
                    Resource last = new Resource(ResourceMode.DATA, nb.labels().get(0), nb.labels().get(1));
                    data = module.resources.get(last);
                }
            } else {
                asserts.add(nb);
            }
        }
        List<CheckRule> rules = new ArrayList<>();
        for (CheckRule r : rules(asserts, "assert")) {
            // rules() reported a condition that refers to nothing; terraform drops that assertion
            if (r.condition() != null && r.condition().variables().isEmpty()) {
                continue;
            }
            rules.add(r);
        }
        if (rules.isEmpty()) {
            diags.add(Diagnostic.error("Zero assert blocks", "Check blocks must have at least one assert block.",
                    b.defRange()));
        }
        Check prev = module.checks.putIfAbsent(name, new Check(name, data, rules, b.defRange()));
        if (prev != null) {
            diags.add(Diagnostic.error("Duplicate check \"" + name + "\" configuration", "A check block named \""
                    + name + "\" was already declared at " + at(prev.declRange()) + ". Check blocks must be unique "
                    + "within each module.", b.defRange()));
        }
    }
}
