package io.capstan.provider.sdk.testing;

import static io.capstan.provider.sdk.testing.ProviderHarness.decode;
import static io.capstan.provider.sdk.testing.ProviderHarness.failOnErrors;

import io.capstan.hcl.diag.Severity;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.*;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Schema;
import io.capstan.provider.sdk.JavaValues;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.testing.PlannedChange.Action;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One resource instance driven through its life the way Terraform core drives it: refresh,
 * proposed new state, plan (re-planned as a create when replacement is required), apply,
 * import, destroy. It also enforces Terraform's consistency rules, so a provider that
 * would make Terraform report "Provider produced invalid plan" or "inconsistent result
 * after apply" fails its own tests first.
 */
public final class ResourceUnderTest {
    private final ProviderClient client;
    private final String typeName;
    private final Schema schema;
    private final ObjectType type;
    private Value state;
    private byte[] statePrivate = new byte[0];

    ResourceUnderTest(ProviderClient client, String typeName, Schema schema) {
        this.client = client;
        this.typeName = typeName;
        this.schema = schema;
        this.type = SchemaTypes.impliedType(schema);
    }

    /** The current state, null when the object does not exist (yet, or any more). */
    public ObjectData state() {
        return state == null ? null : ObjectData.of(state, type);
    }

    private DynamicValue enc(Value v) {
        return WireCodec.INSTANCE.encode(v == null ? Value.nullOf(type) : v, type);
    }

    private Value config(Map<String, ?> config) {
        return JavaValues.toValue(config, type);
    }

    /** ReadResource on the current state; the object is forgotten when the provider says it is gone. */
    public ObjectData refresh() {
        if (state != null) {
            ReadResourceResponse r = client.readResource(new ReadResourceRequest(typeName, enc(state), statePrivate,
                    null, ClientCapabilities.CAPSTAN, null));
            failOnErrors("ReadResource " + typeName, r.diagnostics());
            Value v = decode(r.newState(), type);
            state = v.isNull() ? null : v;
            statePrivate = r.privateData();
        }
        return state();
    }

    /** Refreshes, then plans {@code config} against the refreshed state (like {@code terraform plan}). */
    public PlannedChange plan(Map<String, ?> config) {
        refresh();
        return planAgainst(state, config(config));
    }

    /** Plans without refreshing first ({@code terraform plan -refresh=false}). */
    public PlannedChange planWithoutRefresh(Map<String, ?> config) {
        return planAgainst(state, config(config));
    }

    private PlannedChange planAgainst(Value prior, Value cfg) {
        List<ProviderDiagnostic> diags = new ArrayList<>(client.validateResourceConfig(
                new ValidateResourceConfigRequest(typeName, enc(cfg), ClientCapabilities.CAPSTAN)).diagnostics());
        if (hasErrors(diags)) {
            return new PlannedChange(Action.FAILED, null, List.of(), diags);
        }
        PlanResourceChangeResponse r = planCall(prior, cfg, diags);
        if (hasErrors(diags)) {
            return new PlannedChange(Action.FAILED, null, List.of(), diags);
        }
        Value planned = decode(r.plannedState(), type);
        if (prior == null) {
            return new PlannedChange(Action.CREATE, ObjectData.of(planned, type), List.of(), diags);
        }
        if (!r.requiresReplace().isEmpty()) {
            PlanResourceChangeResponse create = planCall(null, cfg, diags);
            Value p = hasErrors(diags) ? null : decode(create.plannedState(), type);
            return new PlannedChange(hasErrors(diags) ? Action.FAILED : Action.REPLACE,
                    p == null ? null : ObjectData.of(p, type), r.requiresReplace(), diags);
        }
        Action a = planned.equals(prior) ? Action.NO_OP : Action.UPDATE;
        return new PlannedChange(a, ObjectData.of(planned, type), List.of(), diags);
    }

    private PlanResourceChangeResponse planCall(Value prior, Value cfg, List<ProviderDiagnostic> diags) {
        Value proposed = proposedNew(prior, cfg);
        PlanResourceChangeResponse r = client.planResourceChange(new PlanResourceChangeRequest(typeName, enc(prior),
                enc(proposed), enc(cfg), prior == null ? null : statePrivate, null, ClientCapabilities.CAPSTAN, null));
        diags.addAll(r.diagnostics());
        if (!r.hasErrors()) {
            checkPlanned(decode(r.plannedState(), type), cfg, diags);
        }
        return r;
    }

    /** Terraform's proposed new state: the configuration, with computed attributes it leaves null taken from the prior state. */
    private Value proposedNew(Value prior, Value cfg) {
        Map<String, Value> out = new LinkedHashMap<>(cfg.entries());
        for (Attribute a : schema.block().attributes().values()) {
            if (a.computed() && cfg.attr(a.name()).isNull()) {
                out.put(a.name(), prior == null ? Value.nullOf(type.attributes().get(a.name())) : prior.attr(a.name()));
            }
        }
        return Value.object(out);
    }

    /** Terraform rejects a plan whose non-computed attributes differ from the configuration. */
    private void checkPlanned(Value planned, Value cfg, List<ProviderDiagnostic> diags) {
        for (Attribute a : schema.block().attributes().values()) {
            Value c = cfg.attr(a.name());
            Value p = planned.attr(a.name());
            if (!a.computed() && !c.equals(p)) {
                diags.add(new ProviderDiagnostic(Severity.ERROR, "Provider produced invalid plan",
                        "planned value " + p + " for the non-computed attribute " + a.name()
                                + " does not match the configuration " + c, null));
            } else if (a.computed() && !c.isNull() && c.isWhollyKnown() && !c.equals(p)) {
                diags.add(new ProviderDiagnostic(Severity.ERROR, "Provider produced invalid plan",
                        "planned value " + p + " for " + a.name() + " does not match the configured " + c, null));
            }
        }
    }

    /** Plans and applies {@code config} (create, update, replace or nothing); fails the test on errors. */
    public ObjectData apply(Map<String, ?> config) {
        List<ProviderDiagnostic> diags = tryApply(config);
        failOnErrors("apply " + typeName, diags);
        return state();
    }

    /** Plans and applies, returning the diagnostics instead of failing (for tests of error cases). */
    public List<ProviderDiagnostic> tryApply(Map<String, ?> config) {
        PlannedChange p = plan(config);
        List<ProviderDiagnostic> diags = new ArrayList<>(p.diagnostics());
        switch (p.action()) {
            case FAILED, NO_OP, DELETE -> {
                return diags;
            }
            case REPLACE -> {
                applyCall(state, null, null, diags);
                if (hasErrors(diags)) {
                    return diags;
                }
                state = null;
                applyCall(null, p.planned().toValue(), config(config), diags);
            }
            default -> applyCall(state, p.planned().toValue(), config(config), diags);
        }
        return diags;
    }

    private void applyCall(Value prior, Value planned, Value cfg, List<ProviderDiagnostic> diags) {
        ApplyResourceChangeResponse r = client.applyResourceChange(new ApplyResourceChangeRequest(typeName,
                enc(prior), enc(planned), enc(cfg), statePrivate, null, null));
        diags.addAll(r.diagnostics());
        Value v = decode(r.newState(), type);
        if (planned != null && !r.hasErrors()) {
            for (String k : type.attributes().keySet()) {
                Value want = planned.attr(k);
                if (want.isWhollyKnown() && !want.equals(v.attr(k))) {
                    diags.add(new ProviderDiagnostic(Severity.ERROR, "Provider produced inconsistent result after apply",
                            "." + k + " was planned as " + want + " but is now " + v.attr(k), null));
                }
            }
        }
        state = v.isNull() ? null : v;
        statePrivate = r.privateData();
    }

    /** Plans the destruction and destroys the object; fails the test on errors. */
    public void destroy() {
        if (state == null) {
            return;
        }
        List<ProviderDiagnostic> diags = new ArrayList<>();
        PlanResourceChangeResponse r = client.planResourceChange(new PlanResourceChangeRequest(typeName, enc(state),
                enc(null), enc(null), statePrivate, null, ClientCapabilities.CAPSTAN, null));
        diags.addAll(r.diagnostics());
        failOnErrors("plan destroy " + typeName, diags);
        applyCall(state, null, null, diags);
        failOnErrors("destroy " + typeName, diags);
        if (state != null) {
            throw new AssertionError("destroying " + typeName + " left a non-null state: " + state);
        }
    }

    /** {@code terraform import}: ImportResourceState then ReadResource; fails the test on errors. */
    public ObjectData importState(String id) {
        List<ProviderDiagnostic> diags = tryImport(id);
        failOnErrors("import " + typeName + " " + id, diags);
        return state();
    }

    public List<ProviderDiagnostic> tryImport(String id) {
        ImportResourceStateResponse r = client.importResourceState(new ImportResourceStateRequest(typeName, id,
                ClientCapabilities.CAPSTAN, null));
        List<ProviderDiagnostic> diags = new ArrayList<>(r.diagnostics());
        if (r.hasErrors() || r.importedResources().isEmpty()) {
            return diags;
        }
        ImportedResource i = r.importedResources().get(0);
        state = decode(i.state(), type);
        statePrivate = i.privateData();
        ReadResourceResponse read = client.readResource(new ReadResourceRequest(typeName, enc(state), statePrivate,
                null, ClientCapabilities.CAPSTAN, null));
        diags.addAll(read.diagnostics());
        Value v = decode(read.newState(), type);
        state = v.isNull() ? null : v;
        if (state == null && !hasErrors(diags)) {
            diags.add(new ProviderDiagnostic(Severity.ERROR, "Cannot import non-existent remote object",
                    "the provider found nothing for id " + id, null));
        }
        return diags;
    }

    /** UpgradeResourceState of stored JSON written with schema {@code version}; becomes the state. */
    public ObjectData upgrade(long version, String json) {
        UpgradeResourceStateResponse r = client.upgradeResourceState(new UpgradeResourceStateRequest(typeName,
                version, RawState.ofJson(json.getBytes(StandardCharsets.UTF_8))));
        failOnErrors("UpgradeResourceState " + typeName, r.diagnostics());
        Value v = decode(r.upgradedState(), type);
        state = v.isNull() ? null : v;
        return state();
    }

    /** Refresh and plan {@code config}, failing unless the plan is empty (the "second plan" check). */
    public void assertNoChanges(Map<String, ?> config) {
        PlannedChange p = plan(config);
        if (p.action() != Action.NO_OP) {
            throw new AssertionError("expected no changes for " + typeName + " but the plan is " + p.action()
                    + (p.requiresReplace().isEmpty() ? "" : " (forced by " + p.replacePaths() + ")")
                    + ": " + (p.planned() == null ? p.diagnostics() : p.planned() + " vs state " + state));
        }
    }

    private static boolean hasErrors(List<ProviderDiagnostic> diags) {
        return diags.stream().anyMatch(ProviderDiagnostic::isError);
    }
}
