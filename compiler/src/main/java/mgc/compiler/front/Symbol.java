package mgc.compiler.front;

/** What a name in an expression refers to once resolved. */
public sealed interface Symbol permits Stmt.Const, Stmt.Decl, Stmt.Assign, Stmt.FnParam {
    String name();

    Pos pos();

    /** Shape of the value the name stands for (null only for a declaration whose shape had errors). */
    Shape shape();
}
