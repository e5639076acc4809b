package mgc.compiler.front;

import java.util.List;

/**
 * The text form of a checked AST ({@code mgc emit --stage ast}): one node per line, children
 * indented by two spaces, every expression followed by {@code : shape}.
 */
public final class AstPrinter {

    private final StringBuilder sb = new StringBuilder();

    private AstPrinter() {}

    public static String print(CheckedModel model) {
        AstPrinter p = new AstPrinter();
        for (Stmt s : model.statements()) p.statement(s);
        return p.sb.toString();
    }

    /** A number as models write it: {@code 16}, {@code 0.1}, {@code 1.0E-4}. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    private void statement(Stmt s) {
        if (s instanceof Stmt.Model m) {
            line(0, "model " + m.name());
        } else if (s instanceof Stmt.Const c) {
            line(0, "const " + c.name() + " = " + number(c.value()));
        } else if (s instanceof Stmt.Decl d) {
            line(0, d.kind().word() + " " + d.name() + " : " + d.shape()
                    + (d.initializer() == null ? "" : " " + init(d.initializer())));
        } else if (s instanceof Stmt.Fn f) {
            StringBuilder head = new StringBuilder("fn " + f.name() + "(");
            List<Stmt.FnParam> ps = f.params();
            for (int i = 0; i < ps.size(); i++)
                head.append(i > 0 ? ", " : "").append(ps.get(i).name()).append(" : ").append(ps.get(i).shape());
            line(0, head.append(") : ").append(f.shape()).append(" =").toString());
            expr(f.body(), 1);
        } else if (s instanceof Stmt.Assign a) {
            line(0, a.name() + " : " + a.shape() + " =");
            expr(a.value(), 1);
        } else if (s instanceof Stmt.Output o) {
            line(0, "output " + o.name() + " : " + o.symbol().shape());
        } else if (s instanceof Stmt.Loss l) {
            line(0, "loss : " + l.value().shape() + " =");
            expr(l.value(), 1);
        } else if (s instanceof Stmt.Penalty p) {
            line(0, "penalty : " + p.value().shape() + " =");
            expr(p.value(), 1);
        } else if (s instanceof Stmt.Train t) {
            line(0, "train");
            for (Stmt.TrainEntry e : t.entries()) line(1, e.key() + " = " + e.value());
        }
    }

    private static String init(mgc.runtime.Initializer init) {
        if (init instanceof mgc.runtime.Initializer.Fill f) return "= " + number(f.value());
        if (init instanceof mgc.runtime.Initializer.Values v) {
            StringBuilder b = new StringBuilder("= [");
            double[] values = v.values();
            for (int i = 0; i < values.length; i++) b.append(i > 0 ? ", " : "").append(number(values[i]));
            return b.append(']').toString();
        }
        if (init instanceof mgc.runtime.Initializer.Uniform u)
            return "~ uniform(" + number(u.lo()) + ", " + number(u.hi()) + ")";
        if (init instanceof mgc.runtime.Initializer.Normal n)
            return "~ normal(" + number(n.mean()) + ", " + number(n.stddev()) + ")";
        return init.toString();
    }

    private void expr(Expr e, int indent) {
        line(indent, label(e) + " : " + e.shape());
        for (Expr child : Checker.children(e)) expr(child, indent + 1);
    }

    private static String label(Expr e) {
        if (e instanceof Expr.Num n) return number(n.value());
        if (e instanceof Expr.Name n) {
            Symbol s = n.symbol();
            String kind = s instanceof Stmt.Decl d ? d.kind().word()
                    : s instanceof Stmt.Const c ? "const = " + number(c.value())
                    : s instanceof Stmt.FnParam ? "fn parameter" : "assignment";
            return n.id() + " (" + kind + ")";
        }
        if (e instanceof Expr.Neg) return "neg";
        if (e instanceof Expr.Binary b) return b.op().symbol;
        if (e instanceof Expr.Compare c) return c.op().symbol;
        if (e instanceof Expr.Call c) return c.name() + (c.callee() instanceof Stmt.Fn ? " (fn, inlined)" : "");
        if (e instanceof Expr.Index i) return "index " + i.resolved();
        return "tensor";
    }

    private void line(int indent, String text) {
        sb.append("  ".repeat(indent)).append(text).append('\n');
    }

}
