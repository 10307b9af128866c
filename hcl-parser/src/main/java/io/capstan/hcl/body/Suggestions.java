package io.capstan.hcl.body;

import java.util.Collection;

/** "Did you mean ...?" suggestions, as HCL makes them: the closest name within edit distance 2. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The option closest to {@code given} if its Levenshtein distance is below 3, else null. */
    public static String nameSuggestion(String given, Collection<String> options) {
        for (String o : options) {
            if (levenshtein(given, o) < 3) {
                return o;
            }
        }
        return null;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
