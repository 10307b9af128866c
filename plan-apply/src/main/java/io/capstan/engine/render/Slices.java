package io.capstan.engine.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Pairs up the elements of two lists the way Terraform's list diffs do: a longest common
 * subsequence marks unchanged elements, the rest are deletions then insertions, except that
 * two objects at the same position are diffed against each other.
 */
final class Slices {
    interface Indices {
        void process(int beforeIx, int afterIx);
    }

    private Slices() {
    }

    static <T> List<T> lcs(List<T> xs, List<T> ys) {
        if (xs.isEmpty() || ys.isEmpty()) {
            return new ArrayList<>();
        }
        int w = xs.size();
        int[] c = new int[xs.size() * ys.size()];
        boolean[] eqs = new boolean[xs.size() * ys.size()];
        for (int y = 0; y < ys.size(); y++) {
            for (int x = 0; x < xs.size(); x++) {
                boolean eq = Objects.equals(xs.get(x), ys.get(y));
                eqs[w * y + x] = eq;
                if (eq) {
                    c[w * y + x] = x > 0 && y > 0 ? c[w * (y - 1) + (x - 1)] + 1 : 1;
                } else {
                    int l = x > 0 ? c[w * y + (x - 1)] : 0;
                    int u = y > 0 ? c[w * (y - 1) + x] : 0;
                    c[w * y + x] = Math.max(l, u);
                }
            }
        }
        int n = c[c.length - 1];
        List<T> ret = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ret.add(null);
        }
        int x = xs.size() - 1;
        int y = ys.size() - 1;
        int i = n - 1;
        while (x > -1 && y > -1) {
            if (eqs[w * y + x]) {
                ret.set(i, xs.get(x));
                x--;
                y--;
                i--;
            } else {
                int l = x > 0 ? c[w * y + (x - 1)] : -1;
                int u = y > 0 ? c[w * (y - 1) + x] : -1;
                if (l > u) {
                    x--;
                } else {
                    y--;
                }
            }
        }
        return ret;
    }

    static <T> void process(List<T> before, List<T> after, Indices process, Predicate<T> isObj) {
        List<T> lcs = lcs(before, after);
        int bi = 0;
        int ai = 0;
        int li = 0;
        while (bi < before.size() || ai < after.size() || li < lcs.size()) {
            while (bi < before.size() && (li >= lcs.size() || !Objects.equals(before.get(bi), lcs.get(li)))) {
                boolean objectDiff = isObj.test(before.get(bi)) && ai < after.size() && isObj.test(after.get(ai))
                        && (li >= lcs.size() || !Objects.equals(after.get(ai), lcs.get(li)));
                if (objectDiff) {
                    process.process(bi, ai);
                    bi++;
                    ai++;
                    continue;
                }
                process.process(bi, after.size());
                bi++;
            }
            while (ai < after.size() && (li >= lcs.size() || !Objects.equals(after.get(ai), lcs.get(li)))) {
                process.process(before.size(), ai);
                ai++;
            }
            if (li < lcs.size()) {
                process.process(bi, ai);
                bi++;
                ai++;
                li++;
            }
        }
    }
}
