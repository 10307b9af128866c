package io.capstan.cli.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.engine.json.ConfigurationJson;
import io.capstan.engine.json.RelevantAttributes;
import io.capstan.engine.json.ResourceSchemas;
import io.capstan.engine.json.StateValuesJson;
import io.capstan.engine.plan.Plan;
import io.capstan.engine.plan.PlanJson;
import io.capstan.engine.plan.PlanMode;
import io.capstan.engine.render.PlanRenderer;
import io.capstan.engine.render.RenderMode;
import io.capstan.engine.render.RenderOptions;
import io.capstan.engine.state.StateFile;
import io.capstan.graph.config.ModuleTree;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.ProviderSchemaJson;
import java.util.Map;

/**
 * The plan as the commands present it: Terraform's JSON plan (with {@code prior_state}) and, from
 * it and the provider schemas ({@code providers schema -json} form), the human plan text that
 * {@code terraform plan} and {@code terraform show PLANFILE} print.
 */
public final class HumanPlan {
    private HumanPlan() {
    }

    /** The keys terraform's JSON plan writes after {@code prior_state}, in its order. */
    private static final java.util.Set<String> AFTER_PRIOR_STATE = java.util.Set.of("configuration",
            "relevant_attributes", "checks", "timestamp", "applyable", "complete", "errored");

    /**
     * The JSON plan with {@code prior_state} placed where Terraform puts it: after everything about the
     * changes ({@code output_changes} when there are any), before {@code configuration} and the
     * {@code timestamp}, {@code applyable}, {@code complete} and {@code errored} that end the plan.
     */
    public static ObjectNode planJson(Plan plan, Map<String, ProviderSchema> schemas) {
        ObjectNode base = PlanJson.of(plan);
        StateFile prior = plan.priorState();
        if (prior == null || prior.isEmpty()) {
            return base;
        }
        ObjectNode doc = StateValuesJson.document(prior, ResourceSchemas.of(schemas));
        ObjectNode out = JsonNodeFactory.withExactBigDecimals(true).objectNode();
        var fields = base.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!out.has("prior_state") && AFTER_PRIOR_STATE.contains(e.getKey())) {
                out.set("prior_state", doc);
            }
            out.set(e.getKey(), e.getValue());
        }
        if (!out.has("prior_state")) {
            out.set("prior_state", doc);
        }
        return out;
    }

    /**
     * The JSON plan for rendering only (human plan, {@code -json} UI messages), when no plan file is
     * written: without {@code planned_values} and {@code prior_state}, which neither reads (the prior
     * state alone holds every instance's values once more).
     */
    public static ObjectNode renderJson(Plan plan) {
        return PlanJson.forRendering(plan);
    }

    /**
     * The JSON plan with terraform's {@code configuration} section, then its
     * {@code relevant_attributes} when there are any, added where terraform puts them (after
     * everything else about the plan, before {@code checks} and {@code timestamp}), for a
     * saved plan's {@code show -json}; built only when a plan file
     * is written, as it evaluates every expression of the configuration once more.
     */
    public static ObjectNode withConfiguration(JsonNode planJson, ModuleTree config, Map<String, ProviderSchema> schemas) {
        ObjectNode out = JsonNodeFactory.withExactBigDecimals(true).objectNode();
        if (config == null) {
            planJson.fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue()));
            return out;
        }
        ObjectNode configuration = ConfigurationJson.of(config, schemas);
        ArrayNode relevant = RelevantAttributes.of(config, planJson);
        // terraform's order: ... output_changes, prior_state, configuration, relevant_attributes, checks, timestamp ...
        planJson.fields().forEachRemaining(e -> {
            if (!out.has("configuration") && (e.getKey().equals("checks") || e.getKey().equals("timestamp"))) {
                insert(out, configuration, relevant);
            }
            JsonNode value = e.getKey().equals("variables") ? withoutEphemeralValues(e.getValue(), config) : e.getValue();
            if (!e.getKey().equals("variables") || !value.isEmpty()) {
                out.set(e.getKey(), value); // no variables left: omitted, as terraform's
            }
        });
        if (!out.has("configuration")) {
            insert(out, configuration, relevant);
        }
        return out;
    }

    /**
     * The plan's {@code variables} as terraform's plan file shows them: it records no value for an
     * ephemeral variable, so its default is shown (nothing without one), never the value given.
     */
    static JsonNode withoutEphemeralValues(JsonNode variables, ModuleTree config) {
        ObjectNode out = variables.deepCopy();
        for (io.capstan.graph.config.Variable v : config.module().variables().values()) {
            if (!v.ephemeral() || !out.has(v.name())) {
                continue;
            }
            out.remove(v.name());
            if (v.defaultExpr() != null) {
                io.capstan.hcl.value.Value d = io.capstan.hcl.eval.Evaluator.evaluate(v.defaultExpr(),
                        io.capstan.hcl.eval.EvalContext.empty(), new io.capstan.hcl.diag.Diagnostics());
                try {
                    d = v.type().apply(d);
                } catch (io.capstan.hcl.value.ConversionException ex) {
                    // validation reported it; shown as written
                }
                try {
                    out.putObject(v.name()).set("value", new com.fasterxml.jackson.databind.ObjectMapper()
                            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                            .readTree(io.capstan.hcl.value.ValueJson.encode(d)));
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
        }
        return out;
    }

    /**
     * The JSON plan with its {@code relevant_attributes} (as a saved plan has them) when it has
     * drift to render and no such list yet; unchanged otherwise, as finding them evaluates the
     * configuration's references once more.
     */
    public static JsonNode withRelevantAttributes(JsonNode planJson, ModuleTree config) {
        if (config == null || planJson.path("resource_drift").isEmpty() || planJson.has("relevant_attributes")) {
            return planJson;
        }
        ArrayNode relevant = RelevantAttributes.of(config, planJson);
        if (relevant.isEmpty()) {
            return planJson;
        }
        ObjectNode out = ((ObjectNode) planJson).deepCopy();
        out.set("relevant_attributes", relevant);
        return out;
    }

    private static void insert(ObjectNode out, ObjectNode configuration, ArrayNode relevant) {
        out.set("configuration", configuration);
        if (!relevant.isEmpty()) {
            out.set("relevant_attributes", relevant);
        }
    }

    /** The schemas of the providers a run started, as {@code providers schema -json} prints them. */
    public static JsonNode schemasJson(Map<String, ProviderSchema> schemas) {
        return ProviderSchemaJson.document(schemas);
    }

    public static RenderMode renderMode(PlanMode mode) {
        return switch (mode) {
            case DESTROY -> RenderMode.DESTROY;
            case REFRESH_ONLY -> RenderMode.REFRESH_ONLY;
            default -> RenderMode.NORMAL;
        };
    }

    /**
     * The human plan of {@code plan} written to {@code sink} as it renders, one resource change made and
     * shown at a time (neither the whole JSON plan nor the whole text is held); as {@link #render} of
     * {@link #withRelevantAttributes}({@link #renderJson}, {@code config}): drift's relevant attributes are
     * found from the changes' headers ({@link PlanJson#forRenderingWithoutChanges(Plan, ModuleTree)}).
     */
    public static void render(Plan plan, JsonNode schemasJson, PlanMode mode, boolean color, Appendable sink,
                              ModuleTree config) {
        render(PlanJson.forRenderingWithoutChanges(plan, config), PlanJson.changeSource(plan), schemasJson, mode, color,
                sink);
    }

    /**
     * The human plan of a JSON plan whose {@code resource_changes} are given one at a time by {@code changes}
     * (a plan of this run, or a saved plan's read from its file), written to {@code sink} as it renders.
     */
    public static void render(JsonNode planWithoutChanges, io.capstan.engine.render.ChangeSource changes,
                              JsonNode schemasJson, PlanMode mode, boolean color, Appendable sink) {
        new PlanRenderer(schemasJson).render(planWithoutChanges, changes,
                new RenderOptions(color, renderMode(mode), io.capstan.cli.TerminalWidth.columns()), sink);
    }

    /** The human plan text, byte for byte as Terraform prints it. */
    public static String render(JsonNode planJson, JsonNode schemasJson, PlanMode mode, boolean color) {
        // terraform wraps the plan's paragraphs at the terminal's width (78 columns off a terminal)
        return new PlanRenderer(schemasJson).render(planJson, new RenderOptions(color, renderMode(mode),
                io.capstan.cli.TerminalWidth.columns()));
    }
}
