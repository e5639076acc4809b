package mgc.compiler;

import mgc.compiler.codegen.GeneratedClass;
import mgc.compiler.front.CheckedModel;
import mgc.compiler.interp.InterpretedModel;
import mgc.compiler.ir.Graph;
import mgc.compiler.opt.PipelineResult;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;

/**
 * The products of every stage of one compilation, so that each can be printed or tested: the
 * checked AST, the forward graph, the joint (forward + adjoint) graph, the optimised graph, the
 * generated class, and the loaded model.
 */
public record Compilation(CheckedModel checked, Graph forward, Graph joint, PipelineResult optimized,
                          GeneratedClass generated, CompiledModel model, StageTimes times) {

    public ModelSignature signature() { return forward.signature(); }

    /** The optimised joint graph that the generated code computes. */
    public Graph graph() { return optimized.graph(); }

    /** The same model on the reference interpreter (bit-for-bit the generated code's results). */
    public CompiledModel interpreted() { return new InterpretedModel(graph()); }
}
