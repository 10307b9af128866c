/*
 * Lexer for the HCL native syntax (hclsyntax_spec.md).
 *
 * Every character of the input is covered by a token except runs of spaces/tabs (skipped):
 * comments, newlines, heredoc bodies and template literal parts are real tokens, so a
 * formatter can rebuild the file from the token stream plus the skipped gaps.
 *
 * Newline significance is decided here, not in the parser: a bracket stack records what
 * encloses the current position; inside (...), [...], ${...}, %{...} and a {for ...}
 * object-for, NEWLINE tokens go to the HIDDEN channel, while at body level and inside
 * object constructors / block bodies they stay on the default channel.
 *
 * Quoted strings and heredocs are lexed in their own modes; an interpolation pushes the
 * default mode back and the matching '}' pops it.
 */
lexer grammar HclLexer;

tokens { TEMPLATE_SEQ_END, TEMPLATE_INTERP, TEMPLATE_DIRECTIVE, FOR, IF, ELSE, ENDIF, ENDFOR }

@members {
    private static final int K_PAREN = 1, K_BRACK = 2, K_BRACE = 3, K_BRACE_FOR = 4, K_INTERP = 5;
    private int[] brackets = new int[32];
    private int depth;
    private String[] markers = new String[4];
    private int markerDepth;
    private int heredocLineStart = -1;
    private int lastType = -1;

    /** Deeper bracket nesting than this is refused (the recursive parser would overflow). */
    public static final int MAX_NESTING = 256;
    private int tooDeepIndex = -1;
    private int tooDeepLine;
    private int tooDeepColumn;

    /** Char index of the first bracket nested deeper than {@link #MAX_NESTING}, or -1. */
    public int tooDeepIndex() {
        return tooDeepIndex;
    }

    public int tooDeepLine() {
        return tooDeepLine;
    }

    public int tooDeepColumn() {
        return tooDeepColumn;
    }

    /** Starts lexing in template mode (a bare template such as a templatefile() body). */
    public void startInTemplate() {
        pushMode(HEREDOC);
        heredocLineStart = -2;
    }

    private void push(int kind) {
        if (depth == brackets.length) {
            brackets = java.util.Arrays.copyOf(brackets, depth * 2);
        }
        brackets[depth++] = kind;
        if (depth > MAX_NESTING && tooDeepIndex < 0) {
            tooDeepIndex = _tokenStartCharIndex;
            tooDeepLine = _tokenStartLine;
            tooDeepColumn = _tokenStartCharPositionInLine;
        }
    }

    /** Pops the innermost bracket of the given kind (and anything unclosed inside it). */
    private int pop(int kind, int altKind) {
        for (int i = depth - 1; i >= 0; i--) {
            int k = brackets[i];
            if (k == kind || k == altKind) {
                depth = i;
                return k;
            }
            if (k == K_INTERP) {
                break; // never close across a template boundary
            }
        }
        return 0;
    }

    private void openBrace() {
        push(followedByFor() ? K_BRACE_FOR : K_BRACE);
    }

    private void closeBrace(boolean strip) {
        if (depth > 0 && brackets[depth - 1] == K_INTERP) {
            depth--;
            setType(TEMPLATE_SEQ_END);
            popMode();
            return;
        }
        if (strip) {
            setType(INVALID);
            return;
        }
        pop(K_BRACE, K_BRACE_FOR);
    }

    private void openInterp() {
        push(K_INTERP);
        pushMode(DEFAULT_MODE);
    }

    private void newline() {
        if (depth > 0) {
            int k = brackets[depth - 1];
            if (k != K_BRACE) {
                setChannel(HIDDEN);
            }
        }
    }

    /** Looks past spaces, newlines and comments after '{' for the keyword "for". */
    private boolean followedByFor() {
        int i = 1;
        while (true) {
            int c = _input.LA(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (c == '#' || (c == '/' && _input.LA(i + 1) == '/')) {
                while (c != '\n' && c != CharStream.EOF) {
                    c = _input.LA(++i);
                }
            } else if (c == '/' && _input.LA(i + 1) == '*') {
                i += 2;
                while (true) {
                    c = _input.LA(i);
                    if (c == CharStream.EOF) {
                        return false;
                    }
                    if (c == '*' && _input.LA(i + 1) == '/') {
                        i += 2;
                        break;
                    }
                    i++;
                }
            } else {
                break;
            }
        }
        if (_input.LA(i) != 'f' || _input.LA(i + 1) != 'o' || _input.LA(i + 2) != 'r') {
            return false;
        }
        int after = _input.LA(i + 3);
        return !(after == '-' || after == '_' || Character.isUnicodeIdentifierPart(after) && after > ' ');
    }

    private void beginHeredoc() {
        String text = getText();
        int start = text.charAt(2) == '-' ? 3 : 2;
        int end = text.length() - 1;
        if (text.charAt(end - 1) == '\r') {
            end--;
        }
        if (markerDepth == markers.length) {
            markers = java.util.Arrays.copyOf(markers, markerDepth * 2);
        }
        markers[markerDepth++] = text.substring(start, end);
        heredocLineStart = _input.index();
        pushMode(HEREDOC);
    }

    private boolean isHeredocEnd() {
        if (markerDepth == 0 || _tokenStartCharIndex != heredocLineStart) {
            return false;
        }
        int la = _input.LA(1);
        if (la != '\n' && la != '\r' && la != CharStream.EOF) {
            return false;
        }
        String text = _input.getText(org.antlr.v4.runtime.misc.Interval.of(_tokenStartCharIndex, _input.index() - 1));
        int s = 0;
        while (s < text.length() && (text.charAt(s) == ' ' || text.charAt(s) == '\t')) {
            s++;
        }
        return text.substring(s).equals(markers[markerDepth - 1]);
    }

    private void endHeredoc() {
        markerDepth--;
        popMode();
    }

    /** Template directive keywords and the "for" of for-expressions get their own types. */
    @Override
    public Token nextToken() {
        Token t = super.nextToken();
        if (tooDeepIndex >= 0 && t.getType() != EOF) {
            // Stop here: the rest of the input is not parsed (one diagnostic, no stack overflow).
            _input.seek(_input.size());
            _modeStack.clear();
            _mode = DEFAULT_MODE;
            return super.nextToken();
        }
        if (t.getChannel() != Token.DEFAULT_CHANNEL) {
            return t;
        }
        int type = t.getType();
        if (type == IDENT) {
            if (lastType == TEMPLATE_DIRECTIVE) {
                switch (t.getText()) {
                    case "if": type = IF; break;
                    case "else": type = ELSE; break;
                    case "endif": type = ENDIF; break;
                    case "for": type = FOR; break;
                    case "endfor": type = ENDFOR; break;
                    default: break;
                }
            } else if ((lastType == LBRACK || lastType == LBRACE) && t.getStopIndex() - t.getStartIndex() == 2
                    && _input.index() == t.getStopIndex() + 1
                    && _input.LA(-3) == 'f' && _input.LA(-2) == 'o' && _input.LA(-1) == 'r') {
                type = FOR;
            }
            if (type != IDENT) {
                ((WritableToken) t).setType(type);
            }
        }
        lastType = type;
        return t;
    }

    @Override
    public void reset() {
        super.reset();
        depth = 0;
        markerDepth = 0;
        heredocLineStart = -1;
        lastType = -1;
        tooDeepIndex = -1;
    }
}

// ---- default mode: expressions and structure ----

HEREDOC_START : '<<' '-'? ID_START ID_CONT* '\r'? '\n' { beginHeredoc(); } ;

NUMBER        : DIGIT+ ('.' DIGIT+)? ([eE] [+-]? DIGIT+)? ;
IDENT         : ID_START ID_CONT* ;

LBRACE        : '{' { openBrace(); } ;
RBRACE        : '}' { closeBrace(false); } ;
STRIP_RBRACE  : '~}' { closeBrace(true); } ;
LPAREN        : '(' { push(K_PAREN); } ;
RPAREN        : ')' { pop(K_PAREN, K_PAREN); } ;
LBRACK        : '[' { push(K_BRACK); } ;
RBRACK        : ']' { pop(K_BRACK, K_BRACK); } ;

ELLIPSIS      : '...' ;
DOT           : '.' ;
COMMA         : ',' ;
QUESTION      : '?' ;
DCOLON        : '::' ;
COLON         : ':' ;
ARROW         : '=>' ;
EQEQ          : '==' ;
NEQ           : '!=' ;
EQUAL         : '=' ;
LE            : '<=' ;
GE            : '>=' ;
LT            : '<' ;
GT            : '>' ;
AND           : '&&' ;
OR            : '||' ;
BANG          : '!' ;
PLUS          : '+' ;
MINUS         : '-' ;
STAR          : '*' ;
SLASH         : '/' ;
PERCENT       : '%' ;

OQUOTE        : '"' -> pushMode(TEMPLATE) ;

NEWLINE       : '\r'? '\n' { newline(); } ;
WS            : [ \t]+ -> skip ;
LINE_COMMENT  : ('#' | '//') ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF ;

INVALID       : . ;

fragment DIGIT    : [0-9] ;
// [\p{ID_Start}_] and [\p{ID_Continue}\-], with the non-ASCII part of each set looked up by
// IdentifierChars (from HclIdentifierChars.g4) only when such a character is met: written out here,
// the two sets' 1,500 intervals were added one by one in this class's static initialiser, ~10 ms of
// every run's start-up. The predicate sees the character just matched (LA(-1)); characters above
// 127 are never cached in the lexer's DFA, so it costs ASCII input nothing.
fragment ID_START : [a-zA-Z_] | [\u0080-\u{10FFFF}] { IdentifierChars.start(_input.LA(-1)) }? ;
fragment ID_CONT  : [a-zA-Z0-9_\-] | [\u0080-\u{10FFFF}] { IdentifierChars.part(_input.LA(-1)) }? ;

// ---- quoted template: "..." ----
mode TEMPLATE;

CQUOTE         : '"' -> popMode ;
T_INTERP       : '${' '~'? { openInterp(); } -> type(TEMPLATE_INTERP) ;
T_DIRECTIVE    : '%{' '~'? { openInterp(); } -> type(TEMPLATE_DIRECTIVE) ;
QUOTED_LIT     : ( ~[$%"\\\r\n]
                 | '\\' ~[\r\n]
                 | '$${'
                 | '%%{'
                 )+ ;
// A '$' or '%' that does not start a template sequence is literal text of its own token
// (longest match prefers '${', '$${' and friends). Written without a lookahead predicate
// because the lexer cannot cache DFA edges through predicates: every '$' inside a string
// used to cost a full ATN simulation.
QUOTED_MARK    : ( '$' | '%' ) -> type(QUOTED_LIT) ;
// A raw newline ends the quoted string (reported as "Invalid multi-line string"), so
// that the lines after it are lexed normally instead of as string content.
QUOTED_NEWLINE : '\r'? '\n' { popMode(); } ;
T_INVALID      : . -> type(INVALID) ;

// ---- heredoc body: <<EOT ... EOT ----
mode HEREDOC;

HEREDOC_END    : [ \t]* ID_START ID_CONT* { isHeredocEnd() }? { endHeredoc(); } ;
H_INTERP       : '${' '~'? { openInterp(); } -> type(TEMPLATE_INTERP) ;
H_DIRECTIVE    : '%{' '~'? { openInterp(); } -> type(TEMPLATE_DIRECTIVE) ;
HEREDOC_LIT    : ( ~[$%\r\n]
                 | '$${'
                 | '%%{'
                 | '$' { _input.LA(1) != '{' }?
                 | '%' { _input.LA(1) != '{' }?
                 )+ ;
HEREDOC_NL     : '\r'? '\n' { heredocLineStart = _input.index(); } ;
H_INVALID      : . -> type(INVALID) ;
