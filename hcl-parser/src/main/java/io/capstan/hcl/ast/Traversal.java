package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.List;

/**
 * A static path: an absolute traversal starts with {@link TraverseRoot} ({@code var.a[0]}),
 * a relative one does not. The unit of reference analysis.
 */
public record Traversal(List<Traverser> steps) {
    public Traversal {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("empty traversal");
        }
    }

    public boolean isAbsolute() {
        return steps.get(0) instanceof TraverseRoot;
    }

    /** The root variable name of an absolute traversal, else null. */
    public String rootName() {
        return steps.get(0) instanceof TraverseRoot r ? r.name() : null;
    }

    public SourceRange range() {
        return SourceRange.between(steps.get(0).range(), steps.get(steps.size() - 1).range());
    }

    /** This traversal with more steps appended. */
    public Traversal with(List<Traverser> more) {
        // One array and one immutable copy of it (the constructor keeps an immutable list as is).
        Traverser[] all = new Traverser[steps.size() + more.size()];
        int i = 0;
        for (Traverser t : steps) {
            all[i++] = t;
        }
        for (Traverser t : more) {
            all[i++] = t;
        }
        return new Traversal(List.of(all));
    }

    /** Terraform-style rendering, e.g. {@code var.a[0]["k"]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Traverser t : steps) {
            if (t instanceof TraverseRoot r) {
                sb.append(r.name());
            } else if (t instanceof TraverseAttr a) {
                sb.append('.').append(a.name());
            } else if (t instanceof TraverseIndex i) {
                sb.append('[').append(i.key()).append(']');
            }
        }
        return sb.toString();
    }
}
