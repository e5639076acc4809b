package mgc.bench.jmh;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import mgc.bench.Implementations;
import mgc.bench.LossGradient;
import mgc.bench.workload.Workload;

/** One implementation of one workload, its parameters and a gradient accumulator (never reset: adding is the contract). */
@State(Scope.Thread)
public abstract class ModelState {

    @Param({"hand", "mgc", "mgc-interp", "flat", "micrograd"})
    public String impl;

    public Workload workload;
    public LossGradient model;
    public double[] params;
    public double[] grad;

    protected abstract Workload workload();

    /** The parameters to evaluate at (the initial ones unless overridden). */
    protected double[] params(Workload w) {
        return w.copyOfInitialParams();
    }

    @Setup
    public void setUp() {
        workload = workload();
        model = Implementations.create(impl, workload);
        params = params(workload);
        grad = new double[params.length];
    }

    /** The benchmarked call: loss and gradient of every example of the data set, in one call. */
    public double lossAndGradient() {
        return model.lossAndGradient(params, workload.inputs(), workload.targets(), 0, workload.examples(), grad);
    }
}
