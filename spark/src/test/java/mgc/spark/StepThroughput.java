package mgc.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.codegen.JarWriter;
import mgc.compiler.front.Source;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.ModelSignature;
import mgc.runtime.Models;
import mgc.runtime.data.Dataset;
import mgc.runtime.data.Generators;
import mgc.runtime.train.TrainConfig;
import mgc.runtime.train.Trainer;
import mgc.runtime.train.TrainingListener;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Not a test: the throughput of one full-batch training step over 1,000,000 generated examples, Spark
 * {@code local[2]} against the local trainer with 2 threads, for the moons model and the benchmarks'
 * 64-64-64-1 MLP; and Spark's fixed cost per step (the same step over 2 examples). Times are medians
 * of the steps between the first and the last (which also measure accuracy). Run (see README):
 * <pre>
 * mvn -B -q -DskipTests -pl spark -am package
 * java -Xmx8g $(sed -n 's:.*&lt;spark.java.options&gt;\(.*\)&lt;/spark.java.options&gt;.*:\1:p' spark/pom.xml) \
 *   -Dlog4j2.configurationFile=spark/launcher-log4j2.properties \
 *   -cp "spark/target/test-classes:spark/target/classes:compiler/target/classes:compiler/target/lib/*:$(cat spark/target/spark.classpath)" \
 *   mgc.spark.StepThroughput [examples] [steps] [moons,mlp64]
 * </pre>
 */
public final class StepThroughput {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<String> models = args.length > 2 ? List.of(args[2].split(",")) : List.of("moons", "mlp64");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("mgc step throughput")
                .config("spark.ui.enabled", "false").getOrCreate();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Path root = Path.of(System.getProperty("mgc.root", "."));
        System.out.printf(Locale.ROOT, "%,d examples, %d full-batch steps, %d cores, Spark local[2] vs local trainer threads=2%n",
                n, steps, Runtime.getRuntime().availableProcessors());
        System.out.println("model   | local ex/s | spark ex/s | spark/local | local ms/step | spark ms/step | spark overhead ms/step");
        for (String model : models) {
            Path source = model.equals("moons") ? root.resolve("examples/moons.mg")
                    : root.resolve("bench/src/main/resources/mgc/bench/models/mlp64.mg");
            ShippedModel shipped = new ShippedModel(Models.read(compile(source)));
            CompiledModel m = shipped.model();
            ModelSignature sig = m.signature();
            TrainConfig config = TrainConfig.builder().steps(steps).fullBatch().threads(2).optimizer("sgd(lr = 0.01)").build();

            Dataset data = generate(model, sig, n, 2);
            double localMs = medianStepMs(steps, l -> new Trainer().train(m, Initializers.initialize(sig, 0), data, null, config, l));

            JavaRDD<Block> blocks = sc.parallelize(List.of(0, 1), 2).map(p -> Block.of(generate(model, shipped.model().signature(), n, 2, p), 0, n / 2))
                    .cache();
            SparkData.Summary summary = SparkData.summarize(blocks, shipped);
            double sparkMs = medianStepMs(steps, l -> new SparkTrainer(sc).train(shipped, blocks, summary,
                    Initializers.initialize(sig, 0), config, null, l));
            blocks.unpersist(true);

            JavaRDD<Block> tiny = SparkData.parallelize(sc, generate(model, sig, 2, 2), 2).cache();
            SparkData.Summary tinySummary = SparkData.summarize(tiny, shipped);
            double overheadMs = medianStepMs(Math.max(steps, 20), l -> new SparkTrainer(sc).train(shipped, tiny, tinySummary,
                    Initializers.initialize(sig, 0), TrainConfig.builder().steps(Math.max(steps, 20)).fullBatch()
                            .optimizer("sgd(lr = 0.01)").build(), null, l));
            tiny.unpersist(true);

            System.out.printf(Locale.ROOT, "%-7s | %,10.0f | %,10.0f | %11.2f | %13.1f | %13.1f | %22.1f%n", model,
                    n / (localMs / 1e3), n / (sparkMs / 1e3), localMs / sparkMs, localMs, sparkMs, overheadMs);
        }
        spark.stop();
    }

    private interface Run {
        void run(TrainingListener listener);
    }

    /** The median time between consecutive step reports, leaving out the first and last steps. */
    private static double medianStepMs(int steps, Run run) {
        long[] at = new long[steps];
        run.run(new TrainingListener() {
            @Override public void onStep(int step, double loss, double accuracy, double examplesPerSecond) {
                at[step] = System.nanoTime();
            }
        });
        double[] d = new double[steps - 2];
        for (int k = 1; k < steps - 1; k++) d[k - 1] = (at[k] - at[k - 1]) / 1e6;
        Arrays.sort(d);
        return d[d.length / 2];
    }

    private static Path compile(Path source) throws Exception {
        Compilation c = Compiler.compile(Source.read(source), CompileOptions.defaults(), Compiler.Stage.BYTECODE);
        Path jar = Files.createTempFile("mgc-bench", ".jar");
        jar.toFile().deleteOnExit();
        JarWriter.write(jar, c.generated(), c.signature());
        return jar;
    }

    /** {@code n} examples as {@code parts} seeded parts, concatenated. */
    private static Dataset generate(String model, ModelSignature sig, int n, int parts) {
        List<Dataset> ds = new ArrayList<>();
        for (int p = 0; p < parts; p++) ds.add(generate(model, sig, n, parts, p));
        int size = 0;
        for (Dataset d : ds) size += d.size();
        double[] in = new double[size * sig.inputSize()], tg = new double[size * sig.targetSize()];
        int at = 0;
        for (Dataset d : ds) {
            System.arraycopy(d.inputs(), 0, in, at * sig.inputSize(), d.inputs().length);
            System.arraycopy(d.targets(), 0, tg, at * sig.targetSize(), d.targets().length);
            at += d.size();
        }
        return new Dataset(size, sig.inputSize(), sig.targetSize(), in, tg);
    }

    /** Part {@code p} of {@code parts}: moons points, or uniform inputs with a smooth target for the MLP. */
    private static Dataset generate(String model, ModelSignature sig, int n, int parts, int p) {
        int size = n / parts;
        if (model.equals("moons")) return Generators.moons(size, 0.1, p).toDataset(sig);
        SplittableRandom rng = new SplittableRandom(p);
        int k = sig.inputSize();
        double[] in = new double[size * k], tg = new double[size];
        for (int i = 0; i < size; i++) {
            double s = 0;
            for (int e = 0; e < k; e++) s += in[i * k + e] = rng.nextDouble(-1, 1);
            tg[i] = Math.sin(s);
        }
        return new Dataset(size, k, 1, in, tg);
    }
}
