package mgc.runtime.testing;

import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;

/** {@link Linear} whose {@code call}-th gradient call (from 0) yields a NaN gradient for w[1], or a NaN loss. */
public final class Poisoned implements CompiledModel {
    private final Linear inner = new Linear();
    private final int call;
    private final boolean lossToo;
    private int calls;

    public Poisoned(int call, boolean lossToo) {
        this.call = call;
        this.lossToo = lossToo;
    }

    @Override public ModelSignature signature() { return inner.signature(); }

    @Override public int scratchSize() { return 0; }

    @Override
    public void forward(double[] p, double[] in, int from, int to, double[] out, double[] s) {
        inner.forward(p, in, from, to, out, s);
    }

    @Override
    public double loss(double[] p, double[] in, double[] t, int from, int to, double[] s) {
        return inner.loss(p, in, t, from, to, s);
    }

    @Override
    public double lossAndGradient(double[] p, double[] in, double[] t, int from, int to, double[] g, double[] s) {
        double l = inner.lossAndGradient(p, in, t, from, to, g, s);
        if (calls++ != call) return l;
        if (lossToo) return Double.NaN;
        g[1] = Double.NaN;
        return l;
    }

    @Override public double penalty(double[] p, double[] s) { return 0; }

    @Override public double penaltyAndGradient(double[] p, double[] g, double[] s) { return 0; }
}
