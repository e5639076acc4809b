package mgc.compiler.opt;

import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Op;
import mgc.compiler.testing.ModelGraphs;

/**
 * The two multilayer perceptrons the optimiser's figures are about, from the shared
 * {@link ModelGraphs}: micrograd's moons network (2-16-16-1 relu, hinge loss, L2 penalty) and a
 * 64-64-64-1 tanh network with squared error.
 */
final class MlpModels {
    private MlpModels() {}

    /** 2-16-16-1 relu, loss relu(1 - y * score), penalty 1e-4 * sum of squared parameters. */
    static Graph moons() {
        return ModelGraphs.mlp("moons", new int[]{2, 16, 16, 1}, Op.RELU, ModelGraphs.Loss.HINGE);
    }

    /** 64-64-64-1 tanh, loss (score - y)^2, penalty 1e-4 * sum of squared parameters. */
    static Graph tanh64() {
        return ModelGraphs.mlp("tanh64", new int[]{64, 64, 64, 1}, Op.TANH, ModelGraphs.Loss.SQUARED);
    }
}
