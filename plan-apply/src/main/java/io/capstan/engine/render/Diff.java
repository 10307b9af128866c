package io.capstan.engine.render;

import java.util.List;

/**
 * A computed diff (Terraform's {@code computed.Diff}): how to render one value's change, its
 * action, and whether it forces replacement.
 */
record Diff(DiffRenderer renderer, PlanAction action, boolean replace) {

    String render(int indent, RenderOpts opts) {
        return renderer.render(this, indent, opts);
    }

    List<String> warnings(int indent, RenderOpts opts) {
        return renderer.warnings(this, indent, opts);
    }

    /** Rendering options threaded down the tree (Terraform's {@code RenderHumanOpts}). */
    record RenderOpts(Colorize colorize, boolean overrideNullSuffix, boolean overrideForcesReplacement,
                      boolean showUnchangedChildren, boolean hideDiffActionSymbols) {
        static RenderOpts of(Colorize c) {
            return new RenderOpts(c, false, false, false, false);
        }

        RenderOpts nullSuffixOverride(boolean v) {
            return new RenderOpts(colorize, v, overrideForcesReplacement, showUnchangedChildren, hideDiffActionSymbols);
        }

        RenderOpts forcesReplacementOverride(boolean v) {
            return new RenderOpts(colorize, overrideNullSuffix, v, showUnchangedChildren, hideDiffActionSymbols);
        }

        RenderOpts showUnchanged(boolean v) {
            return new RenderOpts(colorize, overrideNullSuffix, overrideForcesReplacement, v, hideDiffActionSymbols);
        }

        String color(String s) {
            return colorize.color(s);
        }
    }

    /** One way of rendering a diff: primitives, collections, blocks, sensitive and unknown values. */
    interface DiffRenderer {
        String render(Diff diff, int indent, RenderOpts opts);

        default List<String> warnings(Diff diff, int indent, RenderOpts opts) {
            return List.of();
        }
    }

    // ---- helpers shared by the renderers (Terraform's renderers/util.go) ----

    static String indent(int n) {
        return "    ".repeat(n);
    }

    static String symbol(PlanAction action, RenderOpts opts) {
        if (opts.hideDiffActionSymbols()) {
            return "";
        }
        return opts.color(action.symbol()) + " ";
    }

    static String forcesReplacement(boolean replace, RenderOpts opts) {
        if (replace || opts.overrideForcesReplacement()) {
            return opts.color(" [red]# forces replacement[reset]");
        }
        return "";
    }

    static String nullSuffix(PlanAction action, RenderOpts opts) {
        if (!opts.overrideNullSuffix() && action == PlanAction.DELETE) {
            return opts.color(" [dark_gray]-> null[reset]");
        }
        return "";
    }

    static String unchanged(String keyword, int count, RenderOpts opts) {
        if (count == 1) {
            return opts.color("[dark_gray]# (" + count + " unchanged " + keyword + " hidden)[reset]");
        }
        return opts.color("[dark_gray]# (" + count + " unchanged " + keyword + "s hidden)[reset]");
    }

    static boolean importantAttribute(String key) {
        return key.equals("id") || key.equals("name") || key.equals("tags");
    }

    static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }
}
