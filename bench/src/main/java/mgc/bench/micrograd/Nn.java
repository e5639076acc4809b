package mgc.bench.micrograd;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A port of micrograd's {@code nn.py}: Module, Neuron, Layer, MLP (with a choice of activation). */
public final class Nn {

    private Nn() {}

    public enum Activation { LINEAR, RELU, TANH }

    public abstract static class Module {
        public void zeroGrad() {
            for (Value p : parameters()) p.grad = 0;
        }

        public abstract List<Value> parameters();
    }

    public static final class Neuron extends Module {
        final List<Value> w = new ArrayList<>();
        final Value b = new Value(0);
        final Activation act;

        Neuron(int nin, Activation act, Random random) {
            for (int i = 0; i < nin; i++) w.add(new Value(random.nextDouble() * 2 - 1));
            this.act = act;
        }

        public Value call(List<Value> x) {
            Value a = b; // sum((wi*xi for wi, xi in zip(self.w, x)), self.b)
            for (int i = 0; i < w.size(); i++) a = a.add(w.get(i).mul(x.get(i)));
            return switch (act) {
                case LINEAR -> a;
                case RELU -> a.relu();
                case TANH -> a.tanh();
            };
        }

        @Override
        public List<Value> parameters() {
            List<Value> ps = new ArrayList<>(w);
            ps.add(b);
            return ps;
        }
    }

    public static final class Layer extends Module {
        final List<Neuron> neurons = new ArrayList<>();

        public Layer(int nin, int nout, Activation act, Random random) {
            for (int i = 0; i < nout; i++) neurons.add(new Neuron(nin, act, random));
        }

        public List<Value> call(List<Value> x) {
            List<Value> out = new ArrayList<>(neurons.size());
            for (Neuron n : neurons) out.add(n.call(x));
            return out;
        }

        @Override
        public List<Value> parameters() {
            List<Value> ps = new ArrayList<>();
            for (Neuron n : neurons) ps.addAll(n.parameters());
            return ps;
        }
    }

    /** micrograd's MLP: every layer but the last uses {@code hidden}; the last is linear. */
    public static final class Mlp extends Module {
        final List<Layer> layers = new ArrayList<>();

        /** Layers built elsewhere (the residual and softmax workloads wire their own). */
        public Mlp(List<Layer> layers) {
            this.layers.addAll(layers);
        }

        public Mlp(int nin, int[] nouts, Activation hidden, Random random) {
            int n = nin;
            for (int i = 0; i < nouts.length; i++) {
                layers.add(new Layer(n, nouts[i], i == nouts.length - 1 ? Activation.LINEAR : hidden, random));
                n = nouts[i];
            }
        }

        public List<Value> call(List<Value> x) {
            for (Layer l : layers) x = l.call(x);
            return x;
        }

        @Override
        public List<Value> parameters() {
            List<Value> ps = new ArrayList<>();
            for (Layer l : layers) ps.addAll(l.parameters());
            return ps;
        }
    }
}
