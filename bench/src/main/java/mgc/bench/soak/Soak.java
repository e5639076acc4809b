package mgc.bench.soak;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.front.Source;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.data.Dataset;
import mgc.runtime.data.Generators;
import mgc.runtime.train.TrainConfig;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.Trainer;
import mgc.runtime.train.TrainingListener;

/**
 * A compiler that runs for days: compiles, loads (a hidden class each), trains for a few steps and drops
 * {@code models} small models in one JVM, and every {@code every} models, after a full GC, reports heap,
 * metaspace, compressed class space, code cache and class counts. Flat columns mean nothing leaks; the
 * hidden classes of dropped models unload.
 * Usage: {@code Soak [models=20000] [every=2000]}.
 */
public final class Soak {

    private Soak() { }

    /** Memory after a full GC, in bytes, once {@code models} models have been compiled and dropped. */
    public record Sample(int models, long heap, long metaspace, long classSpace, long codeCache, int loadedClasses,
                         long unloadedClasses, double seconds) {
        static final String HEADER = "| models | heap MB | metaspace MB | class space MB | code cache MB | loaded classes | unloaded classes | s |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|";

        String row() {
            return String.format(Locale.ROOT, "| %,d | %.1f | %.1f | %.2f | %.1f | %,d | %,d | %.0f |", models, mb(heap),
                    mb(metaspace), mb(classSpace), mb(codeCache), loadedClasses, unloadedClasses, seconds);
        }

        private static double mb(long bytes) {
            return bytes / (1024.0 * 1024.0);
        }
    }

    public static void main(String[] args) {
        int models = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        System.out.println("JDK " + Runtime.version() + ", " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println(Sample.HEADER);
        run(models, every, s -> System.out.println(s.row()));
    }

    /** Runs the soak, handing each sample (the first before any model) to {@code report}. */
    public static List<Sample> run(int models, int every, Consumer<Sample> report) {
        List<Sample> samples = new ArrayList<>();
        long t0 = System.nanoTime();
        Consumer<Sample> keep = s -> {
            samples.add(s);
            report.accept(s);
        };
        keep.accept(measure(0, t0));
        for (int i = 1; i <= models; i++) {
            compileTrainAndDrop(i);
            if (i % every == 0) keep.accept(measure(i, t0));
        }
        return samples;
    }

    /** A different small model each time (width and initial scale vary), so nothing can be reused. */
    static String source(int i) {
        int width = 2 + i % 7;
        return "model soak" + i + "\n"
                + "input x[2]\ntarget y\n"
                + "param W[" + width + ", 2] ~ uniform(-1, 1)\nparam b[" + width + "] = 0\n"
                + "param w[" + width + "] ~ normal(0, 0." + (1 + i % 9) + ")\nparam c = 0\n"
                + "score = dot(w, tanh(W @ x + b)) + c\n"
                + "output score\nloss = relu(1 - y * score)\n";
    }

    static double compileTrainAndDrop(int i) {
        CompiledModel m = Compiler.compile(new Source("soak" + i + ".mg", source(i)), CompileOptions.defaults()).model();
        Dataset d = Generators.moons(16, 0.1, i).toDataset(m.signature());
        TrainConfig config = TrainConfig.builder().optimizer("adam(lr = 0.05)").steps(5).threads(1).seed(i).build();
        TrainResult r = new Trainer().train(m, Initializers.initialize(m.signature(), i), d, null, config, TrainingListener.NONE);
        if (!Double.isFinite(r.finalLoss())) throw new IllegalStateException("model " + i + " diverged");
        return r.finalLoss();
    }

    static Sample measure(int models, long t0) {
        for (int k = 0; k < 3; k++) System.gc(); // a full collection unloads the classes of dropped models
        long heap = 0, metaspace = 0, classSpace = 0, codeCache = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long used = pool.getUsage().getUsed();
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP) heap += used;
            else if (name.equals("Metaspace")) metaspace = used;
            else if (name.equals("Compressed Class Space")) classSpace = used;
            else if (name.startsWith("CodeHeap") || name.equals("Code Cache")) codeCache += used;
        }
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        return new Sample(models, heap, metaspace, classSpace, codeCache, classes.getLoadedClassCount(),
                classes.getUnloadedClassCount(), (System.nanoTime() - t0) / 1e9);
    }
}
