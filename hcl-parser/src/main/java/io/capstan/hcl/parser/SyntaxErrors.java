package io.capstan.hcl.parser;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.parser.HclGrammar.*;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Translates an ANTLR recognition failure inside an expression into the diagnostic HCL
 * would give for it ("Missing item separator", "Invalid expression", ...), pointing at
 * the offending token.
 */
final class SyntaxErrors {
    private SyntaxErrors() {
    }

    static final String INVALID_EXPRESSION_DETAIL =
            "Expected the start of an expression, but found an invalid expression token.";

    private static final String EXTRA_AFTER_INTERPOLATION = "Expected a closing brace to end the interpolation "
            + "expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for "
            + "another language, such as shell scripting, but forget to escape the interpolation start token. If this "
            + "is an embedded sequence for another language, escape it by starting with \"$${\" instead of just \"${\".";

    private static final String COLON_IN_INTERPOLATION = "Template interpolation doesn't expect a colon at this "
            + "location. Did you intend this to be a literal sequence to be processed as part of another language? If "
            + "so, you can escape it by starting with \"$${\" instead of just \"${\".";

    static Diagnostic describe(RecognitionException e, SourceMap map) {
        Token bad = e.getOffendingToken();
        SourceRange subject = map.range(bad);
        Diagnostic special = forToken(bad, subject);
        if (special != null) {
            return special;
        }
        Diagnostic stray = strayDirective(bad, subject);
        if (stray != null) {
            return stray;
        }
        IntervalSet expected = safeExpected(e);
        boolean eof = bad.getType() == Token.EOF;
        if (e.getCtx() instanceof InterpolationPartContext && e instanceof InputMismatchException && !eof) {
            // The interpolation's expression is complete but no "}" follows it.
            // As HCL, a colon gets its own hint: it usually is a shell "${VAR:-default}".
            return Diagnostic.error("Extra characters after interpolation expression",
                    bad.getType() == HclLexer.COLON ? COLON_IN_INTERPOLATION : EXTRA_AFTER_INTERPOLATION, subject);
        }
        for (RuleContext c = e.getCtx(); c != null; c = c.parent) {
            if (c instanceof QuotedTemplateTermContext || c instanceof HeredocTermContext) {
                if (eof || bad.getType() == HclLexer.HEREDOC_END) {
                    return Diagnostic.error("Unterminated template string", "No closing marker was found for the string.", subject);
                }
                break;
            }
            if (c instanceof IfPartContext || c instanceof ForPartContext) {
                if (eof || bad.getType() == HclLexer.CQUOTE || bad.getType() == HclLexer.HEREDOC_END) {
                    Token open = ((org.antlr.v4.runtime.ParserRuleContext) c).getStart();
                    String which = c instanceof IfPartContext ? "if" : "for";
                    return Diagnostic.error("Unexpected end of template",
                            "The " + which + " directive at " + map.range(open) + " is missing its corresponding end"
                                    + which + " directive.", subject);
                }
                ExpressionContext marker = c instanceof IfPartContext ip ? ip.expression() : ((ForPartContext) c).expression();
                if (c == e.getCtx() && marker != null && marker.getStop() != null
                        && bad.getTokenIndex() == marker.getStop().getTokenIndex() + 1) {
                    // The if condition / for collection is complete but no "}" follows it.
                    return Diagnostic.error("Extra characters in " + (c instanceof IfPartContext ? "if" : "for") + " marker",
                            "Expected a closing brace to end the sequence, but found extra characters.", subject);
                }
                if (c == e.getCtx()) {
                    return Diagnostic.error("Invalid template directive",
                            "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning of a %{ sequence.",
                            subject);
                }
                break;
            }
            if (c != e.getCtx()) {
                continue;
            }
            // as HCL, a missing separator's context runs from the construct's start to the bad token
            SourceRange context = SourceRange.between(map.range(((ParserRuleContext) c).getStart()), subject);
            if (c instanceof TupleTermContext) {
                return withContext(Diagnostic.error("Missing item separator",
                        "Expected a comma to mark the beginning of the next item.", subject), context);
            }
            if (c instanceof FunctionCallContext) {
                return withContext(Diagnostic.error("Missing argument separator",
                        "A comma is required to separate each function argument from the next.", subject), context);
            }
            if (c instanceof ObjectContext && eof) {
                // As HCL: after "{", "," or a newline the parser looks for the next key and
                // finds the end of the file; after a value it finds no closing brace.
                int prev = previousDefaultToken(e, bad);
                if (prev == HclLexer.LBRACE || prev == HclLexer.COMMA || prev == HclLexer.NEWLINE) {
                    return Diagnostic.error("Missing expression",
                            "Expected the start of an expression, but found the end of the file.", subject);
                }
                return Diagnostic.error("Unterminated object constructor expression",
                        "There is no corresponding closing brace before the end of the file. This may be caused "
                                + "by incorrect brace nesting elsewhere in this file.", subject);
            }
            if (c instanceof ObjectContext) {
                return withContext(Diagnostic.error("Missing attribute separator",
                        "Expected a newline or comma to mark the beginning of the next attribute.", subject), context);
            }
            if (c instanceof ObjectItemContext && c.parent instanceof ObjectContext o) {
                return withContext(Diagnostic.error("Missing key/value separator",
                        "Expected an equals sign (\"=\") to mark the beginning of the attribute value.", subject),
                        SourceRange.between(map.range(o.getStart()), subject));
            }
            if (c instanceof ParenTermContext) {
                return Diagnostic.error("Unbalanced parentheses",
                        "Expected a closing parenthesis to terminate the expression.", subject);
            }
            if (c instanceof IndexOpContext) {
                return Diagnostic.error("Missing close bracket on index",
                        "The index operator must end with a closing bracket (\"]\").", subject);
            }
            if (c instanceof AttrOpContext || c instanceof PostfixOpContext) {
                return Diagnostic.error("Invalid attribute name", "An attribute name is required after a dot.", subject);
            }
            if (c instanceof ForObjectContext && expected != null && expected.contains(HclLexer.ARROW)) {
                return Diagnostic.error("Invalid 'for' expression", "Key expression is required when building an object.", subject);
            }
            if (c instanceof ForTupleContext && bad.getType() == HclLexer.ARROW) {
                return Diagnostic.error("Invalid 'for' expression", "Key expression is not valid when building a tuple.", subject);
            }
            if (c instanceof ForTupleContext || c instanceof ForObjectContext || c instanceof ForIntroContext
                    || c instanceof ForCondContext) {
                return Diagnostic.error("Invalid 'for' expression", forDetail(bad, expected), subject);
            }
        }
        if (eof) {
            return Diagnostic.error("Missing expression", "Expected the start of an expression, but found the end of the file.", subject);
        }
        return Diagnostic.error("Invalid expression", INVALID_EXPRESSION_DETAIL, subject);
    }

    private static Diagnostic withContext(Diagnostic d, SourceRange context) {
        return new Diagnostic(d.severity(), d.summary(), d.detail(), d.subject(), context);
    }

    /** The type of the last default-channel token before {@code bad}, or -1. */
    private static int previousDefaultToken(RecognitionException e, Token bad) {
        if (!(e.getInputStream() instanceof org.antlr.v4.runtime.TokenStream ts)) {
            return -1;
        }
        for (int i = bad.getTokenIndex() - 1; i >= 0; i--) {
            Token t = ts.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t.getType();
            }
        }
        return -1;
    }

    /** An else/endif/endfor directive where none can be (HCL's template parser messages). */
    private static Diagnostic strayDirective(Token bad, SourceRange subject) {
        return switch (bad.getType()) {
            case HclLexer.ELSE -> Diagnostic.error("Unexpected else directive",
                    "An else clause is allowed only once, in an if directive.", subject);
            case HclLexer.ENDIF -> Diagnostic.error("Unexpected endif directive",
                    "An endif clause is allowed only in an if directive.", subject);
            case HclLexer.ENDFOR -> Diagnostic.error("Unexpected endfor directive",
                    "An endfor clause is allowed only in a for directive.", subject);
            default -> null;
        };
    }

    private static String forDetail(Token bad, IntervalSet expected) {
        if (expected != null && expected.contains(HclLexer.COLON)) {
            return "The 'for' expression's collection must be followed by a colon.";
        }
        if (expected != null && expected.contains(HclLexer.IDENT) && bad.getType() != HclLexer.IDENT) {
            return "For expression requires a variable name after 'for'.";
        }
        return "Extra characters after the end of the 'for' expression.";
    }

    private static IntervalSet safeExpected(RecognitionException e) {
        try {
            return e.getExpectedTokens();
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /** Tokens that are errors wherever they appear. */
    static Diagnostic forToken(Token bad, SourceRange subject) {
        switch (bad.getType()) {
            case HclLexer.INVALID:
                if ("'".equals(bad.getText())) {
                    return Diagnostic.error("Invalid character",
                            "Single quotes are not valid. Use double quotes (\") to enclose strings.", subject);
                }
                if ("~}".equals(bad.getText())) {
                    return Diagnostic.error("Invalid character",
                            "The \"~\" strip marker is only valid at the end of a template interpolation or directive.", subject);
                }
                return Diagnostic.error("Invalid character", "This character is not used within the language.", subject);
            case HclLexer.QUOTED_NEWLINE:
                return Diagnostic.error("Invalid multi-line string",
                        "Quoted strings may not be split over multiple lines. To produce a multi-line string, either use "
                                + "the \\n escape to represent a newline character or use the \"heredoc\" multi-line template syntax.",
                        subject);
            case HclLexer.UNTERMINATED_COMMENT:
                return Diagnostic.error("Unterminated comment",
                        "There is no closing \"*/\" for this comment before the end of the file.", subject);
            default:
                return null;
        }
    }
}
