package io.capstan.engine.plan;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ReadDataSourceRequest;
import io.capstan.provider.client.ReadDataSourceResponse;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.Schema;

/**
 * Reads a data source instance: during planning when its configuration is wholly known,
 * otherwise its result is unknown and the read is deferred to apply (action {@code read}).
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
            if (!run.applying) {
                run.addChange(new ResourceChange(t.mi().addr(), t.rc().addr(), t.key(), Action.READ, Value.nullOf(type),
                        Value.unknown(type), type, "read_because_config_unknown", null, t.providerAddr(), t.deps(),
                        false, null));
            }
            return Value.unknown(type);
        }
        // terraform announces reads while planning; an apply re-evaluating what the plan read shows nothing
        if (!run.applying) {
            run.listener.event(t.address(), ChangeListener.Phase.READING, null, 0);
        }
        long start = System.nanoTime();
        ReadDataSourceResponse r = t.provider().client().readDataSource(new ReadDataSourceRequest(
                t.rc().addr().type(), WireCodec.INSTANCE.encode(unmarked, type), null, null));
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (!run.applying) {
            run.listener.event(t.address(), r.hasErrors() || r.state() == null ? ChangeListener.Phase.FAILED
                    : ChangeListener.Phase.READ, null, ms);
        }
        for (io.capstan.provider.client.ProviderDiagnostic pd : r.diagnostics()) {
            Providers.report(java.util.List.of(pd), diags, where(pd, t.rc()));
        }
        if (r.hasErrors() || r.state() == null) {
            return Value.unknown(type);
        }
        Value v = WireCodec.INSTANCE.decode(r.state(), type);
        run.recorder.put(new LiveState.Entry(Addrs.stateModule(t.mi().addr()), "data", t.rc().addr().type(),
                t.rc().addr().name(), t.providerAddr(), StateValues.instance(t.key(), schema.version(), v, type,
                null, null, false)));
        run.claimed.add(t.address());
        return StateValues.markLike(v, config);
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
}
