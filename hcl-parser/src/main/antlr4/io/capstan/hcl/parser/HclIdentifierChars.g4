/*
 * The Unicode letters of HCL identifiers (UAX #31's ID_Start and ID_Continue, as ANTLR's tool
 * knows them), for HclLexer's non-ASCII identifier characters: IdentifierChars reads the two sets
 * from this grammar's ATN the first time a non-ASCII character can start or continue an
 * identifier. HclLexer itself spells out only the ASCII ones: deserialising these sets (some
 * 1,500 intervals, added one by one) was about 10 ms of every run's start-up.
 */
lexer grammar HclIdentifierChars;

ID_START : [\p{ID_Start}_] ;
ID_CONT  : [\p{ID_Continue}\-] ;
