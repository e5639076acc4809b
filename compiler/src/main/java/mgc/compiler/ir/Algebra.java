package mgc.compiler.ir;

/**
 * What a derivative rule may build: the scalar {@link GraphBuilder} implements it over scalar nodes,
 * and the tensor IR's builder implements it elementwise over tensors (scalars broadcast). So each
 * op's chain rule in {@link Op} is written once and serves both levels.
 */
public interface Algebra {
    /** "No node": a derivative rule's answer when an operand gets no contribution. */
    int NONE = -1;

    int arg(int n, int i);

    double payload(int n);

    int constant(double v);

    int unary(Op op, int x);

    int powc(int x, double k);

    int binary(Op op, int x, int y);

    /** cond != 0 ? x : y. */
    int select(int cond, int x, int y);

    default int add(int x, int y) { return binary(Op.ADD, x, y); }
    default int sub(int x, int y) { return binary(Op.SUB, x, y); }
    default int mul(int x, int y) { return binary(Op.MUL, x, y); }
    default int div(int x, int y) { return binary(Op.DIV, x, y); }
    default int neg(int x) { return unary(Op.NEG, x); }
    /** Strong-zero product of an adjoint and a partial derivative: adjoint == 0 ? 0 : adjoint * partial. */
    default int dmul(int adjoint, int partial) { return binary(Op.DMUL, adjoint, partial); }
    default int ddiv(int adjoint, int denominator) { return binary(Op.DDIV, adjoint, denominator); }
    default int maskpos(int x, int adjoint) { return binary(Op.MASKPOS, x, adjoint); }
    default int signmul(int x, int adjoint) { return binary(Op.SIGNMUL, x, adjoint); }
}
