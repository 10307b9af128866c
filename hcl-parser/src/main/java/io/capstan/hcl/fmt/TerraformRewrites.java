package io.capstan.hcl.fmt;

import java.util.ArrayList;
import java.util.List;

/**
 * The Terraform-specific clean-ups {@code terraform fmt} makes before laying out a file:
 * block labels are rewritten in quoted form (dropping comments between them), an attribute
 * value that is only one interpolation {@code "${x}"} becomes {@code x}, and in top-level
 * {@code variable} blocks the legacy type spellings ({@code "string"}, {@code list}, ...)
 * become type expressions. Walks the body structure of the token list once, copying it.
 * The input must already be syntactically valid; on anything unexpected the rest of the
 * file is copied unchanged.
 */
final class TerraformRewrites {
    private final List<FmtToken> in;
    private final List<FmtToken> out;
    private int pos;

    private TerraformRewrites(List<FmtToken> in) {
        this.in = in;
        this.out = new ArrayList<>(in.size());
    }

    static List<FmtToken> apply(List<FmtToken> tokens) {
        TerraformRewrites r = new TerraformRewrites(tokens);
        r.body(List.of(), false);
        r.copyTo(tokens.size());
        return r.out;
    }

    private FmtKind kindAt(int i) {
        return i < in.size() ? in.get(i).kind : FmtKind.NIL;
    }

    private void copyTo(int end) {
        while (pos < end) {
            out.add(in.get(pos++));
        }
    }

    /** Index of the first token at or after i that is not a comment. */
    private int skipComments(int i) {
        while (i < in.size() && in.get(i).kind == FmtKind.COMMENT && !in.get(i).isLineComment()) {
            i++;
        }
        return i;
    }

    private void body(List<String> inBlocks, boolean nested) {
        while (pos < in.size()) {
            FmtToken t = in.get(pos);
            if (t.kind == FmtKind.NEWLINE || t.kind == FmtKind.COMMENT) {
                out.add(t);
                pos++;
                continue;
            }
            if (nested && t.kind == FmtKind.CBRACE) {
                return;
            }
            if (t.kind != FmtKind.IDENT) {
                pos = giveUp();
                return;
            }
            int next = skipComments(pos + 1);
            if (kindAt(next) == FmtKind.EQUAL) {
                copyTo(next + 1);
                attribute(t.text(), inBlocks, nested);
            } else if (!block(inBlocks)) {
                pos = giveUp();
                return;
            }
        }
    }

    private int giveUp() {
        copyTo(in.size());
        return in.size();
    }

    private void attribute(String name, List<String> inBlocks, boolean nested) {
        int depth = 0;
        int end = pos;
        while (end < in.size()) {
            FmtToken t = in.get(end);
            if (depth == 0 && (t.endsLine() || (nested && t.kind == FmtKind.CBRACE))) {
                break;
            }
            depth += t.kind.bracketChange();
            end++;
        }
        int exprStart = skipComments(pos);
        int exprEnd = end;
        while (exprEnd > exprStart && in.get(exprEnd - 1).kind == FmtKind.COMMENT) {
            exprEnd--;
        }
        copyTo(exprStart);
        List<FmtToken> expr = in.subList(exprStart, exprEnd);
        List<FmtToken> cleaned = inBlocks.size() == 1 && inBlocks.get(0).equals("variable") && name.equals("type")
                ? typeExpr(expr) : valueExpr(expr);
        out.addAll(cleaned);
        pos = exprEnd;
        copyTo(end);
    }

    /** Returns false when the tokens do not form a block header. */
    private boolean block(List<String> inBlocks) {
        FmtToken type = in.get(pos);
        out.add(type);
        pos++;
        List<String> labels = new ArrayList<>();
        int i = pos;
        int labelsEnd = -1;
        while (true) {
            i = skipComments(i);
            FmtKind k = kindAt(i);
            if (k == FmtKind.OBRACE) {
                break;
            } else if (k == FmtKind.IDENT) {
                labels.add(in.get(i).text());
                labelsEnd = ++i;
            } else if (k == FmtKind.OQUOTE) {
                StringBuilder lit = new StringBuilder();
                i++;
                while (kindAt(i) == FmtKind.QUOTED_LIT) {
                    lit.append(in.get(i++).text());
                }
                if (kindAt(i) != FmtKind.CQUOTE) {
                    return false;
                }
                labelsEnd = ++i;
                String value = Labels.decodeSingleLiteral(lit.toString());
                if (value != null) {
                    labels.add(value);
                }
            } else {
                return false;
            }
        }
        if (labelsEnd >= 0) {
            for (String label : labels) {
                out.add(FmtToken.synthetic(FmtKind.OQUOTE, "\""));
                String escaped = Labels.escape(label);
                if (!escaped.isEmpty()) {
                    out.add(FmtToken.synthetic(FmtKind.QUOTED_LIT, escaped));
                }
                out.add(FmtToken.synthetic(FmtKind.CQUOTE, "\""));
            }
            pos = labelsEnd;
        }
        copyTo(i + 1); // up to and including '{'
        List<String> inner = new ArrayList<>(inBlocks);
        inner.add(type.text());
        body(inner, true);
        if (kindAt(pos) == FmtKind.CBRACE) {
            copyTo(pos + 1);
        }
        return true;
    }

    /** Unwraps {@code "${expr}"} to {@code expr}, as Terraform 0.12+ prefers. */
    static List<FmtToken> valueExpr(List<FmtToken> tokens) {
        int n = tokens.size();
        if (n < 5) {
            return tokens;
        }
        if (tokens.get(0).kind != FmtKind.OQUOTE || tokens.get(1).kind != FmtKind.TEMPLATE_INTERP
                || tokens.get(n - 2).kind != FmtKind.TEMPLATE_SEQ_END || tokens.get(n - 1).kind != FmtKind.CQUOTE) {
            return tokens;
        }
        List<FmtToken> inside = tokens.subList(2, n - 2);
        int quotes = 0;
        for (FmtToken t : inside) {
            if (t.kind == FmtKind.OQUOTE) {
                quotes++;
                continue;
            }
            if (t.kind == FmtKind.CQUOTE) {
                quotes--;
                continue;
            }
            if (quotes > 0) {
                continue;
            }
            if (t.kind == FmtKind.TEMPLATE_INTERP || t.kind == FmtKind.TEMPLATE_SEQ_END
                    || t.kind == FmtKind.QUOTED_LIT) {
                return tokens;
            }
        }
        int s = 0;
        int e = inside.size();
        while (s < e && inside.get(s).kind == FmtKind.NEWLINE) {
            s++;
        }
        while (e > s && inside.get(e - 1).kind == FmtKind.NEWLINE) {
            e--;
        }
        List<FmtToken> trimmed = inside.subList(s, e);
        boolean multiLine = false;
        boolean leadingParen = false;
        boolean trailingParen = false;
        for (int i = 0; i < trimmed.size(); i++) {
            FmtKind k = trimmed.get(i).kind;
            if (i == 0 && k == FmtKind.OPAREN) {
                leadingParen = true;
            } else if (k == FmtKind.NEWLINE) {
                multiLine = true;
            } else if (i == trimmed.size() - 1 && k == FmtKind.CPAREN) {
                trailingParen = true;
            }
        }
        if (multiLine && !(leadingParen && trailingParen)) {
            List<FmtToken> wrapped = new ArrayList<>(trimmed.size() + 2);
            wrapped.add(FmtToken.synthetic(FmtKind.OPAREN, "("));
            wrapped.addAll(trimmed);
            wrapped.add(FmtToken.synthetic(FmtKind.CPAREN, ")"));
            return wrapped;
        }
        return trimmed;
    }

    /** Rewrites pre-0.12 type spellings in a variable's {@code type} attribute. */
    static List<FmtToken> typeExpr(List<FmtToken> tokens) {
        if (tokens.size() == 1) {
            FmtToken kw = tokens.get(0);
            if (kw.kind != FmtKind.IDENT) {
                return tokens;
            }
            switch (kw.text()) {
                case "list": case "map": case "set":
                    return List.of(kw, FmtToken.synthetic(FmtKind.OPAREN, "("),
                            FmtToken.synthetic(FmtKind.IDENT, "any"), FmtToken.synthetic(FmtKind.CPAREN, ")"));
                default:
                    return tokens;
            }
        }
        if (tokens.size() == 3) {
            if (tokens.get(0).kind != FmtKind.OQUOTE || tokens.get(1).kind != FmtKind.QUOTED_LIT
                    || tokens.get(2).kind != FmtKind.CQUOTE) {
                return tokens;
            }
            switch (tokens.get(1).text()) {
                case "string":
                    return List.of(FmtToken.synthetic(FmtKind.IDENT, "string"));
                case "list": case "map":
                    return List.of(FmtToken.synthetic(FmtKind.IDENT, tokens.get(1).text()),
                            FmtToken.synthetic(FmtKind.OPAREN, "("),
                            FmtToken.synthetic(FmtKind.IDENT, "string"), FmtToken.synthetic(FmtKind.CPAREN, ")"));
                default:
                    return tokens;
            }
        }
        return tokens;
    }
}
