package mgc.bench.ab;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mgc.bench.mnist.MlpTraining;

/**
 * Compares builds of mgc on the MNIST-shaped training step inside one JVM: each benchmark jar is loaded by a class
 * loader of its own (its own copy of the compiler, runtime and kernels, compiled by the JIT separately), and rounds of
 * 200 steps alternate between them, so the machine's drift (±10% between runs here) falls on every build alike. What
 * it reports is each build's step time relative to the first build's in the same round: the median and quartiles
 * of that ratio over the rounds. Two copies of the same jar measured 1.000 [0.950 .. 1.066] over 30 rounds; a
 * JMH run of each jar in turn can differ by 15% with nothing changed. One run still moves by about ±5%: run it
 * both ways round (each jar listed first once) and read the runs together.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar mgc.bench.ab.AbStep MODEL FLAVOUR
 * ROUNDS JAR...} (or {@code bench/ab-step.sh}); MODEL as MnistMgcBenchmark's (784-128-10), FLAVOUR vector or
 * superword, data from MNIST_DIR (real digits) or {@code -Ddata=sparse|dense}. A jar compiles the model with
 * {@code --kernels loops}, as MnistMgcBenchmark does; {@code JAR@auto} compiles it with {@code auto} (so one jar
 * against itself, {@code x.jar@loops x.jar@auto}, measures what auto's per-op split does to the step).
 */
public final class AbStep {

    static final int STEPS_PER_ROUND = 200;
    static final int WARM_UP_STEPS = 3000;
    /** Examples each build trains on, cycled batch by batch: the same as MnistMgcBenchmark's. */
    static final int EXAMPLES = 100 * MlpTraining.BATCH;

    private static volatile double sink;

    private AbStep() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 4) {
            System.err.println("usage: AbStep MODEL FLAVOUR ROUNDS JAR JAR...   (e.g. 784-128-10 vector 30 old.jar new.jar)");
            System.exit(2);
        }
        String model = args[0], flavour = args[1];
        int rounds = Integer.parseInt(args[2]);
        List<Path> jars = new ArrayList<>();
        List<String> choices = new ArrayList<>(), names = new ArrayList<>();
        for (String a : Arrays.asList(args).subList(3, args.length)) {
            int at = a.lastIndexOf('@');
            String choice = at < 0 ? "loops" : a.substring(at + 1);
            if (!choice.equals("loops") && !choice.equals("auto")) {
                System.err.println("AbStep: " + a + ": the kernels after @ must be loops or auto");
                System.exit(2);
            }
            Path p = Path.of(at < 0 ? a : a.substring(0, at));
            if (!Files.isRegularFile(p)) {
                System.err.println("AbStep: no such jar: " + p);
                System.exit(2);
            }
            jars.add(p);
            choices.add(choice);
            names.add(p.getFileName() + (at < 0 ? "" : "@" + choice));
        }
        String data = System.getProperty("data", "real");
        List<MethodHandle> steps = new ArrayList<>();
        for (int j = 0; j < jars.size(); j++) {
            Path jar = jars.get(j);
            try {
                steps.add(stepOf(jar, model, flavour, data, choices.get(j)));
            } catch (ReflectiveOperationException e) {
                Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
                System.err.println("AbStep: " + jar + ": cannot set up the MNIST step (" + cause + ")"
                        + (cause instanceof ClassNotFoundException || cause instanceof NoSuchMethodException
                                ? "; the jar must be a benchmarks.jar with mgc.bench.mnist.MlpByMgc" : ""));
                System.exit(2);
            }
        }

        int n = steps.size();
        for (int w = 0; w < WARM_UP_STEPS; w++) for (MethodHandle s : steps) sink += (double) s.invokeExact();
        double[][] us = new double[n][rounds];
        for (int r = 0; r < rounds; r++)
            for (int i = 0; i < n; i++) {
                int k = (r + i) % n;   // each build goes first in turn
                MethodHandle s = steps.get(k);
                long t0 = System.nanoTime();
                for (int j = 0; j < STEPS_PER_ROUND; j++) sink += (double) s.invokeExact();
                us[k][r] = (System.nanoTime() - t0) / (STEPS_PER_ROUND * 1e3);
            }
        System.out.printf("%s, %s flavour, %s data, %d rounds of %d steps%n", model, flavour, data, rounds, STEPS_PER_ROUND);
        Rounds[] summary = Rounds.of(us);
        for (int i = 0; i < n; i++) {
            Rounds s = summary[i];
            System.out.printf("%-28s median %8.1f us/step (%,.0f examples/s)  vs first: %.3f [%.3f .. %.3f]%n",
                    names.get(i), s.median(), MlpTraining.BATCH * 1e6 / s.median(), s.ratio(), s.ratioQ1(), s.ratioQ3());
        }
    }

    /** The step of an MlpByMgc built from the classes of {@code jar} alone (the platform loader is its parent). */
    private static MethodHandle stepOf(Path jar, String model, String flavour, String data, String kernels) throws Exception {
        ClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> dataClass = cl.loadClass("mgc.bench.mnist.MnistLikeData");
        Object d = dataClass.getMethod("generate", String.class, int.class, long.class).invoke(null, data, EXAMPLES, 42L);
        int[] widths = (int[]) cl.loadClass("mgc.bench.mnist.MlpTraining").getMethod("widths", String.class).invoke(null, model);
        cl.loadClass("mgc.bench.KernelFlavour").getMethod("force", String.class).invoke(null, flavour);
        Class<?> choice = cl.loadClass("mgc.compiler.Backend$Choice");
        Object kernelChoice = choice.getField(kernels.toUpperCase(java.util.Locale.ROOT)).get(null);
        Object m = cl.loadClass("mgc.bench.mnist.MlpByMgc").getConstructor(int[].class, dataClass, choice, boolean.class)
                .newInstance(widths, d, kernelChoice, false);
        return MethodHandles.publicLookup().findVirtual(m.getClass(), "step", MethodType.methodType(double.class)).bindTo(m);
    }
}
