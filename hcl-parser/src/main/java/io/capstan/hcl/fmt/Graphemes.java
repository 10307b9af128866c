package io.capstan.hcl.fmt;

import java.text.BreakIterator;

/** Counts user-perceived characters (grapheme clusters), used for column alignment. */
final class Graphemes {
    private Graphemes() {
    }

    static int count(String s) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(s);
        int n = 0;
        while (it.next() != BreakIterator.DONE) {
            n++;
        }
        return n;
    }
}
