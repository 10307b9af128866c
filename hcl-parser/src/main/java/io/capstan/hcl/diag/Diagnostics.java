package io.capstan.hcl.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** An ordered, append-only collection of diagnostics, used as an out-parameter or result part. */
public final class Diagnostics implements Iterable<Diagnostic> {
    private final List<Diagnostic> list = new ArrayList<>();

    public Diagnostics add(Diagnostic d) {
        list.add(d);
        return this;
    }

    public Diagnostics addAll(Iterable<Diagnostic> ds) {
        for (Diagnostic d : ds) {
            list.add(d);
        }
        return this;
    }

    /**
     * Replaces each diagnostic from index {@code from} on by {@code f} of it: the evaluator adds the
     * failing expression's value hints to diagnostics its sub-steps raised.
     */
    public Diagnostics replaceFrom(int from, java.util.function.UnaryOperator<Diagnostic> f) {
        for (int i = from; i < list.size(); i++) {
            list.set(i, f.apply(list.get(i)));
        }
        return this;
    }

    public boolean hasErrors() {
        for (Diagnostic d : list) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public List<Diagnostic> asList() {
        return Collections.unmodifiableList(list);
    }

    @Override
    public Iterator<Diagnostic> iterator() {
        return asList().iterator();
    }

    @Override
    public String toString() {
        return list.toString();
    }
}
