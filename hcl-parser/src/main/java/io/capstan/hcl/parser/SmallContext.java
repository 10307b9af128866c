package io.capstan.hcl.parser;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

import java.util.ArrayList;

/**
 * Base class of the generated parse-tree contexts (grammar option {@code contextSuperClass}).
 * ANTLR's default child list starts at capacity 10, yet almost every context has one to
 * three children; on a 10 MB file those oversized arrays were the largest single source of
 * garbage. Starting small keeps the parse tree (built and discarded per attribute) cheap.
 */
public class SmallContext extends ParserRuleContext {
    public SmallContext() {
    }

    public SmallContext(ParserRuleContext parent, int invokingStateNumber) {
        super(parent, invokingStateNumber);
    }

    @Override
    public <T extends ParseTree> T addAnyChild(T t) {
        if (children == null) {
            children = new ArrayList<>(3);
        }
        children.add(t);
        return t;
    }
}
