package mgc.compiler.front;

import java.util.HashMap;
import java.util.Map;

/** The built-in functions. Their names are reserved: no declaration may reuse one. */
public enum Builtin implements Callee {
    // scalar functions, applied element by element
    EXP("exp"), LOG("log"), SQRT("sqrt"), TANH("tanh"), SIGMOID("sigmoid"), RELU("relu"), ABS("abs"),
    SIN("sin"), COS("cos"), SOFTPLUS("softplus"),
    /** {@code max(x)}: largest element; {@code max(a, b)}: elementwise. Same for {@code min}. */
    MAX("max"), MIN("min"),
    /** {@code where(cond, a, b)}: {@code a} where the comparison holds, else {@code b}, elementwise. */
    WHERE("where"),
    /** Reductions of a whole tensor to a scalar. */
    SUM("sum"), MEAN("mean"),
    /** {@code dot(a, b)} of two vectors of one length. */
    DOT("dot"),
    /** Over vectors, in numerically stable form. */
    SOFTMAX("softmax"), LOG_SOFTMAX("log_softmax"), LOGSUMEXP("logsumexp");

    private static final Map<String, Builtin> BY_NAME = new HashMap<>();
    static {
        for (Builtin b : values()) BY_NAME.put(b.id, b);
    }

    private final String id;

    Builtin(String id) {
        this.id = id;
    }

    /** The name as written in models ({@link #name()} of a Callee is the source name). */
    public String id() { return id; }

    /** Scalar functions of one argument, applied to each element. */
    public boolean isElementwiseUnary() { return ordinal() <= SOFTPLUS.ordinal(); }

    /** The built-in called {@code name} in the source, or null. */
    public static Builtin named(String name) { return BY_NAME.get(name); }

    public static java.util.Set<String> names() { return BY_NAME.keySet(); }
}
