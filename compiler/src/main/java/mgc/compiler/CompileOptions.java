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
 */
public record CompileOptions(PassOptions passes, CodegenOptions codegen, boolean inputGradients, boolean verify,
                             int maxNodes, Backend.Choice kernels) {

    /** Models bigger than this are refused with a message saying where the size comes from. */
    public static final int DEFAULT_MAX_NODES = 2_000_000;

    public static CompileOptions defaults() {
        return new CompileOptions(PassOptions.DEFAULT, CodegenOptions.defaults(), false, false, DEFAULT_MAX_NODES, Backend.Choice.AUTO);
    }

    public CompileOptions withPasses(PassOptions p) { return new CompileOptions(p, codegen, inputGradients, verify, maxNodes, kernels); }
    public CompileOptions withCodegen(CodegenOptions c) { return new CompileOptions(passes, c, inputGradients, verify, maxNodes, kernels); }
    public CompileOptions withInputGradients(boolean on) { return new CompileOptions(passes, codegen, on, verify, maxNodes, kernels); }
    public CompileOptions withVerify(boolean on) { return new CompileOptions(passes, codegen, inputGradients, on, maxNodes, kernels); }
    public CompileOptions withMaxNodes(int n) { return new CompileOptions(passes, codegen, inputGradients, verify, n, kernels); }

    public CompileOptions withKernels(Backend.Choice k) { return new CompileOptions(passes, codegen, inputGradients, verify, maxNodes, k); }

    public CompileOptions withOptLevel(int level, Set<String> disabled, boolean fastMath) {
        return withPasses(passes.withLevel(level).withDisabled(disabled).withFastMath(fastMath));
    }
}
