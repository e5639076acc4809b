// The .mg model language. Newlines are whitespace: every statement starts with a keyword or `name =`.
// docs/language.md describes each construct; mgc.compiler.front.AstBuilder turns this tree into the AST.
grammar Mg;

program : modelDecl? statement* EOF ;

modelDecl : MODEL ID ;

statement
    : CONST ID '=' expr                                         # constStmt
    | kind=(INPUT | TARGET | PARAM) declItem (',' declItem)*    # declStmt
    | FN ID '(' (fnParam (',' fnParam)*)? ')' '=' expr          # fnStmt
    | OUTPUT ID (',' ID)*                                       # outputStmt
    | LOSS '=' expr                                             # lossStmt
    | PENALTY '=' expr                                          # penaltyStmt
    | TRAIN '{' trainEntry* '}'                                 # trainStmt
    | ID '=' expr                                               # assignStmt
    ;

declItem : ID shape? init? ;

shape : '[' expr (',' expr)* ']' ;

init
    : '=' expr                                                  # fillInit
    | '~' ID ('(' (expr (',' expr)*)? ')')?                     # sampleInit
    ;

fnParam : ID shape? ;

// Train values are kept as source text; the runtime parses them.
trainEntry : ID '=' trainValue ;
trainValue : trainTerm (TO trainTerm)? ;
trainTerm
    : ID '(' (trainArg (',' trainArg)*)? ')'
    | ID
    | ('-' | '+')? NUMBER
    | STRING
    | '[' (trainValue (',' trainValue)*)? ']'
    ;
trainArg : (ID '=')? trainValue ;

// Alternatives listed first bind tighter: indexing, then ^ (right-associative, so -x^2 = -(x^2)),
// unary sign, * / @, + -, comparisons (accepted here, allowed only as where's condition by the checker).
expr
    : expr '[' expr (',' expr)* ']'                             # indexExpr
    | <assoc=right> expr '^' expr                               # powExpr
    | op=('-' | '+') expr                                       # unaryExpr
    | expr op=('*' | '/' | '@') expr                            # mulExpr
    | expr op=('+' | '-') expr                                  # addExpr
    | expr op=('<' | '<=' | '>' | '>=' | '==' | '!=') expr      # compareExpr
    | ID '(' (expr (',' expr)*)? ')'                            # callExpr
    | ID                                                        # nameExpr
    | NUMBER                                                    # numberExpr
    | '(' expr ')'                                              # parenExpr
    | '[' expr (',' expr)* ']'                                  # tensorExpr
    ;

MODEL   : 'model' ;
CONST   : 'const' ;
INPUT   : 'input' ;
TARGET  : 'target' ;
PARAM   : 'param' ;
FN      : 'fn' ;
OUTPUT  : 'output' ;
LOSS    : 'loss' ;
PENALTY : 'penalty' ;
TRAIN   : 'train' ;
TO      : 'to' ;

NUMBER  : DIGITS ('.' DIGITS?)? EXPONENT? | '.' DIGITS EXPONENT? ;
STRING  : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
ID      : [a-zA-Z_] [a-zA-Z_0-9]* ;

COMMENT : ('#' | '//') ~[\r\n]* -> skip ;
WS      : [ \t\r\n\f]+ -> skip ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;
