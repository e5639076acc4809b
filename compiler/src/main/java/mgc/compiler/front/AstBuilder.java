package mgc.compiler.front;

import java.util.ArrayList;
import java.util.List;
import mgc.grammar.MgParser;
import mgc.grammar.MgParser.*;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.TerminalNode;

/** ANTLR parse tree (free of syntax errors) to AST; shapes and references are left for {@link Checker}. */
final class AstBuilder {

    private final Diagnostics diagnostics;
    private final int[] lineLengths;
    private int depth;
    private boolean reportedDepth;

    AstBuilder(Source source, Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        String[] lines = source.text().split("\r\n|\r|\n", -1);
        lineLengths = new int[lines.length];
        for (int i = 0; i < lines.length; i++) lineLengths[i] = lines[i].length();
    }

    List<Stmt> program(ProgramContext ctx) {
        List<Stmt> out = new ArrayList<>();
        if (ctx.modelDecl() != null) out.add(new Stmt.Model(pos(ctx.modelDecl().ID()), ctx.modelDecl().ID().getText()));
        for (StatementContext s : ctx.statement()) statement(s, out);
        return out;
    }

    private void statement(StatementContext ctx, List<Stmt> out) {
        if (ctx instanceof ConstStmtContext c) {
            out.add(new Stmt.Const(pos(c.ID()), c.ID().getText(), expr(c.expr()), Double.NaN));
        } else if (ctx instanceof DeclStmtContext c) {
            Stmt.Kind kind = switch (c.kind.getType()) {
                case MgParser.INPUT -> Stmt.Kind.INPUT;
                case MgParser.TARGET -> Stmt.Kind.TARGET;
                default -> Stmt.Kind.PARAM;
            };
            for (DeclItemContext item : c.declItem())
                out.add(new Stmt.Decl(pos(item.ID()), kind, item.ID().getText(), dims(item.shape()),
                        init(item.init()), null, null));
        } else if (ctx instanceof FnStmtContext c) {
            List<Stmt.FnParam> params = new ArrayList<>();
            for (FnParamContext p : c.fnParam())
                params.add(new Stmt.FnParam(pos(p.ID()), p.ID().getText(), dims(p.shape()), null));
            out.add(new Stmt.Fn(pos(c.ID()), c.ID().getText(), params, expr(c.expr()), null));
        } else if (ctx instanceof OutputStmtContext c) {
            for (TerminalNode id : c.ID()) out.add(new Stmt.Output(pos(id), id.getText(), null));
        } else if (ctx instanceof LossStmtContext c) {
            out.add(new Stmt.Loss(pos(c.LOSS()), expr(c.expr())));
        } else if (ctx instanceof PenaltyStmtContext c) {
            out.add(new Stmt.Penalty(pos(c.PENALTY()), expr(c.expr())));
        } else if (ctx instanceof TrainStmtContext c) {
            List<Stmt.TrainEntry> entries = new ArrayList<>();
            for (TrainEntryContext e : c.trainEntry())
                entries.add(new Stmt.TrainEntry(pos(e.ID()), e.ID().getText(), text(e.trainValue()), pos(e.trainValue())));
            out.add(new Stmt.Train(pos(c.TRAIN()), entries));
        } else if (ctx instanceof AssignStmtContext c) {
            out.add(new Stmt.Assign(pos(c.ID()), c.ID().getText(), expr(c.expr())));
        } else {
            throw new IllegalStateException("unknown statement " + ctx.getClass().getSimpleName());
        }
    }

    private List<Expr> dims(ShapeContext ctx) {
        return ctx == null ? List.of() : exprs(ctx.expr());
    }

    private Stmt.Init init(InitContext ctx) {
        if (ctx == null) return null;
        if (ctx instanceof FillInitContext f) return new Stmt.Init(pos(f), expr(f.expr()), null, null, null);
        SampleInitContext s = (SampleInitContext) ctx;
        return new Stmt.Init(pos(s), null, s.ID().getText(), pos(s.ID()), exprs(s.expr()));
    }

    private List<Expr> exprs(List<ExprContext> list) {
        List<Expr> out = new ArrayList<>(list.size());
        for (ExprContext e : list) out.add(expr(e));
        return out;
    }

    private Expr expr(ExprContext ctx) {
        if (++depth > ModelParser.MAX_EXPRESSION_DEPTH) {
            depth--;
            if (!reportedDepth) {
                reportedDepth = true;
                diagnostics.error(pos(ctx), "expression nested too deeply (the limit is "
                        + ModelParser.MAX_EXPRESSION_DEPTH + " levels)", "split the expression into named assignments");
            }
            return new Expr.Num(pos(ctx), 0, null);
        }
        try {
            return build(ctx);
        } finally {
            depth--;
        }
    }

    private Expr build(ExprContext ctx) {
        Pos p = pos(ctx);
        if (ctx instanceof NumberExprContext c) {
            double v = Double.parseDouble(c.NUMBER().getText());
            if (Double.isInfinite(v)) diagnostics.error(p, "number " + c.NUMBER().getText() + " is too large");
            return new Expr.Num(p, v, null);
        }
        if (ctx instanceof NameExprContext c) return new Expr.Name(p, c.ID().getText(), null, null);
        if (ctx instanceof ParenExprContext c) return build(c.expr()); // brackets are limited separately
        if (ctx instanceof UnaryExprContext c) {
            Expr operand = expr(c.expr());
            return c.op.getText().equals("-") ? new Expr.Neg(p, operand, null) : operand;
        }
        if (ctx instanceof PowExprContext c)
            return new Expr.Binary(p, Expr.BinOp.POW, expr(c.expr(0)), expr(c.expr(1)), null);
        if (ctx instanceof MulExprContext c)
            return new Expr.Binary(p, binOp(c.op), expr(c.expr(0)), expr(c.expr(1)), null);
        if (ctx instanceof AddExprContext c)
            return new Expr.Binary(p, binOp(c.op), expr(c.expr(0)), expr(c.expr(1)), null);
        if (ctx instanceof CompareExprContext c) {
            Expr.CmpOp op = switch (c.op.getText()) {
                case "<" -> Expr.CmpOp.LT;
                case "<=" -> Expr.CmpOp.LE;
                case ">" -> Expr.CmpOp.GT;
                case ">=" -> Expr.CmpOp.GE;
                case "==" -> Expr.CmpOp.EQ;
                default -> Expr.CmpOp.NE;
            };
            return new Expr.Compare(p, op, expr(c.expr(0)), expr(c.expr(1)), null);
        }
        if (ctx instanceof CallExprContext c) return new Expr.Call(p, c.ID().getText(), exprs(c.expr()), null, null);
        if (ctx instanceof IndexExprContext c) {
            List<Expr> all = exprs(c.expr());
            return new Expr.Index(p, all.get(0), all.subList(1, all.size()), null, null);
        }
        if (ctx instanceof TensorExprContext c) return new Expr.Tensor(p, exprs(c.expr()), null);
        throw new IllegalStateException("unknown expression " + ctx.getClass().getSimpleName());
    }

    private static Expr.BinOp binOp(Token op) {
        return switch (op.getText()) {
            case "+" -> Expr.BinOp.ADD;
            case "-" -> Expr.BinOp.SUB;
            case "*" -> Expr.BinOp.MUL;
            case "/" -> Expr.BinOp.DIV;
            default -> Expr.BinOp.MATMUL;
        };
    }

    /** A value of the train block exactly as written, trimmed. */
    private static String text(ParserRuleContext ctx) {
        return ctx.start.getInputStream().getText(Interval.of(ctx.start.getStartIndex(), ctx.stop.getStopIndex())).trim();
    }

    private static Pos pos(TerminalNode node) {
        Token t = node.getSymbol();
        return new Pos(t.getLine(), t.getCharPositionInLine() + 1, t.getStopIndex() - t.getStartIndex() + 1);
    }

    /** The span of a whole construct; one that runs over several lines is underlined to the end of its first. */
    private Pos pos(ParserRuleContext ctx) {
        Token start = ctx.start;
        Token stop = ctx.stop != null ? ctx.stop : start;
        int line = start.getLine();
        int column = start.getCharPositionInLine() + 1;
        int length = stop.getLine() == line
                ? stop.getStopIndex() - start.getStartIndex() + 1
                : (line - 1 < lineLengths.length ? lineLengths[line - 1] - column + 1 : 1);
        return new Pos(line, column, length);
    }
}
