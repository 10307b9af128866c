package io.capstan.hcl.parser;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * Token factory for whole-file parses, where hidden-channel tokens (comments, newlines
 * inside brackets) are dropped by {@link DefaultChannelSource} as soon as they are made:
 * those all share one scratch token instead of each allocating a new one. Visible tokens
 * are ordinary {@link CommonToken}s. Not for the formatter, which needs every token.
 */
final class HclTokenFactory implements TokenFactory<CommonToken> {
    private CommonToken scratch;

    @Override
    public CommonToken create(Pair<TokenSource, CharStream> source, int type, String text, int channel,
                              int start, int stop, int line, int charPositionInLine) {
        CommonToken t;
        if (channel != Token.DEFAULT_CHANNEL) {
            if (scratch == null) {
                scratch = new CommonToken(source, type, channel, start, stop);
            }
            t = scratch;
            t.setType(type);
            t.setChannel(channel);
            t.setStartIndex(start);
            t.setStopIndex(stop);
            t.setText(text);
        } else {
            t = new CommonToken(source, type, channel, start, stop);
            if (text != null) {
                t.setText(text);
            }
        }
        t.setLine(line);
        t.setCharPositionInLine(charPositionInLine);
        return t;
    }

    @Override
    public CommonToken create(int type, String text) {
        return new CommonToken(type, text);
    }
}
