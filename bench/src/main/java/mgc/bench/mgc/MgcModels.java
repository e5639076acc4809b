package mgc.bench.mgc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import mgc.bench.LossGradient;
import mgc.bench.workload.Workload;
import mgc.bench.workload.Workload.Kind;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.front.Source;
import mgc.runtime.CompiledModel;
import mgc.runtime.TensorSpec;

/** The workloads compiled by mgc from the {@code .mg} sources in {@code mgc/bench/models/}. */
public final class MgcModels {

    private static final Map<Kind, Compilation> COMPILED = new EnumMap<>(Kind.class);
    private static final Map<Kind, Compilation> OPTIMISED = new EnumMap<>(Kind.class);

    private MgcModels() {}

    public static String source(Kind kind) {
        String path = "/mgc/bench/models/" + kind.id() + ".mg";
        try (InputStream in = MgcModels.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole pipeline, up to the loaded class. */
    public static synchronized Compilation compile(Kind kind) {
        return COMPILED.computeIfAbsent(kind, k -> Compiler.compile(new Source(k.id() + ".mg", source(k)), CompileOptions.defaults()));
    }

    /** Up to the optimised graph only: what the interpreter runs, so it does not depend on code generation. */
    public static synchronized Compilation optimise(Kind kind) {
        return OPTIMISED.computeIfAbsent(kind, k -> Compiler.compile(new Source(k.id() + ".mg", source(k)), CompileOptions.defaults(),
                Compiler.Stage.OPT));
    }

    /** The generated class of a forced back end over the workload's arrays. */
    public static LossGradient of(Workload w, mgc.compiler.Backend.Choice kernels) {
        Compilation c = Compiler.compile(new Source(w.kind().id() + ".mg", source(w.kind())), CompileOptions.defaults().withKernels(kernels));
        return new Adapter(c.model(), w);
    }

    /** The generated class ({@code interpreted = false}) or the IR interpreter, over the workload's arrays. */
    public static LossGradient of(Workload w, boolean interpreted) {
        return new Adapter(interpreted ? optimise(w.kind()).interpreted() : compile(w.kind()).model(), w);
    }

    /** A {@link CompiledModel} as a {@link LossGradient}; checks that its layout is the workload's. */
    private static final class Adapter implements LossGradient {
        private final CompiledModel model;
        private final double[] scratch;

        Adapter(CompiledModel model, Workload w) {
            List<TensorSpec> params = model.signature().params();
            if (params.size() != w.params().size()) throw new IllegalStateException(w.kind() + ": parameter lists differ: " + params + " vs " + w.params());
            for (int i = 0; i < params.size(); i++) {
                TensorSpec a = params.get(i);
                TensorSpec b = w.params().get(i);
                if (!a.name().equals(b.name()) || !Arrays.equals(a.shape(), b.shape()) || a.offset() != b.offset())
                    throw new IllegalStateException(w.kind() + ": parameter " + a + " is not the workload's " + b);
            }
            if (model.signature().inputSize() != w.inputSize() || model.signature().targetSize() != w.targetSize())
                throw new IllegalStateException(w.kind() + ": input/target sizes differ");
            this.model = model;
            this.scratch = model.newScratch();
        }

        @Override
        public double lossAndGradient(double[] params, double[] inputs, double[] targets, int from, int to, double[] grad) {
            return model.lossAndGradient(params, inputs, targets, from, to, grad, scratch);
        }

        @Override
        public double penaltyAndGradient(double[] params, double[] grad) {
            return model.signature().hasPenalty() ? model.penaltyAndGradient(params, grad, scratch) : 0;
        }
    }
}
