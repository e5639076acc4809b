package mgc.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import mgc.bench.workload.Workload.Kind;
import mgc.runtime.Initializer;
import mgc.runtime.TensorSpec;

/**
 * The four benchmark workloads with fixed seeds. {@link Random} is used throughout because its
 * streams (including {@code nextGaussian}) are specified exactly, so the data are the same on every JDK.
 */
public final class Workloads {

    private Workloads() {}

    public static Workload of(Kind kind) {
        return switch (kind) {
            case MOONS -> moons();
            case MLP64 -> mlp64();
            case RESIDUAL -> residual();
            case SOFTMAX -> softmax();
        };
    }

    /** micrograd's demo network on 100 two-moons points (noise 0.1), y = +-1; weights U(-1, 1), biases 0. */
    public static Workload moons() {
        Layout l = new Layout();
        l.uniform("W1", 1.0, 16, 2).zero("b1", 16);
        l.uniform("W2", 1.0, 16, 16).zero("b2", 16);
        l.uniform("w3", 1.0, 16).zero("b3");
        double[][] xy = TwoMoons.make(100, 0.1, 42);
        return l.build(Kind.MOONS, 2, 1, 100, 1, xy[0], xy[1]);
    }

    /** 64 -> 64 -> 64 -> 1 tanh MLP on 32 random examples; weights U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
    public static Workload mlp64() {
        Layout l = new Layout();
        l.uniform("W1", 1 / 8.0, 64, 64).zero("b1", 64);
        l.uniform("W2", 1 / 8.0, 64, 64).zero("b2", 64);
        l.uniform("w3", 1 / 8.0, 64).zero("b3");
        int n = 32;
        Random r = new Random(64);
        double[] x = new double[n * 64];
        double[] y = new double[n];
        for (int i = 0; i < x.length; i++) x[i] = 2 * r.nextDouble() - 1;
        for (int i = 0; i < n; i++) y[i] = r.nextGaussian();
        return l.build(Kind.MLP64, 64, 1, n, 2, x, y);
    }

    /** 2 -> 32 tanh, four residual tanh layers of width 32, linear output; target sin(x0) cos(x1). */
    public static Workload residual() {
        Layout l = new Layout();
        l.uniform("W0", 1 / Math.sqrt(2), 32, 2).zero("b0", 32);
        for (int k = 1; k <= 4; k++) l.uniform("W" + k, 1 / Math.sqrt(32), 32, 32).zero("b" + k, 32);
        l.uniform("w5", 1 / Math.sqrt(32), 32).zero("b5");
        int n = 100;
        Random r = new Random(32);
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = 4 * r.nextDouble() - 2;
            x[2 * i + 1] = 4 * r.nextDouble() - 2;
            y[i] = Math.sin(x[2 * i]) * Math.cos(x[2 * i + 1]);
        }
        return l.build(Kind.RESIDUAL, 2, 1, n, 3, x, y);
    }

    /** 2 -> 16 tanh -> 3 softmax classifier on three Gaussian blobs; the target is the class index (0, 1, 2). */
    public static Workload softmax() {
        Layout l = new Layout();
        l.uniform("W1", 1 / Math.sqrt(2), 16, 2).zero("b1", 16);
        l.uniform("W2", 0.25, 3, 16).zero("b2", 3);
        int n = 100;
        double[][] centres = {{0, 0}, {2, 0}, {1, 1.7}};
        Random r = new Random(3);
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(3);
            x[2 * i] = centres[c][0] + 0.6 * r.nextGaussian();
            x[2 * i + 1] = centres[c][1] + 0.6 * r.nextGaussian();
            y[i] = c;
        }
        return l.build(Kind.SOFTMAX, 2, 1, n, 4, x, y);
    }

    /** Parameter tensors in declaration order, with their initialisers. */
    private static final class Layout {
        private final List<TensorSpec> specs = new ArrayList<>();
        private int size;

        Layout uniform(String name, double a, int... shape) {
            return add(name, new Initializer.Uniform(-a, a), shape);
        }

        Layout zero(String name, int... shape) {
            return add(name, new Initializer.Fill(0), shape);
        }

        private Layout add(String name, Initializer init, int... shape) {
            TensorSpec s = new TensorSpec(name, shape, size, init);
            specs.add(s);
            size += s.size();
            return this;
        }

        Workload build(Kind kind, int inputSize, int targetSize, int examples, long seed, double[] x, double[] y) {
            Random r = new Random(seed);
            double[] p = new double[size];
            for (TensorSpec s : specs) {
                for (int i = 0; i < s.size(); i++) {
                    if (s.init() instanceof Initializer.Uniform u) p[s.offset() + i] = u.lo() + (u.hi() - u.lo()) * r.nextDouble();
                    else if (s.init() instanceof Initializer.Fill f) p[s.offset() + i] = f.value();
                    else throw new IllegalStateException(s.toString());
                }
            }
            return new Workload(kind, specs, inputSize, targetSize, examples, p, x, y);
        }
    }
}
