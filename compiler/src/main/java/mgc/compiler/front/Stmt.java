package mgc.compiler.front;

import java.util.List;
import mgc.runtime.Initializer;

/** Top-level statements of a model, in source order. Positions point at the declared name. */
public sealed interface Stmt {

    Pos pos();

    /** {@code model name}. */
    record Model(Pos pos, String name) implements Stmt {}

    /** {@code const N = expr}; {@code value} is the folded constant after checking. */
    record Const(Pos pos, String name, Expr expr, double value) implements Stmt, Symbol {
        @Override public Shape shape() { return Shape.SCALAR; }
    }

    enum Kind {
        INPUT, TARGET, PARAM;

        public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** {@code input x[2]}, {@code target y}, {@code param W[16, 2] ~ uniform(-1, 1)}. */
    record Decl(Pos pos, Kind kind, String name, List<Expr> dims, Init init, Shape shape, Initializer initializer)
            implements Stmt, Symbol {
        public Decl { dims = List.copyOf(dims); }
    }

    /**
     * An initialiser as written: {@code = value} ({@code distribution} null) or
     * {@code ~ distribution(args)} ({@code value} null).
     */
    record Init(Pos pos, Expr value, String distribution, Pos distributionPos, List<Expr> args) {
        public Init { args = args == null ? List.of() : List.copyOf(args); }
    }

    /** {@code fn name(a[n], b) = body}; {@code shape} is the body's, after checking. */
    record Fn(Pos pos, String name, List<FnParam> params, Expr body, Shape shape) implements Stmt, Callee {
        public Fn { params = List.copyOf(params); }
    }

    /** A parameter of a {@code fn}: a scalar, or a tensor of the declared shape. */
    record FnParam(Pos pos, String name, List<Expr> dims, Shape shape) implements Symbol {
        public FnParam { dims = List.copyOf(dims); }
    }

    /** {@code name = expr}. */
    record Assign(Pos pos, String name, Expr value) implements Stmt, Symbol {
        @Override public Shape shape() { return value.shape(); }
    }

    /** {@code output name} (a statement naming several tensors becomes one Output each). */
    record Output(Pos pos, String name, Symbol symbol) implements Stmt {}

    /** {@code loss = expr}: per example, a scalar. */
    record Loss(Pos pos, Expr value) implements Stmt {}

    /** {@code penalty = expr}: of the parameters alone, a scalar. */
    record Penalty(Pos pos, Expr value) implements Stmt {}

    /** {@code train { key = value ... }}: values kept as trimmed source text. */
    record Train(Pos pos, List<TrainEntry> entries) implements Stmt {
        public Train { entries = List.copyOf(entries); }
    }

    /** {@code key = value}: {@code pos} is the key's, {@code valuePos} the value's. */
    record TrainEntry(Pos pos, String key, String value, Pos valuePos) {}
}
