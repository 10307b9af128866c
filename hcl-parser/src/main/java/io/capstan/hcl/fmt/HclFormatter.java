package io.capstan.hcl.fmt;

import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.parser.HclParser;
import java.nio.charset.StandardCharsets;
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
        // Terraform's fmt refuses a file that hclsyntax cannot parse; so does this, with the
        // same parser (and diagnostics) that the rest of Capstan uses.
        Diagnostics diags = HclParser.parseConfig(text.getBytes(StandardCharsets.UTF_8), filename).diagnostics();
        if (diags.hasErrors()) {
            return new Result<>(source, diags);
        }
        List<FmtToken> tokens = FmtLexer.lex(text);
        List<FmtToken> cleaned = TerraformRewrites.apply(tokens);
        return new Result<>(LineLayout.format(cleaned), diags);
    }

    /**
     * Lays out HCL source as hclwrite's {@code Format} does: spacing, indentation and aligned
     * {@code =} signs only, without {@code terraform fmt}'s clean-ups or a syntax check (what
     * terraform does to configuration it generates itself).
     */
    public static String layout(String source) {
        return LineLayout.format(FmtLexer.lex(Objects.requireNonNull(source, "source")));
    }
}
