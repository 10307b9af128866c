package io.capstan.hcl.parser;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;

import java.util.ArrayList;
import java.util.List;

/**
 * The lexer's tokens minus the hidden channel (comments, insignificant newlines), for
 * an unbuffered token stream: a whole-file parse then keeps only the tokens of the item
 * being parsed alive instead of buffering millions of tokens.
 */
final class DefaultChannelSource implements TokenSource {
    private final HclLexer lexer;
    private final List<Token> quotedNewlines = new ArrayList<>();

    DefaultChannelSource(HclLexer lexer) {
        this.lexer = lexer;
    }

    @Override
    public Token nextToken() {
        while (true) {
            Token t = lexer.nextToken();
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                if (t.getType() == HclLexer.QUOTED_NEWLINE) {
                    quotedNewlines.add(t);
                }
                return t;
            }
        }
    }

    /**
     * Every raw newline inside a quoted string lexed so far. HCL reports each of these
     * ("Invalid multi-line string") from the token stream before any parse error, whether
     * or not the parser reaches the token (recovery may skip it).
     */
    List<Token> quotedNewlines() {
        return quotedNewlines;
    }

    @Override
    public int getLine() {
        return lexer.getLine();
    }

    @Override
    public int getCharPositionInLine() {
        return lexer.getCharPositionInLine();
    }

    @Override
    public CharStream getInputStream() {
        return lexer.getInputStream();
    }

    @Override
    public String getSourceName() {
        return lexer.getSourceName();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        lexer.setTokenFactory(factory);
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return lexer.getTokenFactory();
    }
}
