package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.engine.plan.ChangeOrder;
import io.capstan.graph.addrs.Addresses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Renders a plan for humans exactly as {@code terraform plan} / {@code terraform show PLANFILE}
 * print it, from the plan in Terraform's JSON format ({@code show -json}) and the provider
 * schemas ({@code providers schema -json}). Returns the text, or writes it to a given sink as it goes.
 */
public final class PlanRenderer {
    private final JsonNode schemas;

    public PlanRenderer(JsonNode providerSchemas) {
        this.schemas = Objects.requireNonNull(providerSchemas, "providerSchemas");
    }

    /**
     * A change and its diff; for {@code resource_changes}, {@code change} is first the entry's header and
     * {@code diff} null, both made whole from the {@link ChangeSource} only when the change is rendered.
     */
    private record ResourceDiff(JsonNode change, Diff diff, int index) {
        String address() {
            return change.path("address").asText();
        }

        String deposed() {
            return change.path("deposed").asText("");
        }

        boolean moved() {
            String prev = change.path("previous_address").asText("");
            return !prev.isEmpty() && !prev.equals(address());
        }

        boolean importing() {
            JsonNode i = change.path("change").get("importing");
            return i != null && !i.isNull();
        }

        PlanAction action() {
            return PlanAction.fromJson(change.path("change").path("actions"));
        }
    }

    private JsonNode schemaBlock(JsonNode rc) {
        String kind = rc.path("mode").asText().equals("data") ? "data_source_schemas" : "resource_schemas";
        JsonNode block = schemas.path("provider_schemas").path(rc.path("provider_name").asText()).path(kind)
                .path(rc.path("type").asText()).path("block");
        return block.isMissingNode() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : block;
    }

    /** The human-readable plan, byte for byte as Terraform prints it. */
    public String render(JsonNode plan, RenderOptions options) {
        StringBuilder out = new StringBuilder();
        render(plan, ChangeSource.of(plan.path("resource_changes")), options, out, null);
        return out.toString();
    }

    /**
     * As {@link #render(JsonNode, RenderOptions)}, written to {@code sink} as it goes, with the plan's
     * {@code resource_changes} taken from {@code changes} (those of {@code plan} are not read): one
     * resource's change is made, rendered and written at a time, so neither the whole plan as JSON nor
     * its whole text is held (at 1,000 instances, about 2 MB less live while a plan is shown).
     */
    public void render(JsonNode plan, ChangeSource changes, RenderOptions options, Appendable sink) {
        StringBuilder out = new StringBuilder();
        render(plan, changes, options, out, sink);
        flush(out, sink);
    }

    /** Moves what {@code out} holds to {@code sink} (none: {@code out} keeps it all). */
    private static void flush(StringBuilder out, Appendable sink) {
        if (sink == null || out.length() == 0) {
            return;
        }
        try {
            sink.append(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.setLength(0);
    }

    /** The diff of a change of {@code source} whose header is {@code d}: {@code d}'s own when it has one. */
    private Diff diff(ChangeSource source, ResourceDiff d) {
        return d.diff() != null ? d.diff() : diff(source.change(d.index()));
    }

    /** The diff of a whole {@code resource_changes} entry. */
    private Diff diff(JsonNode rc) {
        return BlockDiffer.block(Change.fromJson(rc.path("change"), PathMatcher.ALWAYS), schemaBlock(rc));
    }

    private void render(JsonNode plan, ChangeSource source, RenderOptions options, StringBuilder out, Appendable sink) {
        Colorize c = new Colorize(options.color());
        RenderMode mode = options.mode();
        boolean errored = plan.path("errored").asBoolean(false);
        boolean noChangesQuality = !errored && !plan.path("applyable").asBoolean(true);
        int columns = options.columns();

        List<ResourceDiff> drift = new ArrayList<>();
        for (JsonNode rc : plan.path("resource_drift")) {
            PathMatcher relevant;
            if (mode == RenderMode.REFRESH_ONLY) {
                relevant = PathMatcher.ALWAYS;
            } else {
                PathMatcher m = PathMatcher.empty(true);
                for (JsonNode attr : plan.path("relevant_attributes")) {
                    String res = attr.path("resource").asText("");
                    if (res.isEmpty() || res.equals(rc.path("address").asText())) {
                        m = m.append(attr.path("attribute"));
                    }
                }
                relevant = m.isEmpty() ? null : m;
            }
            if (relevant == null) {
                continue;
            }
            drift.add(new ResourceDiff(rc, BlockDiffer.block(Change.fromJson(rc.path("change"), relevant), schemaBlock(rc)), -1));
        }
        List<ResourceDiff> changes = new ArrayList<>();
        for (int i = 0, n = source.size(); i < n; i++) {
            changes.add(new ResourceDiff(source.header(i), null, i));
        }
        Map<String, Diff> outputs = new TreeMap<>();
        plan.path("output_changes").fields().forEachRemaining(e ->
                outputs.put(e.getKey(), Differ.forOutput(Change.fromJson(e.getValue(), PathMatcher.ALWAYS))));
        // terraform's order of addresses (a[2] before a[10], the root module's before module.m's), not the strings'
        Map<String, io.capstan.graph.addrs.AbsResourceInstance> parsed = new java.util.HashMap<>();
        // written out (no Comparator.comparing/thenComparing: their serializable lambdas were spun on each run)
        Comparator<ResourceDiff> order = (x, y) -> {
            var a = parsed.computeIfAbsent(x.address(), k -> Addresses.parseAbsResourceInstance(k).value());
            var b = parsed.computeIfAbsent(y.address(), k -> Addresses.parseAbsResourceInstance(k).value());
            int byAddress = a == null || b == null ? x.address().compareTo(y.address())
                    : ChangeOrder.ADDRESSES.compare(a, b);
            return byAddress != 0 ? byAddress : x.deposed().compareTo(y.deposed());
        };
        drift.sort(order);
        changes.sort(order);

        boolean haveRefreshChanges = renderDrift(out, c, drift, source, changes, outputs, mode, columns);
        flush(out, sink);

        boolean willPrintResourceChanges = false;
        Map<PlanAction, Integer> counts = new EnumMap<>(PlanAction.class);
        int importing = 0;
        int forgetting = 0;
        List<ResourceDiff> shown = new ArrayList<>();
        for (ResourceDiff d : changes) {
            PlanAction action = d.action();
            if (action == PlanAction.NO_OP && !d.moved() && !d.importing()) {
                continue;
            }
            if (action == PlanAction.DELETE && !d.change().path("mode").asText().equals("managed")) {
                continue;
            }
            shown.add(d);
            if (d.importing()) {
                importing++;
            }
            if (action != PlanAction.NO_OP) {
                willPrintResourceChanges = true;
                counts.merge(action, 1, Integer::sum);
            }
            if (action == PlanAction.FORGET) {
                forgetting++;
            }
        }
        String renderedOutputs = renderOutputs(c, outputs);

        if (shown.isEmpty() && renderedOutputs.isEmpty()) {
            String rule = horizontalRule(c, columns);
            if (errored) {
                if (haveRefreshChanges) {
                    out.append(rule).append('\n');
                }
                out.append(c.color("\n[reset][bold][red]Planning failed.[reset][bold] Terraform encountered an error while generating this plan.[reset]\n\n"));
                return;
            }
            switch (mode) {
                case REFRESH_ONLY -> {
                    if (haveRefreshChanges) {
                        return;
                    }
                    out.append(c.color("\n[reset][bold][green]No changes.[reset][bold] Your infrastructure still matches the configuration.[reset]\n\n"));
                    out.append(GoText.wordWrap("Terraform has checked that the real remote objects still match the result of your most recent changes, and found no differences.", columns)).append('\n');
                }
                case DESTROY -> {
                    if (haveRefreshChanges) {
                        out.append(rule).append('\n');
                    }
                    out.append(c.color("\n[reset][bold][green]No changes.[reset][bold] No objects need to be destroyed.[reset]\n\n"));
                    out.append(GoText.wordWrap("Either you have not created any objects yet or the existing objects were already deleted outside of Terraform.", columns)).append('\n');
                }
                default -> {
                    if (haveRefreshChanges) {
                        out.append(rule).append('\n');
                    }
                    out.append(c.color("\n[reset][bold][green]No changes.[reset][bold] Your infrastructure matches the configuration.[reset]\n\n"));
                    if (haveRefreshChanges) {
                        if (!noChangesQuality) {
                            out.append(GoText.wordWrap("Your configuration already matches the changes detected above. If you'd like to update the Terraform state to match, create and apply a refresh-only plan:\n", columns)).append('\n');
                        }
                    } else {
                        out.append(GoText.wordWrap("Terraform has compared your real infrastructure against your configuration and found no differences, so no changes are needed.", columns)).append('\n');
                    }
                }
            }
            return;
        }

        if (haveRefreshChanges) {
            out.append(horizontalRule(c, columns)).append('\n');
        }
        if (willPrintResourceChanges) {
            out.append(GoText.wordWrap("\nTerraform used the selected providers to generate the following execution plan. Resource actions are indicated with the following symbols:", columns)).append('\n');
            for (PlanAction a : List.of(PlanAction.CREATE, PlanAction.UPDATE, PlanAction.DELETE,
                    PlanAction.DELETE_THEN_CREATE, PlanAction.CREATE_THEN_DELETE, PlanAction.READ, PlanAction.FORGET)) {
                if (counts.getOrDefault(a, 0) > 0) {
                    out.append(c.color(actionDescription(a))).append('\n');
                }
            }
        }
        if (!shown.isEmpty()) {
            out.append(errored ? "\nTerraform planned the following actions, but then encountered a problem:\n"
                    : "\nTerraform will perform the following actions:\n");
            flush(out, sink);
            for (ResourceDiff d : shown) {
                JsonNode rc = source.change(d.index());
                out.append('\n').append(renderResource(c, new ResourceDiff(rc, diff(rc), d.index()), true))
                        .append('\n');
                flush(out, sink);
            }
            int add = n(counts, PlanAction.CREATE) + n(counts, PlanAction.DELETE_THEN_CREATE) + n(counts, PlanAction.CREATE_THEN_DELETE);
            int change = n(counts, PlanAction.UPDATE);
            int destroy = n(counts, PlanAction.DELETE) + n(counts, PlanAction.DELETE_THEN_CREATE) + n(counts, PlanAction.CREATE_THEN_DELETE);
            String forget = forgetting > 0 ? ", " + forgetting + " to forget" : "";
            if (importing > 0) {
                out.append(c.color("\n[bold]Plan:[reset] " + importing + " to import, " + add + " to add, " + change
                        + " to change, " + destroy + " to destroy" + forget + ".\n"));
            } else {
                out.append(c.color("\n[bold]Plan:[reset] " + add + " to add, " + change + " to change, " + destroy
                        + " to destroy" + forget + ".\n"));
            }
        }
        if (!renderedOutputs.isEmpty()) {
            out.append("\nChanges to Outputs:\n").append(renderedOutputs).append('\n');
            if (counts.isEmpty()) {
                out.append(GoText.wordWrap("\nYou can apply this plan to save these new output values to the Terraform state, without changing any real infrastructure.", columns)).append('\n');
            }
        }
    }

    private static int n(Map<PlanAction, Integer> counts, PlanAction a) {
        return counts.getOrDefault(a, 0);
    }

    /** Terraform's rule: a blank line, then the line of dashes (no newline after it). */
    private static String horizontalRule(Colorize c, int columns) {
        return c.color("[dark_gray]\n" + "─".repeat(columns - 1));
    }

    /** No resource change has a diff to show, moves aside, and no output changes (the changes' diffs made here). */
    private boolean diffsEmpty(ChangeSource source, List<ResourceDiff> changes, Map<String, Diff> outputs) {
        for (ResourceDiff d : changes) {
            if (d.moved() || diff(source, d).action() != PlanAction.NO_OP) {
                return false;
            }
        }
        for (Diff d : outputs.values()) {
            if (d.action() != PlanAction.NO_OP) {
                return false;
            }
        }
        return true;
    }

    private boolean renderDrift(StringBuilder out, Colorize c, List<ResourceDiff> drift, ChangeSource source,
                                List<ResourceDiff> changes, Map<String, Diff> outputs, RenderMode mode, int columns) {
        List<ResourceDiff> drs = new ArrayList<>();
        for (ResourceDiff d : drift) {
            if (mode == RenderMode.REFRESH_ONLY || d.diff().action() != PlanAction.NO_OP) {
                drs.add(d);
            }
        }
        if (drs.isEmpty() || (mode != RenderMode.REFRESH_ONLY && diffsEmpty(source, changes, outputs))) {
            return false;
        }
        out.append(c.color("\n[bold][cyan]Note:[reset][bold] Objects have changed outside of Terraform\n"));
        out.append('\n');
        out.append(GoText.wordWrap("Terraform detected the following changes made outside of Terraform since the last \"terraform apply\" which may have affected this plan:\n", columns));
        for (ResourceDiff d : drs) {
            if (d.action() == PlanAction.NO_OP && !d.moved() && !d.importing()) {
                continue;
            }
            out.append('\n').append(renderResource(c, d, false)).append('\n');
        }
        if (mode == RenderMode.REFRESH_ONLY) {
            out.append(GoText.wordWrap("\n\nThis is a refresh-only plan, so Terraform will not take any actions to undo these. If you were expecting these changes then you can apply this plan to record the updated values in the Terraform state without changing any remote objects.", columns)).append('\n');
        } else {
            out.append(GoText.wordWrap("\n\nUnless you have made equivalent changes to your configuration, or ignored the relevant attributes using ignore_changes, the following plan may include actions to undo or respond to these changes.", columns)).append('\n');
        }
        return true;
    }

    private static String renderOutputs(Colorize c, Map<String, Diff> outputs) {
        int max = 0;
        for (String k : outputs.keySet()) {
            max = Math.max(max, GoText.attributeName(k).length());
        }
        List<String> rendered = new ArrayList<>();
        for (Map.Entry<String, Diff> e : outputs.entrySet()) {
            Diff d = e.getValue();
            if (d.action() != PlanAction.NO_OP) {
                rendered.add(c.color(d.action().symbol()) + " " + Diff.pad(GoText.attributeName(e.getKey()), max) + " = "
                        + d.render(0, Diff.RenderOpts.of(c)));
            }
        }
        return String.join("\n", rendered);
    }

    static String actionDescription(PlanAction a) {
        return switch (a) {
            case CREATE -> "  [green]+[reset] create";
            case DELETE -> "  [red]-[reset] destroy";
            case UPDATE -> "  [yellow]~[reset] update in-place";
            case CREATE_THEN_DELETE -> "[green]+[reset]/[red]-[reset] create replacement and then destroy";
            case DELETE_THEN_CREATE -> "[red]-[reset]/[green]+[reset] destroy and then create replacement";
            case READ -> " [cyan]<=[reset] read (data resources)";
            case FORGET -> "  [red].[reset] forget";
            case NO_OP -> "    ";
        };
    }

    private static String renderResource(Colorize c, ResourceDiff d, boolean proposed) {
        PlanAction action = d.action();
        Diff.RenderOpts opts = Diff.RenderOpts.of(c).showUnchanged(d.importing());
        String header = (d.change().path("mode").asText().equals("managed") ? "resource" : "data")
                + " \"" + d.change().path("type").asText() + "\" \"" + d.change().path("name").asText() + "\"";
        return c.color(ResourceComment.of(d.change(), action, proposed))
                + c.color(action.symbol()) + " " + header + " " + d.diff().render(0, opts);
    }
}
