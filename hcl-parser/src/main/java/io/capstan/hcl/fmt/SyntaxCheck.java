package io.capstan.hcl.fmt;

import io.capstan.hcl.diag.Diagnostics;
import java.util.List;

/** Placeholder replaced below. */
final class SyntaxCheck {
    private SyntaxCheck() {
    }

    static Diagnostics check(List<FmtToken> tokens, String source, String filename) {
        return new Diagnostics();
    }
}
