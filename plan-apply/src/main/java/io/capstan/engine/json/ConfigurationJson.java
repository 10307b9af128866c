package io.capstan.engine.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.graph.addrs.Provider;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.graph.config.Module;
import io.capstan.graph.config.ModuleCall;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.Output;
import io.capstan.graph.config.ProviderConfig;
import io.capstan.graph.config.Provisioner;
import io.capstan.graph.config.RequiredProvider;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.graph.config.Variable;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Value;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code configuration} section of Terraform's JSON plan ({@code show -json PLANFILE}): the
 * provider configurations of the whole tree flattened into {@code provider_config}, and per module
 * its outputs, resources (with their unevaluated {@link ExpressionJson expressions}, schema version,
 * count/for_each expressions and depends_on), module calls and variables. Keys follow terraform's
 * rules: a provider configuration is {@code NAME[.ALIAS]} in the root and {@code module.PATH:NAME}
 * in a module; one a module inherits or is passed is replaced by the configuration it comes from.
 * Policy tools (OPA/conftest, Sentinel-like checks) read this section.
 */
public final class ConfigurationJson {
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    /** One provider_config entry; {@code parentKey} is set when it only stands for an outer one. */
    private record Entry(ObjectNode json, String fullName, String parentKey) {
    }

    private final Map<String, ProviderSchema> schemas;
    private final Map<String, Entry> providers = new TreeMap<>();

    private ConfigurationJson(Map<String, ProviderSchema> schemas) {
        this.schemas = schemas;
    }

    /**
     * @param root the loaded configuration tree
     * @param schemas provider schemas keyed by provider source address ({@code registry.terraform.io/hashicorp/aws})
     */
    public static ObjectNode of(ModuleTree root, Map<String, ProviderSchema> schemas) {
        ConfigurationJson c = new ConfigurationJson(schemas);
        c.collectProviders(root);
        ObjectNode rootModule = c.module(root);
        c.normalizeKeys(rootModule);
        ObjectNode out = F.objectNode();
        ObjectNode pcs = F.objectNode();
        c.providers.forEach((k, e) -> {
            if (e.parentKey() == null) {
                pcs.set(k, e.json());
            }
        });
        if (!pcs.isEmpty()) {
            out.set("provider_config", pcs);
        }
        out.set("root_module", rootModule);
        return out;
    }

    private static String key(String local, ModuleTree t) {
        return t.path().isRoot() ? local : t.path() + ":" + local;
    }

    private void collectProviders(ModuleTree t) {
        Module m = t.module();
        String modAddr = t.path().isRoot() ? null : t.path().toString();
        for (ProviderConfig pc : m.providerConfigs().values()) {
            Provider fqn = m.providerFor(pc.name());
            ObjectNode j = providerEntry(pc.name(), fqn, pc.alias(), versionOf(m, fqn), modAddr);
            ProviderSchema ps = schemas.get(fqn.toString());
            ObjectNode exprs = ExpressionJson.block(pc.config(), ps == null ? null : ps.provider().block());
            if (!exprs.isEmpty()) {
                j.set("expressions", exprs);
            }
            providers.put(key(pc.alias() == null ? pc.name() : pc.name() + "." + pc.alias(), t), new Entry(j, fqn.toString(), null));
        }
        for (RequiredProvider rp : m.requiredProviders().values()) {
            for (String alias : rp.configurationAliases()) {
                String k = key(alias.contains(".") ? alias : rp.name() + "." + alias, t);
                providers.putIfAbsent(k, new Entry(providerEntry(rp.name(), rp.provider(), null,
                        versionOf(m, rp.provider()), modAddr), rp.provider().toString(), null));
            }
            String k = key(rp.name(), t);
            if (!providers.containsKey(k)) {
                String parent = t.parent() == null ? null : source(key(rp.name(), t.parent()), rp.provider().toString());
                providers.put(k, new Entry(providerEntry(rp.name(), rp.provider(), null, versionOf(m, rp.provider()),
                        modAddr), rp.provider().toString(), parent));
            }
        }
        // providers only implied by resource types (or inherited) still get an entry
        for (ResourceConfig r : m.resources().values()) {
            Provider fqn = m.providerFor(r.providerLocalName());
            if (!fqn.type().equals(r.providerLocalName())) {
                continue;
            }
            String k = key(fqn.type(), t);
            if (!providers.containsKey(k)) {
                String parent = t.parent() == null ? null : source(key(fqn.type(), t.parent()), fqn.toString());
                providers.put(k, new Entry(providerEntry(fqn.type(), fqn, null, null, modAddr), fqn.toString(), parent));
            }
        }
        for (Map.Entry<String, ModuleCall> e : new TreeMap<>(m.moduleCalls()).entrySet()) {
            ModuleTree child = t.children().get(e.getKey());
            if (child == null) {
                continue;
            }
            for (ModuleCall.PassedProvider pp : e.getValue().providers()) {
                Provider fqn = child.module().providerFor(pp.inChild().localName());
                String name = pp.inChild().toString();
                String parent = source(key(pp.inParent().toString(), t), fqn.toString());
                providers.put(key(name, child), new Entry(providerEntry(name, fqn, null, null, child.path().toString()),
                        fqn.toString(), parent));
            }
            collectProviders(child);
        }
    }

    /** The outermost configuration a chain of inherited/passed entries starts from, or null. */
    private String source(String start, String fullName) {
        String found = null;
        String k = start;
        while (k != null) {
            Entry e = providers.get(k);
            if (e == null || !e.fullName().equals(fullName)) {
                break;
            }
            found = k;
            k = e.parentKey();
        }
        return found;
    }

    private static String versionOf(Module m, Provider fqn) {
        for (RequiredProvider rp : m.requiredProviders().values()) {
            if (rp.provider().equals(fqn) && rp.versionConstraint() != null && !rp.versionConstraint().isBlank()) {
                return rp.versionConstraint();
            }
        }
        return null;
    }

    private static ObjectNode providerEntry(String name, Provider fqn, String alias, String version, String modAddr) {
        ObjectNode j = F.objectNode();
        j.put("name", name);
        j.put("full_name", fqn.toString());
        if (alias != null) {
            j.put("alias", alias);
        }
        if (version != null) {
            j.put("version_constraint", version);
        }
        if (modAddr != null) {
            j.put("module_address", modAddr);
        }
        return j;
    }

    private ObjectNode module(ModuleTree t) {
        Module m = t.module();
        ObjectNode out = F.objectNode();
        ObjectNode outputs = F.objectNode();
        for (Output o : new TreeMap<>(m.outputs()).values()) {
            ObjectNode j = outputs.putObject(o.name());
            if (o.sensitive()) {
                j.put("sensitive", true);
            }
            j.set("expression", ExpressionJson.of(o.value()));
            dependsOn(j, o.dependsOn());
            if (o.description() != null && !o.description().isEmpty()) {
                j.put("description", o.description());
            }
        }
        if (!outputs.isEmpty()) {
            out.set("outputs", outputs);
        }
        ArrayNode resources = F.arrayNode();
        resources(t, ResourceMode.MANAGED).forEach(resources::add);
        resources(t, ResourceMode.DATA).forEach(resources::add);
        if (!resources.isEmpty()) {
            out.set("resources", resources);
        }
        ObjectNode calls = F.objectNode();
        for (Map.Entry<String, ModuleCall> e : new TreeMap<>(m.moduleCalls()).entrySet()) {
            ModuleTree child = t.children().get(e.getKey());
            calls.set(e.getKey(), child == null ? F.objectNode() : moduleCall(e.getValue(), child));
        }
        if (!calls.isEmpty()) {
            out.set("module_calls", calls);
        }
        ObjectNode vars = F.objectNode();
        for (Variable v : new TreeMap<>(m.variables()).values()) {
            ObjectNode j = vars.putObject(v.name());
            Value def = defaultOf(v);
            if (def != null) {
                j.set("default", ExpressionJson.json(def));
            }
            if (v.description() != null && !v.description().isEmpty()) {
                j.put("description", v.description());
            }
            if (v.sensitive()) {
                j.put("sensitive", true);
            }
        }
        if (!vars.isEmpty()) {
            out.set("variables", vars);
        }
        return out;
    }

    private static Value defaultOf(Variable v) {
        if (v.defaultExpr() == null) {
            return null;
        }
        var r = Evaluator.evaluate(v.defaultExpr(), EvalContext.empty());
        if (r.hasErrors() || r.value() == null || !r.value().isWhollyKnown()) {
            return null;
        }
        try {
            return Convert.convert(r.value(), v.type().type());
        } catch (RuntimeException e) {
            return r.value();
        }
    }

    private List<ObjectNode> resources(ModuleTree t, ResourceMode mode) {
        Module m = t.module();
        List<ResourceConfig> rs = new ArrayList<>();
        for (ResourceConfig r : m.resources().values()) {
            if (r.addr().mode() == mode) {
                rs.add(r);
            }
        }
        rs.sort(Comparator.comparing(r -> r.addr().toString()));
        List<ObjectNode> out = new ArrayList<>();
        for (ResourceConfig r : rs) {
            ObjectNode j = F.objectNode();
            j.put("address", r.addr().toString()); // module-relative, as terraform writes it
            j.put("mode", mode == ResourceMode.DATA ? "data" : "managed");
            j.put("type", r.addr().type());
            j.put("name", r.addr().name());
            j.put("provider_config_key", key(r.provider() == null ? r.providerLocalName() : r.provider().toString(), t));
            if (!r.provisioners().isEmpty()) {
                ArrayNode ps = j.putArray("provisioners");
                for (Provisioner p : r.provisioners()) {
                    ObjectNode pj = ps.addObject();
                    pj.put("type", p.type());
                    ObjectNode exprs = ExpressionJson.attributes(p.config());
                    if (!exprs.isEmpty()) {
                        pj.set("expressions", exprs);
                    }
                }
            }
            Provider fqn = m.providerFor(r.providerLocalName());
            ProviderSchema ps = schemas.get(fqn.toString());
            Schema s = ps == null ? null
                    : (mode == ResourceMode.DATA ? ps.dataSourceSchemas() : ps.resourceSchemas()).get(r.addr().type());
            ObjectNode exprs = ExpressionJson.block(r.config(), s == null ? null : s.block());
            if (!exprs.isEmpty()) {
                j.set("expressions", exprs);
            }
            j.put("schema_version", s == null ? 0 : s.version());
            countOrForEach(j, r.count(), r.forEach());
            dependsOn(j, r.dependsOn());
            out.add(j);
        }
        return out;
    }

    private ObjectNode moduleCall(ModuleCall mc, ModuleTree child) {
        ObjectNode j = F.objectNode();
        if (mc.source() != null) {
            j.put("source", mc.source());
        }
        ObjectNode exprs = ExpressionJson.named(mc.config(), child.module().variables().keySet());
        if (!exprs.isEmpty()) {
            j.set("expressions", exprs);
        }
        countOrForEach(j, mc.count(), mc.forEach());
        j.set("module", module(child));
        if (mc.version() != null) {
            var v = Evaluator.evaluate(mc.version(), EvalContext.empty());
            if (!v.hasErrors() && v.value() != null && v.value().isKnown() && !v.value().isNull()) {
                j.put("version_constraint", v.value().asString());
            }
        }
        dependsOn(j, mc.dependsOn());
        return j;
    }

    private static void countOrForEach(ObjectNode j, Expression count, Expression forEach) {
        ObjectNode c = ExpressionJson.of(count);
        if (!c.isEmpty()) {
            j.set("count_expression", c);
            return;
        }
        ObjectNode f = ExpressionJson.of(forEach);
        if (!f.isEmpty()) {
            j.set("for_each_expression", f);
        }
    }

    private static void dependsOn(ObjectNode j, List<Expression> deps) {
        if (deps.isEmpty()) {
            return;
        }
        ArrayNode a = j.putArray("depends_on");
        for (Expression d : deps) {
            a.add(ExpressionJson.subject(d));
        }
    }

    /** Resources whose configuration is inherited or passed name the configuration they come from. */
    private void normalizeKeys(ObjectNode module) {
        for (var r : module.path("resources")) {
            Entry e = providers.get(r.path("provider_config_key").asText());
            if (e != null && e.parentKey() != null && providers.containsKey(e.parentKey())) {
                ((ObjectNode) r).put("provider_config_key", e.parentKey());
            }
        }
        Map<String, ObjectNode> calls = new LinkedHashMap<>();
        module.path("module_calls").fields().forEachRemaining(f -> calls.put(f.getKey(), (ObjectNode) f.getValue()));
        calls.values().forEach(c -> {
            if (c.get("module") instanceof ObjectNode child) {
                normalizeKeys(child);
            }
        });
    }
}
