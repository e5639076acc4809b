package mgc.compiler.front;

/** What a call expression calls: a built-in or a user {@code fn}. */
public sealed interface Callee permits Builtin, Stmt.Fn {
}
