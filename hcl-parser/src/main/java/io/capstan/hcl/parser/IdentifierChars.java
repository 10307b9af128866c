package io.capstan.hcl.parser;

import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Whether a character may start or continue an HCL identifier, for {@link HclLexer}'s non-ASCII
 * characters (its grammar spells out the ASCII ones). The sets are those of
 * {@code HclIdentifierChars.g4} ({@code [\p{ID_Start}_]} and {@code [\p{ID_Continue}\-]}), read from
 * its ATN on first use: a configuration in ASCII never deserialises them.
 */
final class IdentifierChars {
    private IdentifierChars() {
    }

    /** Whether {@code c} may start an identifier. */
    static boolean start(int c) {
        return Sets.START.contains(c);
    }

    /** Whether {@code c} may continue an identifier. */
    static boolean part(int c) {
        return Sets.CONT.contains(c);
    }

    /** Loaded on the first non-ASCII character in an identifier position. */
    private static final class Sets {
        static final IntervalSet START = rule(HclIdentifierChars.ID_START);
        static final IntervalSet CONT = rule(HclIdentifierChars.ID_CONT);

        /** Every character a transition of the lexer rule of this token type matches. */
        private static IntervalSet rule(int tokenType) {
            ATN atn = HclIdentifierChars._ATN;
            int rule = atn.ruleToTokenType.length;
            for (int r = 0; r < atn.ruleToTokenType.length; r++) {
                if (atn.ruleToTokenType[r] == tokenType) {
                    rule = r;
                }
            }
            IntervalSet chars = null;
            for (ATNState s : atn.states) {
                if (s != null && s.ruleIndex == rule) {
                    for (Transition t : s.getTransitions()) {
                        IntervalSet label = t.label();
                        if (label != null) {
                            chars = chars == null ? label : chars.or(label);
                        }
                    }
                }
            }
            if (chars == null) {
                throw new IllegalStateException("HclIdentifierChars has no rule for token type " + tokenType);
            }
            return chars;
        }
    }
}
