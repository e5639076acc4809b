package mgc.compiler;

import java.util.Set;
import mgc.compiler.codegen.CodegenOptions;
import mgc.compiler.opt.PassOptions;

/**
 * Everything that changes what {@link Compiler} produces.
 *
 * @param passes        optimisation level, disabled passes, fast-math
 * @param codegen       method byte budget and class naming
 * @param inputGradients also differentiate the loss with respect to the inputs ({@code grad_input})
 * @param verify        run the IR verifier after every stage and pass (tests; costs time)
 * @param maxNodes      refuse models that unroll to more scalar nodes than this
 * @param kernels       which back end: loop kernels, unrolled straight-line code, or chosen by size
 * @param loopThreshold with {@code kernels} auto: the multiply-adds per example of a model's largest contraction from
 *                      which it gets loop kernels ({@link Partitioner#LOOP_THRESHOLD}; tests set 0 to run small
 *                      models through the loop back end as auto splits it)
 */
public record CompileOptions(PassOptions passes, CodegenOptions codegen, boolean inputGradients, boolean verify,
                             int maxNodes, Backend.Choice kernels, long loopThreshold) {

    /** Models bigger than this are refused with a message saying where the size comes from. */
    public static final int DEFAULT_MAX_NODES = 2_000_000;

    public static CompileOptions defaults() {
        return new CompileOptions(PassOptions.DEFAULT, CodegenOptions.defaults(), false, false, DEFAULT_MAX_NODES, Backend.Choice.AUTO,
                Partitioner.LOOP_THRESHOLD);
    }

    public CompileOptions withPasses(PassOptions p) { return new CompileOptions(p, codegen, inputGradients, verify, maxNodes, kernels, loopThreshold); }
    public CompileOptions withCodegen(CodegenOptions c) { return new CompileOptions(passes, c, inputGradients, verify, maxNodes, kernels, loopThreshold); }
    public CompileOptions withInputGradients(boolean on) { return new CompileOptions(passes, codegen, on, verify, maxNodes, kernels, loopThreshold); }
    public CompileOptions withVerify(boolean on) { return new CompileOptions(passes, codegen, inputGradients, on, maxNodes, kernels, loopThreshold); }
    public CompileOptions withMaxNodes(int n) { return new CompileOptions(passes, codegen, inputGradients, verify, n, kernels, loopThreshold); }

    public CompileOptions withKernels(Backend.Choice k) { return new CompileOptions(passes, codegen, inputGradients, verify, maxNodes, k, loopThreshold); }

    public CompileOptions withLoopThreshold(long t) { return new CompileOptions(passes, codegen, inputGradients, verify, maxNodes, kernels, t); }

    public CompileOptions withOptLevel(int level, Set<String> disabled, boolean fastMath) {
        return withPasses(passes.withLevel(level).withDisabled(disabled).withFastMath(fastMath));
    }
}
