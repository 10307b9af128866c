package io.capstan.engine.plan;

import io.capstan.engine.builtin.BuiltinTerraformProvider;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.ProviderClient;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.client.ValidateDataResourceConfigRequest;
import io.capstan.provider.client.ValidateResourceConfigRequest;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider's own validation of a resource or data block (ValidateResourceConfig /
 * ValidateDataResourceConfig), called where terraform 1.11 calls it (counted with TF_LOG=trace on
 * the time provider): once per block before planning, with every reference unknown (terraform's
 * validate walk, which {@code plan} and {@code apply} run first), and once per instance before
 * PlanResourceChange with the configuration as planned. Its diagnostics reach the user as
 * terraform shows them: at the argument the diagnostic's path names, "with" the block's address
 * (block call) or the instance's (instance call).
 *
 * <p>A provider's validation is a function of the type and the configuration (the protocol allows
 * it no side effects), so within one run an answer is asked once per provider instance, type and
 * encoded configuration: the 100 instances of a {@code count} whose configuration does not
 * depend on {@code count.index} cost one call, not 100 (terraform asks for each).
 * Terraform's built-in provider runs in-process and validates nothing a schema does not, so it
 * is not asked.
 */
final class ProviderValidation {
    private record Key(ProviderClient client, boolean managed, String type, DynamicValue config) {
    }

    private final Map<Key, List<ProviderDiagnostic>> answers = new ConcurrentHashMap<>();
    private volatile boolean blockFailed;
    /** Each block's answer by configuration address: asked and reported once, whatever its module's instances. */
    private final Map<String, Boolean> blocks = new ConcurrentHashMap<>();

    /** Whether a block call found errors: terraform would have stopped in its validate walk, before planning. */
    boolean blockFailed() {
        return blockFailed;
    }

    /**
     * The block call: the block's configuration with every reference unknown, reported "with"
     * the resource's address; false when the provider found errors (the block is not planned).
     */
    boolean block(RunContext run, ModuleInst mi, ResourceConfig rc, Providers.Started prov, Diagnostics d) {
        boolean managed = rc.addr().mode() == ResourceMode.MANAGED;
        if (!validatedBy(prov, managed, rc.addr().type())) {
            return true;
        }
        Schema schema = managed ? prov.schema().resourceSchemas().get(rc.addr().type())
                : prov.schema().dataSourceSchemas().get(rc.addr().type());
        if (schema == null) {
            return true; // the instance reports the unknown type
        }
        // errors decoding the block are the instances' to report (with their addresses), once
        Diagnostics decoding = new Diagnostics();
        Value config = ConfigDecoder.decode(rc.config(), schema.block(), e -> unknownReferences(run, mi, e), decoding);
        if (decoding.hasErrors()) {
            return true;
        }
        // terraform's validate walk visits a block once, not per module instance, and names it by its
        // configuration address (module.m.time_sleep.s, not module.m[0].time_sleep.s)
        String address = mi.tree().path().prefix(rc.addr().toString());
        return blocks.computeIfAbsent(address, a -> {
            DynamicValue encoded = WireCodec.INSTANCE.encode(config.unmarkDeep().value(), SchemaTypes.impliedType(schema));
            boolean ok = report(ask(prov, managed, rc.addr().type(), encoded), rc, a, d);
            if (!ok) {
                blockFailed = true;
            }
            return ok;
        });
    }

    /**
     * The instance call before PlanResourceChange (or ReadDataSource): {@code config} as decoded
     * for the instance (its encoding then sent with those calls too), reported "with" the
     * instance's address; false when the provider found errors.
     */
    boolean instance(InstancePlanner.Target t, WireConfig config, Diagnostics d) {
        boolean managed = t.rc().addr().mode() == ResourceMode.MANAGED;
        if (!validatedBy(t.provider(), managed, t.rc().addr().type())) {
            return true;
        }
        return report(ask(t.provider(), managed, t.rc().addr().type(), config.wire()), t.rc(), t.address(), d);
    }

    /**
     * Whether the block is sent to its provider's validation: always for a plugin; of the built-in
     * provider's, only {@code terraform_remote_state} (whose validation gives its backend's warnings,
     * as terraform's does); the rest the engine checks itself.
     */
    static boolean validatedBy(Providers.Started prov, boolean managed, String type) {
        return !(prov.client() instanceof BuiltinTerraformProvider)
                || !managed && io.capstan.engine.builtin.TerraformRemoteState.TYPE_NAME.equals(type);
    }

    private List<ProviderDiagnostic> ask(Providers.Started prov, boolean managed, String type, DynamicValue encoded) {
        Key key = new Key(prov.client(), managed, type, encoded);
        List<ProviderDiagnostic> known = answers.get(key);
        if (known != null) {
            return known;
        }
        List<ProviderDiagnostic> found = managed
                ? prov.client().validateResourceConfig(new ValidateResourceConfigRequest(type, encoded, null)).diagnostics()
                : prov.client().validateDataResourceConfig(new ValidateDataResourceConfigRequest(type, encoded))
                        .diagnostics();
        answers.putIfAbsent(key, found);
        return found;
    }

    static boolean report(List<ProviderDiagnostic> found, ResourceConfig rc, String address, Diagnostics d) {
        boolean ok = true;
        for (ProviderDiagnostic pd : found) {
            Providers.report(List.of(pd), d, DataReader.where(pd, rc), address);
            ok &= !pd.isError();
        }
        return ok;
    }

    /**
     * The scope of terraform's validate walk for one expression: every variable, resource, module
     * output, {@code count.index} and {@code each} unknown; {@code locals} evaluated in that same
     * scope (a literal local is known, as in terraform's walk); {@code path} and {@code terraform}
     * and the functions as in the plan.
     */
    private EvalContext unknownReferences(RunContext run, ModuleInst mi, Expression e) {
        EvalContext real = run.scope.context(mi, null, null, e);
        Map<String, Value> vars = new LinkedHashMap<>();
        Map<String, Value> local = new LinkedHashMap<>();
        for (Traversal t : e.variables()) {
            String root = t.rootName();
            if (root.equals("local") && t.steps().size() > 1 && t.steps().get(1) instanceof TraverseAttr a) {
                local.put(a.name(), local(run, mi, a.name()));
                continue;
            }
            Value known = root.equals("path") || root.equals("terraform") ? real.lookup(root) : null;
            vars.put(root, Objects.requireNonNullElse(known, Value.DYNAMIC_UNKNOWN));
        }
        if (!local.isEmpty()) {
            vars.put("local", Value.object(local));
        }
        return EvalContext.of(vars, real.functions(), real.baseDir());
    }

    /** Locals as terraform's validate walk has them: one value per module (not per instance), errors left to the plan. */
    private final Map<String, Value> locals = new java.util.HashMap<>();

    private Value local(RunContext run, ModuleInst mi, String name) {
        String key = mi.tree().path() + "\0" + name;
        synchronized (locals) {
            Value v = locals.get(key);
            if (v != null) {
                return v;
            }
        }
        io.capstan.graph.config.Local l = mi.tree().module().locals().get(name);
        Value v = Value.DYNAMIC_UNKNOWN;
        if (l != null && l.expr() != null) {
            Diagnostics ignored = new Diagnostics();
            Value got = io.capstan.hcl.eval.Evaluator.evaluate(l.expr(), unknownReferences(run, mi, l.expr()), ignored);
            v = got == null || ignored.hasErrors() ? Value.DYNAMIC_UNKNOWN : got;
        }
        synchronized (locals) {
            locals.putIfAbsent(key, v);
            return locals.get(key);
        }
    }
}
