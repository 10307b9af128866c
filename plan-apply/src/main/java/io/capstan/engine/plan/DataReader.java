package io.capstan.engine.plan;

import io.capstan.graph.config.Check;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a data source instance: during planning when its configuration is wholly known,
 * otherwise, or when a resource it depends on has changes pending, its result is unknown and
 * the read is deferred to apply (action {@code read}).
 */
final class DataReader {
    private DataReader() {
    }

    /** {@code from}'s errors added to {@code to} when they are two lists (an apply's read again: warnings dropped). */
    private static void errorsOnly(Diagnostics from, Diagnostics to) {
        if (from != to) {
            for (Diagnostic d : from) {
                if (d.isError()) {
                    to.add(d);
                }
            }
        }
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
        WireConfig wireConfig = new WireConfig(config, type);
        // an apply evaluating again what the plan already read: terraform does not validate or read it again,
        // so the warnings of doing so (a remote state's deprecated backend parameters...) are not shown again
        ResourceChange planRead = run.applying ? run.planned.get(t.address()) : null;
        boolean again = run.applying && (planRead == null || planRead.action() != Action.READ);
        Diagnostics validated = again ? new Diagnostics() : diags;
        boolean valid = run.validation.instance(t, wireConfig, validated);
        errorsOnly(validated, diags);
        if (!valid) {
            return Value.unknown(type);
        }
        // a data source's pre/postconditions, as terraform's: checked around the read, recorded as checks; an
        // apply does not check again what the plan read (terraform's state then has them "unknown")
        ResourceChange planned0 = run.applying ? run.planned.get(t.address()) : null;
        InstancePlanner conditions = new InstancePlanner(run, null);
        if (run.applying && (planned0 == null || planned0.action() != Action.READ)) {
            if (!t.rc().lifecycle().preconditions().isEmpty() || !t.rc().lifecycle().postconditions().isEmpty()) {
                conditions.conditionResult(t, "unknown", null);
            }
            conditions = null;
        }
        if (conditions != null && !conditions.conditions(t, t.rc().lifecycle().preconditions(), null,
                "Resource precondition failed", diags)) {
            return Value.unknown(type);
        }
        Value unmarked = wireConfig.value();
        if (!unmarked.isWhollyKnown()) {
            // as terraform plans it: the configuration as far as it is known, computed attributes unknown
            Value planned = Sensitivity.markSchema(Sensitivity.copyMarks(plannedObject(schema.block(), unmarked), config),
                    schema.block());
            if (!run.applying) {
                run.addChange(new ResourceChange(t.mi().addr(), t.rc().addr(), t.key(), Action.READ, Value.nullOf(type),
                        planned, type, "read_because_config_unknown", null, t.providerAddr(), t.deps(),
                        false, null));
            }
            postconditions(conditions, t, planned, diags);
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
            postconditions(conditions, t, planned, diags);
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
                t.rc().addr().type(), wireConfig.wire(), null, null));
        long ms = (System.nanoTime() - start) / 1_000_000;
        // terraform's read returns on a provider error before its PostApply hook: no "Read errored" line
        if (announce && !r.hasErrors()) {
            run.listener.event(t.address(), r.state() == null ? ChangeListener.Phase.FAILED
                    : ChangeListener.Phase.READ, r.state() == null ? null : readId(r, type), ms);
        }
        Check scoping = t.mi().tree().module().scopingCheck(t.rc().addr());
        Diagnostics read = scoping != null ? new Diagnostics() : again ? new Diagnostics() : diags;
        for (io.capstan.provider.client.ProviderDiagnostic pd : r.diagnostics()) {
            Providers.report(java.util.List.of(pd), read, where(pd, t.rc()), t.address());
        }
        if (scoping == null) {
            errorsOnly(read, diags);
        }
        if (scoping != null) {
            return checkNested(run, t, scoping, schema, type, config, r, read, diags);
        }
        if (r.hasErrors() || r.state() == null) {
            return Value.unknown(type);
        }
        // as Terraform keeps a read: the configuration's sensitive marks and the schema's
        Value v = Sensitivity.markSchema(Sensitivity.copyMarks(WireCodec.INSTANCE.decode(r.state(), type), config),
                schema.block());
        record(run, t, schema, type, v);
        postconditions(conditions, t, v, diags);
        return v;
    }

    private static void postconditions(InstancePlanner conditions, InstancePlanner.Target t, Value self,
                                       Diagnostics diags) {
        if (conditions != null) {
            conditions.conditions(t, t.rc().lifecycle().postconditions(), self, "Resource postcondition failed", diags);
        }
    }

    /** The read object's {@code id} when it is a known string: terraform's {@code Read complete after 0s [id=...]}. */
    private static String readId(ReadDataSourceResponse r, ObjectType type) {
        if (!type.hasAttribute("id")) {
            return null;
        }
        Value id = WireCodec.INSTANCE.decode(r.state(), type).attr("id");
        return id.isKnown() && !id.isNull() && id.type().equals(io.capstan.hcl.value.Type.STRING) ? id.asString() : null;
    }

    private static void record(RunContext run, InstancePlanner.Target t, Schema schema, ObjectType type, Value v) {
        run.recorder.put(new LiveState.Entry(Addrs.stateModule(t.mi().addr()), "data", t.rc().addr().type(),
                t.rc().addr().name(), t.providerAddr(), StateValues.instance(t.key(), schema.version(), v, type,
                null, null, false)));
        run.claimed.add(t.address());
    }

    /**
     * The end of a read of a {@code check} block's data source, as terraform 1.11 does it: what
     * the provider reported is a warning (an error also fails the check, whose assertions are then
     * not evaluated), the state records the result (the configuration with null computed
     * attributes when the read failed), and a plan always reads it again during apply
     * ({@code read_because_check_nested}) so the check verifies the world as the apply left it.
     */
    private static Value checkNested(RunContext run, InstancePlanner.Target t, Check scoping, Schema schema,
                                     ObjectType type, Value config, ReadDataSourceResponse r, Diagnostics read,
                                     Diagnostics diags) {
        List<String> problems = new ArrayList<>();
        for (Diagnostic d : read.asList()) {
            // as terraform's: on its own in human output, never merged with others of its summary
            diags.add(d.warningApart());
            if (d.isError()) {
                problems.add(d.detail().isEmpty() ? d.summary() : d.summary() + ": " + d.detail());
            }
        }
        Value planned = Sensitivity.markSchema(Sensitivity.copyMarks(
                plannedObject(schema.block(), config.unmarkDeep().value()), config), schema.block());
        Value v;
        if (!problems.isEmpty() || r.state() == null) {
            if (problems.isEmpty()) {
                problems.add("The provider returned no data source state.");
            }
            run.checkFailed(Addrs.check(t.mi().addr(), scoping.name()), problems.size() == 1 ? problems.get(0)
                    : problems.size() + " problems:\n\n- " + String.join("\n- ", problems));
            record(run, t, schema, type, config);
            v = planned;
        } else {
            v = Sensitivity.markSchema(Sensitivity.copyMarks(WireCodec.INSTANCE.decode(r.state(), type), config),
                    schema.block());
            record(run, t, schema, type, v);
        }
        if (!run.applying && run.options.mode() == PlanMode.NORMAL) {
            run.addChange(new ResourceChange(t.mi().addr(), t.rc().addr(), t.key(), Action.READ, Value.nullOf(type),
                    v, type, "read_because_check_nested", null, t.providerAddr(), t.deps(), false, null));
        }
        return v;
    }

    /**
     * Where a provider's diagnostic points: the argument its attribute path names, or where the
     * argument would go when it is absent (as Terraform does), else the block.
     */
    static io.capstan.hcl.diag.SourceRange where(io.capstan.provider.client.ProviderDiagnostic d,
                                                         io.capstan.graph.config.ResourceConfig rc) {
        if (d.attribute() == null || d.attribute().steps().isEmpty()) {
            return rc.config().missingItemRange(); // terraform's whole-body diagnostic: the body's opening brace
        }
        if (!(d.attribute().steps().get(0) instanceof io.capstan.provider.client.PathStep.AttributeName n)) {
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
