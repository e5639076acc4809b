package mgc.compiler.front;

import java.util.List;

/**
 * Expressions of the AST. {@link AstBuilder} creates them with a null {@link #shape()} (and null
 * resolved references); {@link Checker} returns a copy of every expression with its shape and
 * references filled in, and only such checked expressions are reachable from a {@link CheckedModel}.
 */
public sealed interface Expr {

    Pos pos();

    Shape shape();

    /** A number literal. */
    record Num(Pos pos, double value, Shape shape) implements Expr {}

    /** A name; {@code symbol} is what it refers to after checking. */
    record Name(Pos pos, String id, Symbol symbol, Shape shape) implements Expr {}

    /** Unary minus (a unary plus is dropped by the builder). */
    record Neg(Pos pos, Expr operand, Shape shape) implements Expr {}

    enum BinOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), POW("^"), MATMUL("@");

        public final String symbol;

        BinOp(String symbol) { this.symbol = symbol; }
    }

    /** Elementwise arithmetic with scalar broadcasting, or {@code @}. */
    record Binary(Pos pos, BinOp op, Expr left, Expr right, Shape shape) implements Expr {}

    enum CmpOp {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        public final String symbol;

        CmpOp(String symbol) { this.symbol = symbol; }
    }

    /** A comparison: only the condition of {@code where} may be one. Its value is 1 or 0 per element. */
    record Compare(Pos pos, CmpOp op, Expr left, Expr right, Shape shape) implements Expr {}

    /** A call of a built-in or of a user {@code fn}; {@code callee} is null before checking. */
    record Call(Pos pos, String name, List<Expr> args, Callee callee, Shape shape) implements Expr {
        public Call { args = List.copyOf(args); }

        /** The span of the function's name. */
        public Pos namePos() { return new Pos(pos.line(), pos.column(), name.length()); }
    }

    /**
     * {@code x[i]}, {@code W[i, j]} or the row {@code W[i]}: indices are constant expressions;
     * {@code resolved} holds their values after checking.
     */
    record Index(Pos pos, Expr target, List<Expr> indices, List<Integer> resolved, Shape shape) implements Expr {
        public Index {
            indices = List.copyOf(indices);
            resolved = resolved == null ? null : List.copyOf(resolved);
        }
    }

    /** A tensor literal {@code [a, b, c]}; elements have one shape and the literal adds a dimension. */
    record Tensor(Pos pos, List<Expr> elements, Shape shape) implements Expr {
        public Tensor { elements = List.copyOf(elements); }
    }
}
