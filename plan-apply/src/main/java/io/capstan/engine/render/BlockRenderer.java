package io.capstan.engine.render;

import static io.capstan.engine.render.Diff.forcesReplacement;
import static io.capstan.engine.render.Diff.importantAttribute;
import static io.capstan.engine.render.Diff.indent;
import static io.capstan.engine.render.Diff.pad;
import static io.capstan.engine.render.Diff.symbol;
import static io.capstan.engine.render.Diff.unchanged;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a schema block: attributes aligned on {@code =} in name order, a count of hidden
 * unchanged attributes, then nested blocks after a blank line, then a count of hidden blocks.
 */
record BlockRenderer(Map<String, Diff> attributes, Map<String, NestedBlocks> blocks) implements Diff.DiffRenderer {

    enum Nesting { SINGLE, LIST, SET, MAP }

    /** All the blocks of one block type: a single block, a list, a set, or a map by label. */
    record NestedBlocks(Nesting nesting, List<Diff> diffs, List<String> labels, boolean replace,
                        boolean beforeSensitive, boolean afterSensitive) {
    }

    @Override
    public String render(Diff diff, int indent, Diff.RenderOpts opts) {
        if (attributes.isEmpty() && blocks.isEmpty()) {
            return "{}" + forcesReplacement(diff.replace(), opts);
        }
        Map<String, Diff> sorted = new TreeMap<>(attributes);
        int max = 0;
        for (String k : sorted.keySet()) {
            max = Math.max(max, GoText.attributeName(k).length());
        }
        StringBuilder buf = new StringBuilder("{" + forcesReplacement(diff.replace(), opts) + "\n");
        int unchangedAttributes = 0;
        for (Map.Entry<String, Diff> e : sorted.entrySet()) {
            Diff attr = e.getValue();
            String name = pad(GoText.attributeName(e.getKey()), max);
            Diff.RenderOpts o = opts;
            if (importantAttribute(e.getKey())) {
                o = opts.showUnchanged(true);
            } else if (attr.action() == PlanAction.NO_OP && !opts.showUnchangedChildren()) {
                unchangedAttributes++;
                continue;
            }
            for (String w : attr.warnings(indent + 1, o)) {
                buf.append(indent(indent + 1)).append(w).append('\n');
            }
            buf.append(indent(indent + 1)).append(symbol(attr.action(), o)).append(name).append(" = ")
                    .append(attr.render(indent + 1, o)).append('\n');
        }
        if (unchangedAttributes > 0) {
            buf.append(indent(indent + 1)).append(symbol(PlanAction.NO_OP, opts))
                    .append(unchanged("attribute", unchangedAttributes, opts)).append('\n');
        }
        int[] unchangedBlocks = {0};
        for (Map.Entry<String, NestedBlocks> e : new TreeMap<>(blocks).entrySet()) {
            String key = e.getKey();
            NestedBlocks nb = e.getValue();
            boolean[] found = {false};
            for (int i = 0; i < nb.diffs().size(); i++) {
                Diff d = nb.diffs().get(i);
                String label = nb.nesting() == Nesting.MAP ? " " + GoText.quote(nb.labels().get(i)) : "";
                boolean creatingSensitive = d.action() == PlanAction.CREATE && nb.afterSensitive();
                boolean deletingSensitive = d.action() == PlanAction.DELETE && nb.beforeSensitive();
                boolean modifyingSensitive = (d.action() == PlanAction.UPDATE || d.action() == PlanAction.NO_OP)
                        && (nb.afterSensitive() || nb.beforeSensitive());
                if (creatingSensitive || deletingSensitive || modifyingSensitive) {
                    PlanAction action = d.action();
                    if (action == PlanAction.NO_OP && nb.beforeSensitive() != nb.afterSensitive()) {
                        action = PlanAction.UPDATE;
                    }
                    d = new Diff(new CollectionRenderers.SensitiveBlockRenderer(d, nb.beforeSensitive(), nb.afterSensitive()),
                            action, d.replace());
                }
                if (d.action() == PlanAction.NO_OP && !opts.showUnchangedChildren()) {
                    unchangedBlocks[0]++;
                    continue;
                }
                if (!found[0] && !attributes.isEmpty()) {
                    buf.append('\n');
                    found[0] = true;
                }
                Diff.RenderOpts blockOpts = opts.forcesReplacementOverride(nb.replace());
                for (String w : d.warnings(indent + 1, blockOpts)) {
                    buf.append(indent(indent + 1)).append(w).append('\n');
                }
                buf.append(indent(indent + 1)).append(symbol(d.action(), blockOpts)).append(GoText.attributeName(key))
                        .append(label).append(' ').append(d.render(indent + 1, blockOpts)).append('\n');
            }
        }
        if (unchangedBlocks[0] > 0) {
            buf.append('\n').append(indent(indent + 1)).append(symbol(PlanAction.NO_OP, opts))
                    .append(unchanged("block", unchangedBlocks[0], opts)).append('\n');
        }
        buf.append(indent(indent)).append(symbol(PlanAction.NO_OP, opts)).append('}');
        return buf.toString();
    }
}
