package mgc.bench.tape;

import mgc.bench.LossGradient;
import mgc.bench.workload.Workload;

/**
 * The workloads on a {@link Tape}: the best a careful dynamic autograd does on the JVM. Parameters
 * are the tape's roots (node id = flat index), so they are loaded once per call and their adjoints
 * accumulate across examples; each example rewinds the tape, records its forward pass and sweeps it back.
 */
public final class FlatTape implements LossGradient {

    private static final double ALPHA = 1e-4;

    private final Workload workload;
    private final Tape tape = new Tape(1 << 12);
    private final int[] x;
    private final Dense[] layers;

    public FlatTape(Workload workload) {
        this.workload = workload;
        this.x = new int[workload.inputSize()];
        this.layers = layers(workload);
    }

    @Override
    public double lossAndGradient(double[] params, double[] inputs, double[] targets, int from, int to, double[] grad) {
        int n = params.length;
        tape.setRoots(params, n);
        double sum = 0;
        int d = x.length;
        for (int e = from; e < to; e++) {
            tape.rewind();
            for (int j = 0; j < d; j++) x[j] = tape.leaf(inputs[e * d + j]);
            int loss = exampleLoss(targets[e]);
            tape.backward(loss);
            sum += tape.value(loss);
        }
        for (int i = 0; i < n; i++) grad[i] += tape.adjoint(i);
        return sum;
    }

    @Override
    public double penaltyAndGradient(double[] params, double[] grad) {
        if (!workload.kind().hasPenalty()) return 0;
        int n = params.length;
        tape.setRoots(params, n);
        int sum = tape.mul(0, 0);
        for (int i = 1; i < n; i++) sum = tape.add(sum, tape.mul(i, i));
        int reg = tape.mulConst(sum, ALPHA);
        tape.backward(reg);
        for (int i = 0; i < n; i++) grad[i] += tape.adjoint(i);
        return tape.value(reg);
    }

    private int exampleLoss(double y) {
        switch (workload.kind()) {
            case MOONS -> {
                int score = layers[2].apply(layers[1].apply(layers[0].apply(x)))[0];
                return tape.relu(tape.addConst(tape.mulConst(score, -y), 1));
            }
            case MLP64 -> {
                int out = layers[2].apply(layers[1].apply(layers[0].apply(x)))[0];
                return tape.powConst(tape.addConst(out, -y), 2);
            }
            case RESIDUAL -> {
                int[] h = layers[0].apply(x);
                for (int k = 1; k <= 4; k++) {
                    int[] t = layers[k].apply(h);
                    for (int i = 0; i < h.length; i++) t[i] = tape.add(h[i], t[i]);
                    h = t;
                }
                return tape.powConst(tape.addConst(layers[5].apply(h)[0], -y), 2);
            }
            case SOFTMAX -> {
                int[] logits = layers[1].apply(layers[0].apply(x));
                double m = Double.NEGATIVE_INFINITY; // a constant shift: it does not change the gradient
                for (int l : logits) m = Math.max(m, tape.value(l));
                int s = tape.exp(tape.addConst(logits[0], -m));
                for (int k = 1; k < logits.length; k++) s = tape.add(s, tape.exp(tape.addConst(logits[k], -m)));
                return tape.add(tape.addConst(tape.log(s), m), tape.mulConst(logits[(int) y], -1));
            }
        }
        throw new AssertionError(workload.kind());
    }

    private Dense[] layers(Workload w) {
        return switch (w.kind()) {
            case MOONS -> new Dense[] {
                new Dense(w, "W1", "b1", 2, 16, Tape.RELU), new Dense(w, "W2", "b2", 16, 16, Tape.RELU),
                new Dense(w, "w3", "b3", 16, 1, Tape.LEAF)};
            case MLP64 -> new Dense[] {
                new Dense(w, "W1", "b1", 64, 64, Tape.TANH), new Dense(w, "W2", "b2", 64, 64, Tape.TANH),
                new Dense(w, "w3", "b3", 64, 1, Tape.LEAF)};
            case RESIDUAL -> new Dense[] {
                new Dense(w, "W0", "b0", 2, 32, Tape.TANH),
                new Dense(w, "W1", "b1", 32, 32, Tape.TANH), new Dense(w, "W2", "b2", 32, 32, Tape.TANH),
                new Dense(w, "W3", "b3", 32, 32, Tape.TANH), new Dense(w, "W4", "b4", 32, 32, Tape.TANH),
                new Dense(w, "w5", "b5", 32, 1, Tape.LEAF)};
            case SOFTMAX -> new Dense[] {
                new Dense(w, "W1", "b1", 2, 16, Tape.TANH), new Dense(w, "W2", "b2", 16, 3, Tape.LEAF)};
        };
    }

    /** A dense layer's offsets and its reused output buffer of node ids. */
    private final class Dense {
        private final int wOff;
        private final int bOff;
        private final int nin;
        private final byte act;
        private final int[] out;

        Dense(Workload w, String weights, String bias, int nin, int nout, byte act) {
            this.wOff = w.offset(weights);
            this.bOff = w.offset(bias);
            this.nin = nin;
            this.act = act;
            this.out = new int[nout];
        }

        /** {@code act(W in + b)}, each sum in micrograd's order {@code b + w0 x0 + w1 x1 + ...}; {@code LEAF} = no activation. */
        int[] apply(int[] in) {
            for (int i = 0; i < out.length; i++) {
                int s = bOff + i;
                for (int j = 0; j < nin; j++) s = tape.add(s, tape.mul(wOff + i * nin + j, in[j]));
                out[i] = switch (act) {
                    case Tape.RELU -> tape.relu(s);
                    case Tape.TANH -> tape.tanh(s);
                    default -> s;
                };
            }
            return out;
        }
    }
}
