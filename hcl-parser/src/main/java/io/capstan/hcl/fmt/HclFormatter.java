package io.capstan.hcl.fmt;

import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import java.util.List;
import java.util.Objects;

/**
 * Formats HCL native-syntax source exactly as {@code terraform fmt} does: the source is
 * lexed once, checked for syntax errors (a file that does not parse is returned unchanged
 * with the errors, because re-laying-out broken input could mangle it), given Terraform's
 * clean-ups ({@link TerraformRewrites}) and then laid out ({@link LineLayout}).
 */
public final class HclFormatter {
    private HclFormatter() {
    }

    /**
     * Formats one file.
     *
     * @param source   the file's text
     * @param filename the name used in diagnostics
     * @return the formatted text, or the source unchanged plus error diagnostics when the
     *         file is not syntactically valid
     */
    public static Result<String> format(String source, String filename) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(filename, "filename");
        // A byte-order mark opening the file is skipped by HCL's scanner and not written back.
        String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
        List<FmtToken> tokens = FmtLexer.lex(text);
        Diagnostics diags = SyntaxCheck.check(tokens, text, filename);
        if (diags.hasErrors()) {
            return new Result<>(source, diags);
        }
        List<FmtToken> cleaned = TerraformRewrites.apply(tokens);
        return new Result<>(LineLayout.format(cleaned), diags);
    }
}
