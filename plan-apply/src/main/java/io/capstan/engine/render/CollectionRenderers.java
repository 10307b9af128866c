package io.capstan.engine.render;

import static io.capstan.engine.render.Diff.forcesReplacement;
import static io.capstan.engine.render.Diff.importantAttribute;
import static io.capstan.engine.render.Diff.indent;
import static io.capstan.engine.render.Diff.nullSuffix;
import static io.capstan.engine.render.Diff.pad;
import static io.capstan.engine.render.Diff.symbol;
import static io.capstan.engine.render.Diff.unchanged;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renderers for objects, lists, sets and maps, and for the wrappers around other diffs
 * (sensitive values, unknown values, type changes), each laid out as Terraform lays it out.
 */
final class CollectionRenderers {
    private CollectionRenderers() {
    }

    /** Objects: {@code Object} (attribute-typed, null suffix off) and {@code NestedObject}. */
    record ObjectRenderer(Map<String, Diff> attributes, boolean overrideNullSuffix) implements Diff.DiffRenderer {
        @Override
        public String render(Diff diff, int indent, Diff.RenderOpts opts) {
            if (attributes.isEmpty()) {
                return "{}" + nullSuffix(diff.action(), opts) + forcesReplacement(diff.replace(), opts);
            }
            Diff.RenderOpts attrOpts = opts.nullSuffixOverride(overrideNullSuffix);
            Map<String, Diff> sorted = new TreeMap<>(attributes);
            int max = 0;
            for (String k : sorted.keySet()) {
                max = Math.max(max, GoText.attributeName(k).length());
            }
            int unchangedCount = 0;
            List<String> elements = new ArrayList<>();
            for (Map.Entry<String, Diff> e : sorted.entrySet()) {
                Diff attr = e.getValue();
                String name = pad(GoText.attributeName(e.getKey()), max);
                if (importantAttribute(e.getKey())) {
                    Diff.RenderOpts io = attrOpts.showUnchanged(true);
                    for (String w : attr.warnings(indent + 1, io)) {
                        elements.add(indent(indent + 1) + w);
                    }
                    elements.add(indent(indent + 1) + symbol(attr.action(), io) + name + " = " + attr.render(indent + 1, io));
                    continue;
                }
                if (attr.action() == PlanAction.NO_OP && !opts.showUnchangedChildren()) {
                    unchangedCount++;
                    continue;
                }
                for (String w : attr.warnings(indent + 1, opts)) {
                    elements.add(indent(indent + 1) + w);
                }
                elements.add(indent(indent + 1) + symbol(attr.action(), attrOpts) + name + " = "
                        + attr.render(indent + 1, attrOpts));
            }
            if (unchangedCount > 0) {
                elements.add(indent(indent + 1) + symbol(PlanAction.NO_OP, opts) + unchanged("attribute", unchangedCount, opts));
            }
            return "{" + forcesReplacement(diff.replace(), opts) + "\n" + String.join("\n", elements) + "\n"
                    + indent(indent) + symbol(PlanAction.NO_OP, opts) + "}" + nullSuffix(diff.action(), opts);
        }
    }

    /** Lists: {@code List} shows one unchanged neighbour either side of a change for context. */
    record ListRenderer(List<Diff> elements, boolean displayContext) implements Diff.DiffRenderer {
        @Override
        public String render(Diff diff, int indent, Diff.RenderOpts opts) {
            if (elements.isEmpty()) {
                return "[]" + nullSuffix(diff.action(), opts) + forcesReplacement(diff.replace(), opts);
            }
            Diff.RenderOpts elementOpts = opts.nullSuffixOverride(true);
            Diff.RenderOpts unchangedOpts = opts.showUnchanged(true);
            List<Diff> unchangedElements = new ArrayList<>();
            boolean renderNext = false;
            StringBuilder buf = new StringBuilder("[" + forcesReplacement(diff.replace(), opts) + "\n");
            for (Diff element : elements) {
                if (element.action() == PlanAction.NO_OP && !renderNext && !opts.showUnchangedChildren()) {
                    unchangedElements.add(element);
                    continue;
                }
                renderNext = false;
                Diff.RenderOpts o = elementOpts;
                if (displayContext) {
                    if (unchangedElements.size() > 1) {
                        buf.append(indent(indent + 1)).append(symbol(PlanAction.NO_OP, o))
                                .append(unchanged("element", unchangedElements.size() - 1, o)).append('\n');
                    }
                    if (!unchangedElements.isEmpty()) {
                        Diff last = unchangedElements.get(unchangedElements.size() - 1);
                        buf.append(indent(indent + 1)).append(symbol(last.action(), unchangedOpts))
                                .append(last.render(indent + 1, unchangedOpts)).append(",\n");
                    }
                    unchangedElements = new ArrayList<>();
                    if (element.action() == PlanAction.NO_OP) {
                        o = unchangedOpts;
                    } else {
                        renderNext = true;
                    }
                }
                for (String w : element.warnings(indent + 1, o)) {
                    buf.append(indent(indent + 1)).append(w).append('\n');
                }
                buf.append(indent(indent + 1)).append(symbol(element.action(), o)).append(element.render(indent + 1, o))
                        .append(",\n");
            }
            if (!unchangedElements.isEmpty()) {
                buf.append(indent(indent + 1)).append(symbol(PlanAction.NO_OP, opts))
                        .append(unchanged("element", unchangedElements.size(), opts)).append('\n');
            }
            buf.append(indent(indent)).append(symbol(PlanAction.NO_OP, opts)).append(']').append(nullSuffix(diff.action(), opts));
            return buf.toString();
        }
    }

    record SetRenderer(List<Diff> elements, boolean overrideForcesReplacement) implements Diff.DiffRenderer {
        @Override
        public String render(Diff diff, int indent, Diff.RenderOpts opts) {
            boolean self = diff.replace() && !overrideForcesReplacement;
            boolean children = diff.replace() && overrideForcesReplacement;
            if (elements.isEmpty()) {
                return "[]" + nullSuffix(diff.action(), opts) + forcesReplacement(self, opts);
            }
            Diff.RenderOpts elementOpts = opts.nullSuffixOverride(true).forcesReplacementOverride(children);
            int unchangedCount = 0;
            StringBuilder buf = new StringBuilder("[" + forcesReplacement(self, opts) + "\n");
            for (Diff element : elements) {
                if (element.action() == PlanAction.NO_OP && !opts.showUnchangedChildren()) {
                    unchangedCount++;
                    continue;
                }
                for (String w : element.warnings(indent + 1, opts)) {
                    buf.append(indent(indent + 1)).append(w).append('\n');
                }
                buf.append(indent(indent + 1)).append(symbol(element.action(), elementOpts))
                        .append(element.render(indent + 1, elementOpts)).append(",\n");
            }
            if (unchangedCount > 0) {
                buf.append(indent(indent + 1)).append(symbol(PlanAction.NO_OP, opts))
                        .append(unchanged("element", unchangedCount, opts)).append('\n');
            }
            buf.append(indent(indent)).append(symbol(PlanAction.NO_OP, opts)).append(']').append(nullSuffix(diff.action(), opts));
            return buf.toString();
        }
    }

    record MapRenderer(Map<String, Diff> elements, boolean overrideNullSuffix, boolean overrideForcesReplacement)
            implements Diff.DiffRenderer {
        @Override
        public String render(Diff diff, int indent, Diff.RenderOpts opts) {
            boolean self = diff.replace() && !overrideForcesReplacement;
            boolean children = diff.replace() && overrideForcesReplacement;
            if (elements.isEmpty()) {
                return "{}" + nullSuffix(diff.action(), opts) + forcesReplacement(self, opts);
            }
            Map<String, Diff> sorted = new TreeMap<>(elements);
            int max = 0;
            for (String k : sorted.keySet()) {
                max = Math.max(max, GoText.quote(k).length());
            }
            Diff.RenderOpts elementOpts = opts.nullSuffixOverride(diff.action() == PlanAction.DELETE || overrideNullSuffix)
                    .forcesReplacementOverride(children);
            int unchangedCount = 0;
            StringBuilder buf = new StringBuilder("{" + forcesReplacement(self, opts) + "\n");
            for (Map.Entry<String, Diff> e : sorted.entrySet()) {
                Diff element = e.getValue();
                if (element.action() == PlanAction.NO_OP && !opts.showUnchangedChildren()) {
                    unchangedCount++;
                    continue;
                }
                for (String w : element.warnings(indent + 1, opts)) {
                    buf.append(indent(indent + 1)).append(w).append('\n');
                }
                String comma = element.renderer() instanceof ObjectRenderer ? "," : "";
                buf.append(indent(indent + 1)).append(symbol(element.action(), elementOpts))
                        .append(pad(GoText.quote(e.getKey()), max)).append(" = ")
                        .append(element.render(indent + 1, elementOpts)).append(comma).append('\n');
            }
            if (unchangedCount > 0) {
                buf.append(indent(indent + 1)).append(symbol(PlanAction.NO_OP, opts))
                        .append(unchanged("element", unchangedCount, opts)).append('\n');
            }
            buf.append(indent(indent)).append(symbol(PlanAction.NO_OP, opts)).append('}').append(nullSuffix(diff.action(), opts));
            return buf.toString();
        }
    }

    record SensitiveRenderer(Diff inner, boolean beforeSensitive, boolean afterSensitive) implements Diff.DiffRenderer {
        @Override
        public String render(Diff diff, int indent, Diff.RenderOpts opts) {
            return "(sensitive value)" + nullSuffix(diff.action(), opts) + forcesReplacement(diff.replace(), opts);
        }

        @Override
        public List<String> warnings(Diff diff, int indent, Diff.RenderOpts opts) {
            if (beforeSensitive == afterSensitive || inner.action() == PlanAction.CREATE
                    || inner.action() == PlanAction.DELETE) {
                return List.of();
            }
            String warning;
            if (beforeSensitive) {
                warning = opts.color("  # [yellow]Warning[reset]: this attribute value will no longer be marked as sensitive\n"
                        + indent(indent) + "  # after applying this change.");
            } else {
                warning = opts.color("  # [yellow]Warning[reset]: this attribute value will be marked as sensitive and will not\n"
                        + indent(indent) + "  # display in UI output after applying this change.");
            }
            if (inner.action() == PlanAction.NO_OP) {
                return List.of(warning + " The value is unchanged.");
            }
            return List.of(warning);
        }
    }

    record SensitiveBlockRenderer(Diff inner, boolean beforeSensitive, boolean afterSensitive) implements Diff.DiffRenderer {
        @Override
        public String render(Diff diff, int indent, Diff.RenderOpts opts) {
            String prefix = indent(indent) + symbol(PlanAction.NO_OP, opts);
            return "{" + forcesReplacement(diff.replace(), opts) + "\n" + prefix
                    + "  # At least one attribute in this block is (or was) sensitive,\n" + prefix
                    + "  # so its contents will not be displayed.\n" + prefix + "}";
        }
    }

    /** {@code (known after apply)}, after the old value when there was one. */
    record UnknownRenderer(Diff before) implements Diff.DiffRenderer {
        @Override
        public String render(Diff diff, int indent, Diff.RenderOpts opts) {
            if (diff.action() == PlanAction.CREATE) {
                return "(known after apply)" + forcesReplacement(diff.replace(), opts);
            }
            return before.render(indent, opts.nullSuffixOverride(true)) + " -> (known after apply)"
                    + forcesReplacement(diff.replace(), opts);
        }
    }
}
