/*
 * Parser grammar for HCL native-syntax expressions and templates (hclsyntax_spec.md).
 *
 * The body structure (attributes, blocks, one-line blocks) is line-oriented and needs
 * HCL's per-item error recovery, so it is driven by hand in BodyParser, which calls the
 * `expression` rule here for every attribute value. Operator precedence follows the spec:
 * unary > * / % > + - > comparison > equality > && > || > ?: (all binary left-assoc).
 */
parser grammar HclGrammar;

options { tokenVocab = HclLexer; contextSuperClass = SmallContext; }

expressionOnly : NEWLINE* expression NEWLINE* EOF ;
templateOnly   : templatePart* EOF ;

expression
    : operation (QUESTION expression COLON expression)?
    ;

// Unary operators and the postfix chain are folded into this rule (rather than separate
// unary/postfix rules) to keep the parse tree shallow: three contexts per operand.
operation
    : op=(MINUS | BANG) operation                            # unaryOperation
    | term postfixOp*                                        # primaryOperation
    | operation op=(STAR | SLASH | PERCENT) operation        # binaryOperation
    | operation op=(PLUS | MINUS) operation                  # binaryOperation
    | operation op=(LT | LE | GT | GE) operation             # binaryOperation
    | operation op=(EQEQ | NEQ) operation                    # binaryOperation
    | operation op=AND operation                             # binaryOperation
    | operation op=OR operation                              # binaryOperation
    ;

postfixOp
    : DOT IDENT                    # attrOp
    | DOT NUMBER                   # legacyIndexOp
    | DOT STAR                     # attrSplatOp
    | LBRACK STAR RBRACK           # fullSplatOp
    | LBRACK expression RBRACK     # indexOp
    ;

term
    : NUMBER                       # numberTerm
    | functionCall                 # callTerm
    | IDENT                        # variableTerm
    | LPAREN expression RPAREN     # parenTerm
    | LBRACK (expression (COMMA expression)* COMMA?)? RBRACK  # tupleTerm
    | object                       # objectTerm
    | forTuple                     # forTupleTerm
    | forObject                    # forObjectTerm
    | OQUOTE templatePart* CQUOTE  # quotedTemplateTerm
    | HEREDOC_START templatePart* HEREDOC_END  # heredocTerm
    ;

functionCall
    : IDENT (DCOLON IDENT)* LPAREN (expression (COMMA expression)* (COMMA | ELLIPSIS COMMA?)?)? RPAREN
    ;

object     : LBRACE NEWLINE* (objectItem (objectSep objectItem)* objectSep?)? RBRACE ;
objectSep  : (COMMA | NEWLINE) NEWLINE* ;
objectItem : expression (EQUAL | COLON) expression ;

forTuple   : LBRACK FOR forIntro COLON expression forCond? RBRACK ;
forObject  : LBRACE FOR forIntro COLON expression ARROW expression ELLIPSIS? forCond? RBRACE ;
// "for" key "," value "in" collection; "in" is an identifier checked by the AST builder
forIntro   : IDENT (COMMA IDENT)? IDENT expression ;
// "if" condition
forCond    : IDENT expression ;

templatePart
    : (QUOTED_LIT | HEREDOC_LIT | HEREDOC_NL)                      # literalPart
    | TEMPLATE_INTERP expression TEMPLATE_SEQ_END                  # interpolationPart
    | TEMPLATE_DIRECTIVE IF expression TEMPLATE_SEQ_END
        templateParts
      (TEMPLATE_DIRECTIVE ELSE TEMPLATE_SEQ_END templateParts)?
      TEMPLATE_DIRECTIVE ENDIF TEMPLATE_SEQ_END                    # ifPart
    | TEMPLATE_DIRECTIVE FOR IDENT (COMMA IDENT)? IDENT expression TEMPLATE_SEQ_END
        templateParts
      TEMPLATE_DIRECTIVE ENDFOR TEMPLATE_SEQ_END                   # forPart
    ;

templateParts : templatePart* ;
