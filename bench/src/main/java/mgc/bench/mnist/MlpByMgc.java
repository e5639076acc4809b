package mgc.bench.mnist;

import mgc.compiler.Backend;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.front.Source;
import mgc.runtime.CompiledModel;
import mgc.runtime.optim.Adam;

/**
 * The same training step as {@link MlpTraining} (relu MLP, softmax cross-entropy, batch mean, Adam with
 * lr 1e-3), done as a user of mgc does it: the model written in the language, compiled by mgc, one
 * {@code lossAndGradient} call per batch into a flat gradient, and the runtime's {@link Adam}.
 */
public final class MlpByMgc {

    private final CompiledModel model;
    private final double[] params, grad, scratch, inputs, targets;
    private final Adam adam;
    private final int examples;
    private int nextBatch;

    /**
     * The model's source: {@code widths} such as 784-128-10, relu hidden layers; weights [out, in] used as
     * {@code W @ h}, or with {@code inOut} [in, out] used as {@code h @ W} (the layout the hand-written loops keep).
     */
    public static String source(int[] widths, boolean inOut) {
        StringBuilder sb = new StringBuilder("model mlp\n");
        sb.append("input x[").append(widths[0]).append("]\n");
        sb.append("target y[").append(widths[widths.length - 1]).append("]\n");
        for (int l = 1; l < widths.length; l++) {
            int rows = inOut ? widths[l - 1] : widths[l], cols = inOut ? widths[l] : widths[l - 1];
            sb.append("param W").append(l).append('[').append(rows).append(", ").append(cols)
              .append("] ~ uniform(-").append(Math.sqrt(6.0 / widths[l - 1])).append(", ").append(Math.sqrt(6.0 / widths[l - 1])).append(")\n");
            sb.append("param b").append(l).append('[').append(widths[l]).append("] = 0\n");
        }
        String h = "x";
        for (int l = 1; l < widths.length; l++) {
            String z = (inOut ? h + " @ W" + l : "W" + l + " @ " + h) + " + b" + l;
            String name = l == widths.length - 1 ? "logits" : "h" + l;
            sb.append(name).append(" = ").append(l == widths.length - 1 ? z : "relu(" + z + ")").append('\n');
            h = name;
        }
        sb.append("output logits\nloss = -dot(y, log_softmax(logits))\n");
        return sb.toString();
    }

    public MlpByMgc(int[] widths, MnistLikeData data, Backend.Choice kernels, boolean inOut) {
        this(widths, data, kernels, inOut, false);
    }

    /**
     * @param interpreted run mgc's interpreter of the compiled graph (the tensor interpreter for a loop-kernel model)
     *                    instead of the generated class: the same step, for scale
     */
    public MlpByMgc(int[] widths, MnistLikeData data, Backend.Choice kernels, boolean inOut, boolean interpreted) {
        Compilation c = Compiler.compile(new Source("mlp.mg", source(widths, inOut)), CompileOptions.defaults().withKernels(kernels));
        model = interpreted ? c.interpreted() : c.model();
        params = mgc.runtime.Initializers.initialize(model.signature(), 1);
        grad = new double[params.length];
        scratch = model.newScratch();
        adam = new Adam(params.length, 0.9, 0.999, 1e-8, 0);
        examples = data.examples();
        inputs = data.x();
        int classes = widths[widths.length - 1];
        targets = new double[examples * classes];
        for (int e = 0; e < examples; e++) targets[e * classes + data.labels()[e]] = 1.0;
    }

    /** One Adam step on the next batch; returns the batch's mean loss. */
    public double step() {
        int first = nextBatch * MlpTraining.BATCH;
        nextBatch = (nextBatch + 1) % (examples / MlpTraining.BATCH);
        // grad is all zeros here: stepAndClear leaves it so (one pass, as the hand-written step zeroes in its Adam loop)
        double loss = model.lossAndGradient(params, inputs, targets, first, first + MlpTraining.BATCH, grad, scratch);
        double scale = 1.0 / MlpTraining.BATCH;
        adam.stepAndClear(params, grad, scale, 1e-3);
        return loss * scale;
    }
}
