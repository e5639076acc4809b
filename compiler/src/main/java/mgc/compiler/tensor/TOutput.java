package mgc.compiler.tensor;

import mgc.compiler.ir.OutputKind;

/**
 * A named output of a tensor graph: a model output tensor (its name), the loss, the penalty, or a
 * gradient tensor named after its parameter (or input).
 */
public record TOutput(OutputKind kind, String name, int node) {
    public TOutput withNode(int n) { return new TOutput(kind, name, n); }

    public String label() { return name.isEmpty() ? kind.text() : kind.text() + " " + name; }
}
