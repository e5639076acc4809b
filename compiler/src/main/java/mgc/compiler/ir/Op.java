package mgc.compiler.ir;

import mgc.runtime.MathOps;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Every scalar op of the IR, each defined in one place: its text name, arity, evaluation, derivative
 * (chain) rule and bytecode. Adding an op means adding one constant here; the interpreter, the
 * differentiator, the printer, the code generator and the property tests all read this table.
 *
 * <p>Derivative rules are written once as {@link #chain}: the contribution of a seed flowing through
 * one operand. Reverse mode calls it with the node's adjoint (giving the operand's adjoint share);
 * forward mode calls it with the operand's tangent (giving a share of the node's tangent). Products
 * with a partial derivative use {@link GraphBuilder#dmul} (a zero seed gives zero even when the
 * partial is NaN or infinite), so no NaN from a branch that was not taken leaks into a gradient.
 */
public enum Op {
    // ---- leaves: their value comes from a constant or an array element --------------------------
    /** A constant; its value is the node's payload. */
    CONST("const", 0, false),
    /** A parameter element; operand a is its flat index. */
    PARAM("param", 0, false),
    /** An input element of the current example. */
    INPUT("input", 0, false),
    /** A target element of the current example. */
    TARGET("target", 0, false),
    /** An element of a direction vector (Jacobian-/Hessian-vector products). */
    TANGENT("tangent", 0, false),

    // ---- unary -----------------------------------------------------------------------------------
    NEG("neg", 1, false) {
        @Override public double eval(double a, double b, double c, double k) { return -a; }
        @Override public int chain(Algebra g, int n, int i, int s) { return g.neg(s); }
        @Override public void emit(MethodVisitor mv, double k) { mv.visitInsn(Opcodes.DNEG); }
    },
    EXP("exp", 1, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.exp(a); }
        @Override public int chain(Algebra g, int n, int i, int s) { return g.dmul(s, n); }
    },
    LOG("log", 1, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.log(a); }
        @Override public int chain(Algebra g, int n, int i, int s) { return g.ddiv(s, g.arg(n, 0)); }
    },
    SQRT("sqrt", 1, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.sqrt(a); }
        @Override public int chain(Algebra g, int n, int i, int s) { return g.ddiv(g.mul(g.constant(0.5), s), n); }
    },
    TANH("tanh", 1, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.tanh(a); }
        @Override public int chain(Algebra g, int n, int i, int s) {
            return g.dmul(s, g.sub(g.constant(1.0), g.mul(n, n)));
        }
    },
    SIGMOID("sigmoid", 1, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.sigmoid(a); }
        @Override public int chain(Algebra g, int n, int i, int s) {
            return g.dmul(s, g.mul(n, g.sub(g.constant(1.0), n)));
        }
    },
    /** relu'(0) = 0, as in PyTorch. */
    RELU("relu", 1, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.relu(a); }
        @Override public int chain(Algebra g, int n, int i, int s) { return g.maskpos(g.arg(n, 0), s); }
        @Override public void emitInLoop(MethodVisitor mv, double k) {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, MATH, "reluBranchFree", "(D)D", false);
        }
    },
    /** abs'(0) = 0, as in PyTorch. */
    ABS("abs", 1, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.abs(a); }
        @Override public int chain(Algebra g, int n, int i, int s) { return g.signmul(g.arg(n, 0), s); }
    },
    SIN("sin", 1, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.sin(a); }
        @Override public int chain(Algebra g, int n, int i, int s) { return g.dmul(s, g.unary(COS, g.arg(n, 0))); }
    },
    COS("cos", 1, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.cos(a); }
        @Override public int chain(Algebra g, int n, int i, int s) {
            return g.neg(g.dmul(s, g.unary(SIN, g.arg(n, 0))));
        }
    },
    SOFTPLUS("softplus", 1, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.softplus(a); }
        @Override public int chain(Algebra g, int n, int i, int s) { return g.dmul(s, g.unary(SIGMOID, g.arg(n, 0))); }
    },
    /** x ^ k for a constant k (the node's payload). */
    POWC("powc", 1, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.powc(a, k); }
        @Override public int chain(Algebra g, int n, int i, int s) {
            double k = g.payload(n);
            int x = g.arg(n, 0);
            if (k == 0.0) return GraphBuilder.NONE;
            if (k == 1.0) return s;
            if (k == 2.0) return g.dmul(s, g.mul(g.constant(2.0), x));
            return g.dmul(s, g.mul(g.constant(k), g.powc(x, k - 1.0)));
        }
        @Override public void emit(MethodVisitor mv, double k) {
            mv.visitLdcInsn(k);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, MATH, "powc", "(DD)D", false);
        }
    },

    // ---- binary ----------------------------------------------------------------------------------
    ADD("add", 2, true) {
        @Override public double eval(double a, double b, double c, double k) { return a + b; }
        @Override public int chain(Algebra g, int n, int i, int s) { return s; }
        @Override public void emit(MethodVisitor mv, double k) { mv.visitInsn(Opcodes.DADD); }
    },
    SUB("sub", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return a - b; }
        @Override public int chain(Algebra g, int n, int i, int s) { return i == 0 ? s : g.neg(s); }
        @Override public void emit(MethodVisitor mv, double k) { mv.visitInsn(Opcodes.DSUB); }
    },
    MUL("mul", 2, true) {
        @Override public double eval(double a, double b, double c, double k) { return a * b; }
        @Override public int chain(Algebra g, int n, int i, int s) { return g.dmul(s, g.arg(n, 1 - i)); }
        @Override public void emit(MethodVisitor mv, double k) { mv.visitInsn(Opcodes.DMUL); }
    },
    DIV("div", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return a / b; }
        @Override public int chain(Algebra g, int n, int i, int s) {
            int b = g.arg(n, 1);
            return i == 0 ? g.ddiv(s, b) : g.neg(g.ddiv(g.dmul(s, n), b));
        }
        @Override public void emit(MethodVisitor mv, double k) { mv.visitInsn(Opcodes.DDIV); }
    },
    /**
     * General power a ^ b. As in PyTorch, d/da is 0 where b = 0 (a ^ 0 = 1 for every a, even where
     * a ^ -1 is infinite or NaN) and d/db is 0 where a ^ b = 0 (0 ^ b for b > 0, where log a = -inf):
     * the strong-zero product {@link GraphBuilder#dmul} takes b (a ^ b) as its zero-deciding operand.
     */
    POW("pow", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.pow(a, b); }
        @Override public int chain(Algebra g, int n, int i, int s) {
            int a = g.arg(n, 0), b = g.arg(n, 1);
            if (i == 0) return g.dmul(s, g.dmul(b, g.binary(POW, a, g.sub(b, g.constant(1.0)))));
            return g.dmul(s, g.dmul(n, g.unary(LOG, a)));
        }
    },
    /** On a tie (a == b) the first operand takes the whole gradient; with a NaN, the second does. */
    MIN("min", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.min(a, b); }
        @Override public int chain(Algebra g, int n, int i, int s) {
            int first = g.binary(LE, g.arg(n, 0), g.arg(n, 1));
            return i == 0 ? g.select(first, s, g.constant(0.0)) : g.select(first, g.constant(0.0), s);
        }
    },
    /** On a tie (a == b) the first operand takes the whole gradient; with a NaN, the second does. */
    MAX("max", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.max(a, b); }
        @Override public int chain(Algebra g, int n, int i, int s) {
            int first = g.binary(GE, g.arg(n, 0), g.arg(n, 1));
            return i == 0 ? g.select(first, s, g.constant(0.0)) : g.select(first, g.constant(0.0), s);
        }
    },
    LT("lt", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.lt(a, b); }
    },
    LE("le", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.le(a, b); }
    },
    GT("gt", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.gt(a, b); }
    },
    GE("ge", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.ge(a, b); }
    },
    EQ("eq", 2, true) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.eq(a, b); }
    },
    NE("ne", 2, true) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.ne(a, b); }
    },
    /** Strong-zero product of an adjoint (operand a) and a partial derivative: a == 0 ? 0 : a * b. */
    DMUL("dmul", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.dmul(a, b); }
        @Override public int chain(Algebra g, int n, int i, int s) { return g.dmul(s, g.arg(n, 1 - i)); }
        @Override public void emitInLoop(MethodVisitor mv, double k) {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, MATH, "dmulBranchFree", "(DD)D", false);
        }
    },
    /** Strong-zero quotient: a == 0 ? 0 : a / b. */
    DDIV("ddiv", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.ddiv(a, b); }
        @Override public int chain(Algebra g, int n, int i, int s) {
            int b = g.arg(n, 1);
            return i == 0 ? g.ddiv(s, b) : g.neg(g.ddiv(g.dmul(s, n), b));
        }
    },
    /** x > 0 ? a : 0 (relu's derivative; x is operand 0). */
    MASKPOS("maskpos", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.maskpos(a, b); }
        @Override public int chain(Algebra g, int n, int i, int s) {
            return i == 0 ? GraphBuilder.NONE : g.maskpos(g.arg(n, 0), s);
        }
        @Override public void emitInLoop(MethodVisitor mv, double k) {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, MATH, "maskposBranchFree", "(DD)D", false);
        }
    },
    /** sign(x) * a with sign(0) = 0 (abs's derivative; x is operand 0). */
    SIGNMUL("signmul", 2, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.signmul(a, b); }
        @Override public int chain(Algebra g, int n, int i, int s) {
            return i == 0 ? GraphBuilder.NONE : g.signmul(g.arg(n, 0), s);
        }
    },

    // ---- ternary ---------------------------------------------------------------------------------
    /** c != 0 ? a : b. The gradient flows only into the branch taken. */
    SELECT("select", 3, false) {
        @Override public double eval(double a, double b, double c, double k) { return MathOps.select(a, b, c); }
        @Override public int chain(Algebra g, int n, int i, int s) {
            int cond = g.arg(n, 0);
            if (i == 0) return GraphBuilder.NONE;
            return i == 1 ? g.select(cond, s, g.constant(0.0)) : g.select(cond, g.constant(0.0), s);
        }
        @Override public void emit(MethodVisitor mv, double k) {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, MATH, "select", "(DDD)D", false);
        }
    };

    static final String MATH = "mgc/runtime/MathOps";
    private static final Op[] VALUES = values();

    private final String text;
    private final int arity;
    private final boolean commutative;

    Op(String text, int arity, boolean commutative) {
        this.text = text;
        this.arity = arity;
        this.commutative = commutative;
    }

    /** The op's name in the IR's text form. */
    public String text() { return text; }

    /** Number of node operands (leaves have 0; a leaf's index lives in operand slot a). */
    public int arity() { return arity; }

    /** Whether operands may be swapped (the builder orders them canonically). */
    public boolean commutative() { return commutative; }

    public boolean isLeaf() { return arity == 0; }

    /** Whether the op only compares its operands (its result is 1.0 or 0.0 and it has no derivative). */
    public boolean isComparison() { return this == LT || this == LE || this == GT || this == GE || this == EQ || this == NE; }

    /** The op's value for operand values a, b, c and payload k (unused operands are 0). */
    public double eval(double a, double b, double c, double k) {
        throw new UnsupportedOperationException(text + " is a leaf");
    }

    /**
     * The derivative rule: the contribution of seed {@code s} through operand {@code i} of node
     * {@code n}, built with {@code g}, or {@link GraphBuilder#NONE} when there is none (comparisons,
     * selects' conditions, constant exponents).
     */
    public int chain(Algebra g, int n, int i, int s) {
        return GraphBuilder.NONE;
    }

    /**
     * Emits the op's bytecode, its operands being on the stack as doubles in order; leaves it one
     * double. The default calls {@code MathOps.<text>}.
     */
    public void emit(MethodVisitor mv, double k) {
        if (isLeaf()) throw new UnsupportedOperationException(text + " is a leaf");
        String desc = arity == 1 ? "(D)D" : arity == 2 ? "(DD)D" : "(DDD)D";
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, MATH, text, desc, false);
    }

    /**
     * {@link #emit}, for a loop over a tile of examples, where a value-dependent select is mispredicted as
     * often as not: ops whose straight-line form has one override this with a branch-free form of the same
     * value.
     */
    public void emitInLoop(MethodVisitor mv, double k) {
        emit(mv, k);
    }

    public static Op of(int ordinal) { return VALUES[ordinal]; }

    /** The op whose text name is {@code text}, or null. */
    public static Op byText(String text) {
        for (Op op : VALUES) if (op.text.equals(text)) return op;
        return null;
    }
}
