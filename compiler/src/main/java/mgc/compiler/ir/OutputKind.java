package mgc.compiler.ir;

/** What a named graph output is; {@link #text()} is its keyword in the text form. */
public enum OutputKind {
    /** A model output element ({@code output score}). */
    OUTPUT("output"),
    /** The per-example loss. */
    LOSS("loss"),
    /** The penalty (a function of the parameters alone). */
    PENALTY("penalty"),
    /** d loss / d param element. */
    GRAD("grad"),
    /** d penalty / d param element. */
    GRAD_PENALTY("grad_penalty"),
    /** d loss / d input element (saliency). */
    GRAD_INPUT("grad_input"),
    /** A Jacobian-vector product element: d output / d params · u. */
    JVP("jvp"),
    /** A Hessian-vector product element: d/d param (grad loss · v). */
    HVP("hvp"),
    /** A Hessian element d² loss / d param_i d param_j (small models). */
    HESSIAN("hessian");

    private final String text;

    OutputKind(String text) { this.text = text; }

    public String text() { return text; }
}
