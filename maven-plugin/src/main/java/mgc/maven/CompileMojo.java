package mgc.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.codegen.CodegenOptions;
import mgc.compiler.codegen.JarWriter;
import mgc.compiler.front.CompileError;
import mgc.compiler.front.Diagnostic;
import mgc.compiler.front.Diagnostics;
import mgc.compiler.front.Source;
import mgc.compiler.opt.TensorPipeline;
import mgc.runtime.CompiledModel;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Compiles the project's models ({@code src/main/mg/**}{@code /*.mg}) into {@code target/classes} (each
 * model's class and its signature resource, so the project's jar loads them with mgc-runtime alone) and
 * writes a typed facade per model into {@code target/generated-sources/mgc}, added as a source root.
 * A model whose source, options and compiler are unchanged since its last compilation is skipped.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class CompileMojo extends AbstractMojo {

    /** Deep models recurse deeply in the compiler; its tests run with an 8 MB stack, the CLI's JVM likewise. */
    private static final long COMPILER_STACK = 256L << 20;

    @Parameter(defaultValue = "${project.basedir}/src/main/mg", property = "mgc.sourceDirectory")
    private File sourceDirectory;

    /** Globs relative to {@link #sourceDirectory}. */
    @Parameter
    private List<String> includes = List.of("**/*.mg");

    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true)
    private File outputDirectory;

    @Parameter(defaultValue = "${project.build.directory}/generated-sources/mgc")
    private File generatedSourcesDirectory;

    @Parameter(defaultValue = "${project.build.directory}/mgc-stamps", readonly = true)
    private File stampDirectory;

    /** Package of the facades; each model's class goes into its {@code compiled} subpackage. */
    @Parameter(defaultValue = "mgc.models", property = "mgc.packageName")
    private String packageName;

    /** Optimisation level, as {@code mgc compile -O}: 0 (no passes) or 2 (all). */
    @Parameter(defaultValue = "2", property = "mgc.optimize")
    private int optimize;

    /** Optimisation passes to skip (as {@code --disable-pass}). */
    @Parameter
    private List<String> disabledPasses = List.of();

    @Parameter(defaultValue = "false", property = "mgc.fastMath")
    private boolean fastMath;

    /** Byte budget of each generated method (as {@code --budget}). */
    @Parameter(defaultValue = "4000", property = "mgc.methodBudget")
    private int methodBudget;

    /** Refuse models that unroll to more scalar nodes than this (as {@code --max-nodes}). */
    @Parameter(defaultValue = "2000000", property = "mgc.maxNodes")
    private int maxNodes;

    /** The back end: {@code auto} (by the largest contraction's size), {@code loops} or {@code unrolled}, as {@code --kernels}. */
    @Parameter(defaultValue = "auto", property = "mgc.kernels")
    private String kernels;

    @Parameter(defaultValue = "false", property = "mgc.skip")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("mgc: skipped");
            return;
        }
        CompileOptions options = options();
        Path generated = generatedSourcesDirectory.toPath();
        project.addCompileSourceRoot(generated.toString());
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                compileAll(options);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "mgc-compile", COMPILER_STACK);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while compiling models", e);
        }
        Throwable t = failure[0];
        if (t instanceof MojoFailureException f) throw f;
        if (t instanceof MojoExecutionException x) throw x;
        if (t instanceof Error e) throw e;
        if (t != null) throw new MojoExecutionException("mgc: " + t, t);
    }

    private void compileAll(CompileOptions options) throws IOException, MojoFailureException {
        Path root = sourceDirectory.toPath();
        List<String> models = ModelFiles.find(root, includes);
        if (models.isEmpty()) {
            getLog().info("mgc: no models in " + root + " matching " + includes);
            return;
        }
        String optionsKey = String.format(Locale.ROOT, "O=%d disabled=%s fastMath=%b budget=%d maxNodes=%d kernels=%s package=%s",
                optimize, new java.util.TreeSet<>(disabledPasses), fastMath, methodBudget, maxNodes, kernels, packageName);
        String compiler = Stamp.fingerprint(Compiler.class, CompiledModel.class, CompileMojo.class);
        Map<Path, String> writtenBy = new HashMap<>();
        int failed = 0, compiled = 0;
        for (String rel : models) {
            Path file = root.resolve(rel);
            byte[] bytes = Files.readAllBytes(file);
            String key = Stamp.key(bytes, optionsKey, compiler);
            Path stampFile = stampDirectory.toPath().resolve(rel + ".stamp");
            Stamp stamp = Stamp.read(stampFile);
            List<Path> outputs;
            if (stamp != null && stamp.upToDate(key)) {
                getLog().info("mgc: " + rel + " is up to date");
                outputs = stamp.outputs();
            } else {
                Files.deleteIfExists(stampFile);
                outputs = compile(file, rel, bytes, options);
                if (outputs == null) {
                    failed++;
                    continue;
                }
                new Stamp(key, outputs).write(stampFile);
                compiled++;
            }
            for (Path out : outputs) {
                String other = writtenBy.putIfAbsent(out, rel);
                if (other != null)
                    throw new MojoFailureException("mgc: " + other + " and " + rel + " both define model classes written to "
                            + out + ": give the models different names");
            }
        }
        if (failed > 0)
            throw new MojoFailureException("mgc: " + failed + (failed == 1 ? " model has" : " models have")
                    + " errors (listed above)");
        if (compiled == 0 && models.size() > 1) getLog().info("mgc: all " + models.size() + " models are up to date");
    }

    /** Compiles one model and writes its class, signature and facade; null after logging its errors. */
    private List<Path> compile(Path file, String rel, byte[] bytes, CompileOptions options) throws IOException {
        long t0 = System.nanoTime();
        Source source = null;
        Compilation c;
        try {
            source = Source.decode(file.toAbsolutePath().toString(), bytes);
            c = Compiler.compile(source, options, Compiler.Stage.BYTECODE);
        } catch (CompileError e) {
            // one log entry per diagnostic, as the compiler plugin reports Java errors
            for (Diagnostic d : e.diagnostics()) {
                StringBuilder sb = new StringBuilder();
                Diagnostics.render(e.source(), d, sb);
                String text = sb.toString().stripTrailing();
                if (d.isError()) getLog().error(text);
                else getLog().warn(text);
            }
            return null;
        }
        String facade = FacadeWriter.className(c.signature().modelName());
        String modelClass = FacadeWriter.modelClassName(packageName, facade);
        List<Path> outputs = new ArrayList<>(JarWriter.writeDirectory(outputDirectory.toPath(), c.generated(),
                c.signature(), modelClass));
        Path java = generatedSourcesDirectory.toPath().resolve(packageName.replace('.', '/')).resolve(facade + ".java");
        String text = FacadeWriter.write(c.signature(), packageName, rel);
        Files.createDirectories(java.getParent());
        // rewritten only when it changes, so that the Java compiler's own staleness check stays quiet
        if (!Files.isRegularFile(java) || !Files.readString(java, StandardCharsets.UTF_8).equals(text))
            Files.writeString(java, text, StandardCharsets.UTF_8);
        outputs.add(java);
        getLog().info(String.format(Locale.ROOT, "mgc: compiled %s -> %s.%s (%d params) in %.0f ms", rel,
                packageName, facade, c.signature().paramSize(), (System.nanoTime() - t0) / 1e6));
        return outputs;
    }

    /** The compiler options the configuration asks for; a bad value fails the build with what is allowed. */
    private CompileOptions options() throws MojoFailureException {
        if (optimize != 0 && optimize != 2) throw new MojoFailureException("mgc: optimize must be 0 or 2, not " + optimize);
        Set<String> off = new LinkedHashSet<>();
        for (String d : disabledPasses) {
            if (!TensorPipeline.allPassNames().contains(d))
                throw new MojoFailureException("mgc: unknown pass `" + d + "` in disabledPasses; passes are "
                        + String.join(", ", TensorPipeline.allPassNames()));
            off.add(d);
        }
        if (methodBudget < CodegenOptions.MIN_METHOD_BUDGET || methodBudget > CodegenOptions.HUGE_METHOD_LIMIT)
            throw new MojoFailureException("mgc: methodBudget must be between " + CodegenOptions.MIN_METHOD_BUDGET + " and " + CodegenOptions.HUGE_METHOD_LIMIT
                    + " bytes, not " + methodBudget);
        if (maxNodes < 1) throw new MojoFailureException("mgc: maxNodes must be positive, not " + maxNodes);
        if (!packageName.isEmpty() && !javax.lang.model.SourceVersion.isName(packageName))
            throw new MojoFailureException("mgc: packageName `" + packageName + "` is not a Java package name");
        mgc.compiler.Backend.Choice choice;
        try {
            choice = mgc.compiler.Backend.Choice.parse(kernels);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("mgc: " + e.getMessage());
        }
        CompileOptions o = CompileOptions.defaults().withOptLevel(optimize, off, fastMath).withMaxNodes(maxNodes).withKernels(choice);
        return o.withCodegen(o.codegen().withMethodBudget(methodBudget));
    }
}
