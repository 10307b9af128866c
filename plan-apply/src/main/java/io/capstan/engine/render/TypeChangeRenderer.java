package io.capstan.engine.render;

/** A value whose type changed: the old value deleted {@code ->} the new value created. */
record TypeChangeRenderer(Diff before, Diff after) implements Diff.DiffRenderer {
    @Override
    public String render(Diff diff, int indent, Diff.RenderOpts opts) {
        Diff.RenderOpts o = opts.nullSuffixOverride(true);
        return before.render(indent, o) + " " + o.color("[yellow]->[reset]") + " " + after.render(indent, o);
    }
}
