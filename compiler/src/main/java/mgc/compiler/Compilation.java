package mgc.compiler;

import mgc.compiler.codegen.GeneratedClass;
import mgc.compiler.tensor.TDifferentiator;
import mgc.compiler.front.CheckedModel;
import mgc.compiler.front.Source;
import mgc.compiler.interp.InterpretedModel;
import mgc.compiler.ir.Graph;
import mgc.compiler.opt.Pipeline;
import mgc.compiler.opt.PipelineResult;
import mgc.compiler.opt.TensorPipeline;
import mgc.compiler.tensor.TGraph;
import mgc.compiler.tensor.TensorInterpretedModel;
import mgc.compiler.tensor.Unroller;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;

/**
 * The products of every stage of one compilation, so that each can be printed or tested: the checked
 * AST, the tensor graph (and, for loop kernels, the joint tensor graph), the scalar forward, joint and
 * optimised graphs, the generated class and the loaded model. A model compiled to loop kernels never
 * needs the scalar graphs; asking for one (the interpreter, {@code mgc check}'s kink detection, a
 * divergence report) unrolls it then.
 */
public final class Compilation {
    final Source source;
    final CompileOptions options;
    CheckedModel checked;
    TGraph tensor, tensorJoint;
    TensorPipeline.TensorResult tensorOpt;
    Backend backend;
    Graph forward, joint;
    PipelineResult optimized;
    GeneratedClass generated;
    CompiledModel model;
    StageTimes times;

    Compilation(Source source, CompileOptions options) {
        this.source = source;
        this.options = options;
    }

    public CheckedModel checked() { return checked; }

    public ModelSignature signature() { return checked.signature(); }

    /** The forward tensor graph (null when compilation stopped at the AST). */
    public TGraph tensor() { return tensor; }

    /** Why the back end is what it is ({@link Partitioner#explain}); needs the tensor stage. */
    public String backendReason() { return Partitioner.explain(tensor, options.kernels(), options.loopThreshold()); }

    /** The joint tensor graph (forward + adjoints) before the tensor passes (null before the tensor-diff step). */
    public TGraph tensorJoint() { return tensorJoint; }

    /**
     * The joint tensor graph after the tensor passes, with their statistics: what both back ends compile
     * (null before the tensor-opt step).
     */
    public TensorPipeline.TensorResult tensorOptimized() { return tensorOpt; }

    public Backend backend() { return backend; }

    /** The scalar forward graph (unrolled on first request for a loop-kernel model). */
    public Graph forward() {
        if (forward == null && tensor != null) forward = Compiler.guardSize(source, () -> Unroller.unroll(tensor, options.maxNodes()));
        return forward;
    }

    /**
     * The scalar joint graph: forward outputs and gradients, the joint tensor graph after the tensor passes
     * unrolled (unrolled on first request for a loop-kernel model, with input gradients when asked).
     */
    public Graph joint() {
        if (joint == null && tensor != null) {
            TGraph j = tensorOpt != null && (backend == Backend.UNROLLED || !options.inputGradients()) ? tensorOpt.graph()
                    : TensorPipeline.run(TDifferentiator.reverse(tensor, options.inputGradients()), options.passes()).graph();
            joint = Compiler.guardSize(source, () -> Unroller.unroll(j, options.maxNodes()));
        }
        return joint;
    }

    public PipelineResult optimized() {
        if (optimized == null && tensor != null) optimized = Pipeline.run(joint(), options.passes());
        return optimized;
    }

    /** The optimised scalar joint graph: what the unrolled code computes. */
    public Graph graph() { return optimized().graph(); }

    public GeneratedClass generated() { return generated; }

    public CompiledModel model() { return model; }

    public StageTimes times() { return times; }

    /**
     * The same model on the reference interpreter of its back end: the scalar interpreter of the
     * optimised graph for unrolled code (bit for bit its results), the tensor interpreter of the joint
     * tensor graph for loop kernels (equal up to the sign of zeros).
     */
    public CompiledModel interpreted() {
        if (backend == Backend.LOOPS && tensorJoint != null) return new TensorInterpretedModel(tensorJoint);
        return new InterpretedModel(graph());
    }
}
