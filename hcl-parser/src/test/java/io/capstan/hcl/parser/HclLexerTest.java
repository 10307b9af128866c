package io.capstan.hcl.parser;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The token stream a formatter builds on: full coverage, comments and newlines as tokens. */
class HclLexerTest {

    private static List<Token> lex(String src) {
        HclLexer lx = new HclLexer(CharStreams.fromString(src));
        lx.removeErrorListeners();
        List<Token> out = new ArrayList<>();
        for (Token t = lx.nextToken(); t.getType() != Token.EOF; t = lx.nextToken()) {
            out.add(t);
        }
        return out;
    }

    private static String names(String src, boolean withHidden) {
        StringBuilder sb = new StringBuilder();
        for (Token t : lex(src)) {
            if (!withHidden && t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(HclLexer.VOCABULARY.getSymbolicName(t.getType()));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a = 1\n",
            "resource \"x\" \"y\" {\n  # c\n  a = \"${b} %{ if c ~}d%{ endif }\" // e\n  /* f\n */ g = [1,\n 2]\n}\n",
            "h = <<-EOT\n  x ${y}\n  $${z} %%{w}\n  EOT\n",
            "bad = 'x' ~ \\ \"unterminated\nnext = 1\r\n",
            "u = \"\\u00e9 ñ 👩‍👩‍👧\" # ünïcödé\n",
            "c = /* never closed",
    })
    void everyCharacterIsCoveredByATokenOrSkippedBlanks(String src) {
        int pos = 0; // token indexes count code points
        for (Token t : lex(src)) {
            int start = src.offsetByCodePoints(0, t.getStartIndex());
            int end = src.offsetByCodePoints(0, t.getStopIndex() + 1);
            // the gap before a token may only be spaces/tabs (the one skipped rule)
            assertThat(src.substring(pos, start)).matches("[ \\t]*");
            assertThat(t.getText()).isEqualTo(src.substring(start, end));
            pos = end;
        }
        assertThat(src.substring(pos)).matches("[ \\t]*");
    }

    @Test
    void commentsAndInsignificantNewlinesAreHiddenTokens() {
        assertThat(names("a = [ # c\n 1 ]\n", true))
                .isEqualTo("IDENT EQUAL LBRACK LINE_COMMENT NEWLINE NUMBER RBRACK NEWLINE");
        assertThat(names("a = [ # c\n 1 ]\n", false)).isEqualTo("IDENT EQUAL LBRACK NUMBER RBRACK NEWLINE");
    }

    @Test
    void newlinesSeparateObjectItemsButNotForExpressionParts() {
        assertThat(names("{\na = 1\n}", false)).isEqualTo("LBRACE NEWLINE IDENT EQUAL NUMBER NEWLINE RBRACE");
        assertThat(names("{\nfor k, v in m :\nk => v\n}", false))
                .isEqualTo("LBRACE FOR IDENT COMMA IDENT IDENT IDENT COLON IDENT ARROW IDENT RBRACE");
        assertThat(names("(a\n+ b)", false)).isEqualTo("LPAREN IDENT PLUS IDENT RPAREN");
        assertThat(names("\"${a\n}\"", false)).isEqualTo("OQUOTE TEMPLATE_INTERP IDENT TEMPLATE_SEQ_END CQUOTE");
    }

    @Test
    void templateDirectiveKeywordsAndStripMarkers() {
        List<Token> ts = lex("\"%{~ for x in y ~}${x}%{ endfor }\"");
        assertThat(names("\"%{~ for x in y ~}${x}%{ endfor }\"", false)).isEqualTo(
                "OQUOTE TEMPLATE_DIRECTIVE FOR IDENT IDENT IDENT TEMPLATE_SEQ_END TEMPLATE_INTERP IDENT TEMPLATE_SEQ_END "
                        + "TEMPLATE_DIRECTIVE ENDFOR TEMPLATE_SEQ_END CQUOTE");
        assertThat(ts.get(1).getText()).isEqualTo("%{~");
        assertThat(ts.get(6).getText()).isEqualTo("~}");
        assertThat(names("if = 1", false)).isEqualTo("IDENT EQUAL NUMBER");
    }

    @Test
    void heredocEndsOnlyAtItsOwnMarkerAloneOnALine() {
        assertThat(names("<<EOT\nEOTX\n  NOT EOT\nEOT\n", false))
                .isEqualTo("HEREDOC_START HEREDOC_LIT HEREDOC_NL HEREDOC_LIT HEREDOC_NL HEREDOC_END NEWLINE");
        assertThat(names("<<A\n${<<B\nx\nB\n}\nA\n", false)).isEqualTo(
                "HEREDOC_START TEMPLATE_INTERP HEREDOC_START HEREDOC_LIT HEREDOC_NL HEREDOC_END TEMPLATE_SEQ_END "
                        + "HEREDOC_NL HEREDOC_END NEWLINE");
    }

    @Test
    void unicodeIdentifiersWithDashes() {
        List<Token> ts = lex("été-2_x = 1");
        assertThat(ts.get(0).getType()).isEqualTo(HclLexer.IDENT);
        assertThat(ts.get(0).getText()).isEqualTo("été-2_x");
    }

    /** Identifier text and token names of each default-channel token, for the non-ASCII cases below. */
    private static String tokens(String src) {
        StringBuilder sb = new StringBuilder();
        for (Token t : lex(src)) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                sb.append(sb.length() == 0 ? "" : " ").append(HclLexer.VOCABULARY.getSymbolicName(t.getType()))
                        .append(t.getType() == HclLexer.IDENT || t.getType() == HclLexer.INVALID ? "(" + t.getText() + ")" : "");
            }
        }
        return sb.toString();
    }

    @Test
    void nonAsciiIdentifierCharactersFollowUnicodeIdStartAndIdContinue() {
        // letters of any script start and continue an identifier; a letter number (Roman twelve) too
        assertThat(tokens("中文 = 1\n")).isEqualTo("IDENT(中文) EQUAL NUMBER NEWLINE");
        assertThat(tokens("Ⅻ = 1\n")).isEqualTo("IDENT(Ⅻ) EQUAL NUMBER NEWLINE");
        assertThat(tokens("ªº = 1\n")).isEqualTo("IDENT(ªº) EQUAL NUMBER NEWLINE");
        // a combining mark and a non-ASCII digit continue an identifier but cannot start one
        assertThat(tokens("a\u0301b٣ = 1\n")).isEqualTo("IDENT(a\u0301b٣) EQUAL NUMBER NEWLINE");
        assertThat(tokens("\u0301a = 1\n")).isEqualTo("INVALID(\u0301) IDENT(a) EQUAL NUMBER NEWLINE");
        assertThat(tokens("٣a = 1\n")).isEqualTo("INVALID(٣) IDENT(a) EQUAL NUMBER NEWLINE");
        // symbols, emoji, a no-break space and an unassigned code point are no identifier characters
        assertThat(tokens("a€b = 1\n")).isEqualTo("IDENT(a) INVALID(€) IDENT(b) EQUAL NUMBER NEWLINE");
        assertThat(tokens("x😀 = 1\n")).isEqualTo("IDENT(x) INVALID(😀) EQUAL NUMBER NEWLINE");
        assertThat(tokens("x\u00a0= 1\n")).isEqualTo("IDENT(x) INVALID(\u00a0) EQUAL NUMBER NEWLINE");
        assertThat(tokens("x\uDB80\uDC00 = 1\n")).isEqualTo("IDENT(x) INVALID(\uDB80\uDC00) EQUAL NUMBER NEWLINE");
        // the same sets end a heredoc and follow a traversal dot
        assertThat(names("x = <<ÉOF\nline\nÉOF\n", false))
                .isEqualTo("IDENT EQUAL HEREDOC_START HEREDOC_LIT HEREDOC_NL HEREDOC_END NEWLINE");
        assertThat(tokens("x = a.été\n")).isEqualTo("IDENT(x) EQUAL IDENT(a) DOT IDENT(été) NEWLINE");
    }

    @Test
    void identifierSetsAreUnicodesIdStartAndIdContinue() {
        // spot checks against the JDK's own Unicode tables, on characters assigned long ago
        for (int c : new int[] {'é', 'ß', 'Ж', 'Ω', 'ע', 'ب', 'क', '中', 'あ', '한', 'Ⅻ', 'ª'}) {
            assertThat(IdentifierChars.start(c)).as(Integer.toHexString(c)).isTrue()
                    .isEqualTo(Character.isUnicodeIdentifierStart(c));
            assertThat(IdentifierChars.part(c)).as(Integer.toHexString(c)).isTrue();
        }
        for (int c : new int[] {0x0301, 0x0663, 0x203F, 0x00B7}) {
            assertThat(IdentifierChars.start(c)).as(Integer.toHexString(c)).isFalse();
            assertThat(IdentifierChars.part(c)).as(Integer.toHexString(c)).isTrue();
        }
        for (int c : new int[] {0x20AC, 0x1F600, 0x00A0, 0x00D7, 0x2028, 0xFFFF, 0xE0000}) {
            assertThat(IdentifierChars.start(c)).as(Integer.toHexString(c)).isFalse();
            assertThat(IdentifierChars.part(c)).as(Integer.toHexString(c)).isFalse();
        }
        // ASCII: HclLexer spells these out itself; the sets agree ('_' starts, '-' continues)
        assertThat(IdentifierChars.start('_')).isTrue();
        assertThat(IdentifierChars.start('-')).isFalse();
        assertThat(IdentifierChars.part('-')).isTrue();
    }
}
