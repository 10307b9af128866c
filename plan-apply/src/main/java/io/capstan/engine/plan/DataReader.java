package io.capstan.engine.plan;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ReadDataSourceRequest;
import io.capstan.provider.client.ReadDataSourceResponse;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.NestingMode;
import io.capstan.provider.schema.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a data source instance: during planning when its configuration is wholly known,
 * otherwise, or when a resource it depends on has changes pending, its result is unknown and
 * the read is deferred to apply (action {@code read}).
 */
final class DataReader {
    private DataReader() {
    }

    static Value read(RunContext run, InstancePlanner.Target t, Diagnostics diags) {
        Schema schema = t.provider().schema().dataSourceSchemas().get(t.rc().addr().type());
        if (schema == null) {
            diags.add(Diagnostic.error("Invalid data source", "The provider " + t.provider().client().providerName()
                    + " does not support data source \"" + t.rc().addr().type() + "\".", t.rc().typeRange()));
            return Value.DYNAMIC_UNKNOWN;
        }
        ObjectType type = SchemaTypes.impliedType(schema);
        Value config = ConfigDecoder.decode(t.rc().config(), schema.block(),
                e -> run.scope.context(t.mi(), t.rep(), null, e), diags);
        if (diags.hasErrors()) {
            return Value.unknown(type);
        }
        Value unmarked = config.unmarkDeep().value();
        if (!unmarked.isWhollyKnown()) {
            // as terraform plans it: the configuration as far as it is known, computed attributes unknown
            Value planned = Sensitivity.markSchema(Sensitivity.copyMarks(plannedObject(schema.block(), unmarked), config),
                    schema.block());
            if (!run.applying) {
                run.addChange(new ResourceChange(t.mi().addr(), t.rc().addr(), t.key(), Action.READ, Value.nullOf(type),
                        planned, type, "read_because_config_unknown", null, t.providerAddr(), t.deps(),
                        false, null));
            }
            return planned;
        }
        // As Terraform does: a data source whose managed dependencies (references or depends_on)
        // have changes pending is read during apply, after them, not from the world as it is now.
        if (!run.applying && run.options.mode() == PlanMode.NORMAL
                && t.deps().stream().anyMatch(run::changedResourceStatic)) {
            Value planned = Sensitivity.markSchema(Sensitivity.copyMarks(plannedObject(schema.block(), unmarked), config),
                    schema.block());
            run.addChange(new ResourceChange(t.mi().addr(), t.rc().addr(), t.key(), Action.READ, Value.nullOf(type),
                    planned, type, "read_because_dependency_pending", null, t.providerAddr(), t.deps(), false, null));
            return planned;
        }
        // terraform announces reads while planning, and during apply those the plan deferred to it;
        // an apply re-evaluating what the plan already read shows nothing
        ResourceChange deferred = run.applying ? run.planned.get(t.address()) : null;
        boolean announce = !run.applying || deferred != null && deferred.action() == Action.READ;
        if (announce) {
            run.listener.event(t.address(), ChangeListener.Phase.READING, null, 0);
        }
        long start = System.nanoTime();
        ReadDataSourceResponse r = t.provider().client().readDataSource(new ReadDataSourceRequest(
                t.rc().addr().type(), WireCodec.INSTANCE.encode(unmarked, type), null, null));
        long ms = (System.nanoTime() - start) / 1_000_000;
        // terraform's read returns on a provider error before its PostApply hook: no "Read errored" line
        if (announce && !r.hasErrors()) {
            run.listener.event(t.address(), r.state() == null ? ChangeListener.Phase.FAILED
                    : ChangeListener.Phase.READ, null, ms);
        }
        for (io.capstan.provider.client.ProviderDiagnostic pd : r.diagnostics()) {
            Providers.report(java.util.List.of(pd), diags, where(pd, t.rc()), t.address());
        }
        if (r.hasErrors() || r.state() == null) {
            return Value.unknown(type);
        }
        // as Terraform keeps a read: the configuration's sensitive marks and the schema's
        Value v = Sensitivity.markSchema(Sensitivity.copyMarks(WireCodec.INSTANCE.decode(r.state(), type), config),
                schema.block());
        run.recorder.put(new LiveState.Entry(Addrs.stateModule(t.mi().addr()), "data", t.rc().addr().type(),
                t.rc().addr().name(), t.providerAddr(), StateValues.instance(t.key(), schema.version(), v, type,
                null, null, false)));
        run.claimed.add(t.address());
        return v;
    }

    /**
     * Where a provider's diagnostic points: the argument its attribute path names, or where the
     * argument would go when it is absent (as Terraform does), else the block.
     */
    private static io.capstan.hcl.diag.SourceRange where(io.capstan.provider.client.ProviderDiagnostic d,
                                                         io.capstan.graph.config.ResourceConfig rc) {
        if (d.attribute() == null || d.attribute().steps().isEmpty()
                || !(d.attribute().steps().get(0) instanceof io.capstan.provider.client.PathStep.AttributeName n)) {
            return rc.declRange();
        }
        var attrs = rc.config().justAttributes().value();
        if (attrs != null && attrs.get(n.name()) != null) {
            return attrs.get(n.name()).expr().range();
        }
        return rc.config().missingItemRange();
    }

    /** The configuration with every computed attribute it leaves unset unknown (Terraform's planned data object). */
    static Value plannedObject(Block block, Value config) {
        if (config.isNull() || !config.isKnown()) {
            return config;
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (Attribute a : block.attributes().values()) {
            Value cv = config.attr(a.name());
            out.put(a.name(), a.computed() && cv.isNull() ? Value.unknown(SchemaTypes.attributeType(a)) : cv);
        }
        for (NestedBlock nb : block.blockTypes().values()) {
            Value cv = config.attr(nb.typeName());
            out.put(nb.typeName(), nb.nesting() == NestingMode.SINGLE || nb.nesting() == NestingMode.GROUP
                    ? plannedObject(nb.block(), cv) : cv);
        }
        return Value.object(out);
    }
}
