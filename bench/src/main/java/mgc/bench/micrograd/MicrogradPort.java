package mgc.bench.micrograd;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import mgc.bench.LossGradient;
import mgc.bench.micrograd.Nn.Activation;
import mgc.bench.micrograd.Nn.Layer;
import mgc.bench.micrograd.Nn.Neuron;
import mgc.bench.workload.Workload;

/**
 * The workloads written with the micrograd port as micrograd's demo writes them: {@link Value}
 * inputs, a model of {@link Nn} layers, the loss built per example and {@code backward()} called on
 * it. Flat parameters are copied into the {@link Value}s on entry and gradients out on exit (O(params),
 * small next to building the graph).
 */
public final class MicrogradPort implements LossGradient {

    private static final double ALPHA = 1e-4;

    private final Workload workload;
    private final List<Layer> layers = new ArrayList<>();
    /** The parameter {@link Value} at each flat index of the workload's layout. */
    private final Value[] flat;
    /** All layers in order; for every workload but the residual one this is the whole network. */
    private final Nn.Mlp model;

    public MicrogradPort(Workload workload) {
        this.workload = workload;
        this.flat = new Value[workload.paramSize()];
        Random random = new Random(0); // initial values are overwritten from the flat parameters
        switch (workload.kind()) {
            case MOONS -> {
                layer("W1", "b1", 2, 16, Activation.RELU, random);
                layer("W2", "b2", 16, 16, Activation.RELU, random);
                layer("w3", "b3", 16, 1, Activation.LINEAR, random);
            }
            case MLP64 -> {
                layer("W1", "b1", 64, 64, Activation.TANH, random);
                layer("W2", "b2", 64, 64, Activation.TANH, random);
                layer("w3", "b3", 64, 1, Activation.LINEAR, random);
            }
            case RESIDUAL -> {
                layer("W0", "b0", 2, 32, Activation.TANH, random);
                for (int k = 1; k <= 4; k++) layer("W" + k, "b" + k, 32, 32, Activation.TANH, random);
                layer("w5", "b5", 32, 1, Activation.LINEAR, random);
            }
            case SOFTMAX -> {
                layer("W1", "b1", 2, 16, Activation.TANH, random);
                layer("W2", "b2", 16, 3, Activation.LINEAR, random);
            }
        }
        model = new Nn.Mlp(layers);
    }

    private void layer(String w, String b, int nin, int nout, Activation act, Random random) {
        Layer layer = new Layer(nin, nout, act, random);
        int wOff = workload.offset(w);
        int bOff = workload.offset(b);
        for (int i = 0; i < nout; i++) {
            Neuron n = layer.neurons.get(i);
            for (int j = 0; j < nin; j++) flat[wOff + i * nin + j] = n.w.get(j);
            flat[bOff + i] = n.b;
        }
        layers.add(layer);
    }

    @Override
    public double lossAndGradient(double[] params, double[] inputs, double[] targets, int from, int to, double[] grad) {
        load(params);
        double sum = 0;
        for (int e = from; e < to; e++) {
            Value loss = exampleLoss(inputs, targets, e);
            loss.backward();
            sum += loss.data;
        }
        for (int i = 0; i < flat.length; i++) grad[i] += flat[i].grad;
        return sum;
    }

    @Override
    public double penaltyAndGradient(double[] params, double[] grad) {
        if (!workload.kind().hasPenalty()) return 0;
        load(params);
        Value reg = penalty();
        reg.backward();
        for (int i = 0; i < flat.length; i++) grad[i] += flat[i].grad;
        return reg.data;
    }

    /** micrograd's demo {@code loss()}: one graph for the whole batch, then one {@code backward()}. */
    @Override
    public double batchObjective(double[] params, double[] inputs, double[] targets, int n, double[] grad) {
        load(params);
        Value dataLoss = new Value(0);
        for (int e = 0; e < n; e++) dataLoss = dataLoss.add(exampleLoss(inputs, targets, e));
        dataLoss = dataLoss.mul(1.0 / n);
        Value total = workload.kind().hasPenalty() ? dataLoss.add(penalty()) : dataLoss;
        total.backward();
        for (int i = 0; i < flat.length; i++) grad[i] = flat[i].grad;
        return total.data;
    }

    /** Copies the flat parameters in and zeroes the gradients ({@code model.zero_grad()}). */
    private void load(double[] params) {
        for (int i = 0; i < flat.length; i++) {
            flat[i].data = params[i];
            flat[i].grad = 0;
        }
    }

    private Value penalty() {
        Value sum = new Value(0);
        for (Value p : model.parameters()) sum = sum.add(p.mul(p));
        return sum.mul(ALPHA);
    }

    private Value exampleLoss(double[] inputs, double[] targets, int e) {
        int d = workload.inputSize();
        List<Value> x = new ArrayList<>(d);
        for (int j = 0; j < d; j++) x.add(new Value(inputs[e * d + j]));
        double y = targets[e];
        switch (workload.kind()) {
            case MOONS -> {
                Value score = model.call(x).get(0);
                return score.mul(-y).add(1).relu(); // (1 + -yi*scorei).relu()
            }
            case MLP64 -> {
                return model.call(x).get(0).sub(y).pow(2);
            }
            case RESIDUAL -> {
                List<Value> h = layers.get(0).call(x);
                for (int k = 1; k <= 4; k++) {
                    List<Value> t = layers.get(k).call(h);
                    List<Value> next = new ArrayList<>(h.size());
                    for (int i = 0; i < h.size(); i++) next.add(h.get(i).add(t.get(i)));
                    h = next;
                }
                return layers.get(5).call(h).get(0).sub(y).pow(2);
            }
            case SOFTMAX -> {
                List<Value> logits = model.call(x);
                double m = Double.NEGATIVE_INFINITY; // a constant shift: it does not change the gradient
                for (Value l : logits) m = Math.max(m, l.data);
                Value s = logits.get(0).sub(m).exp();
                for (int k = 1; k < logits.size(); k++) s = s.add(logits.get(k).sub(m).exp());
                return s.log().add(m).sub(logits.get((int) y));
            }
        }
        throw new AssertionError(workload.kind());
    }
}
