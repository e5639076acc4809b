package mgc.compiler.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import mgc.compiler.Compilation;
import mgc.compiler.Compiler;
import mgc.compiler.codegen.JarWriter;
import mgc.compiler.front.Source;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mgc compile MODEL.mg} (or just {@code mgc MODEL.mg}): writes a jar that runs with mgc-runtime alone. */
@Command(name = "compile", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Compiles a model to a jar holding the generated class, its signature and initialisers.",
                "The jar needs only mgc-runtime on the class path: mgc.runtime.Models.load(Path)."})
public final class CompileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Option(names = {"-o", "--output"}, paramLabel = "JAR", description = "Where to write the jar (default: MODELNAME.jar in the current directory).")
    Path output;

    @Option(names = "--quiet", description = "Print nothing on success.")
    boolean quiet;

    @Mixin
    CompileFlags flags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (output != null && !Files.isDirectory(output)) OutputFiles.createDirectoryOf(spec.commandLine(), output, "-o");
        long t0 = System.nanoTime();
        Compilation c = Compiler.compile(Source.read(model), flags.options(spec.commandLine()), Compiler.Stage.BYTECODE);
        Path jar = output != null ? output : Path.of(c.signature().modelName() + ".jar");
        if (Files.isDirectory(jar)) jar = jar.resolve(c.signature().modelName() + ".jar");
        JarWriter.write(jar, c.generated(), c.signature());
        if (!quiet) {
            var st = c.generated().stats();
            String code = c.backend() == mgc.compiler.Backend.LOOPS
                    ? "loop kernels from " + c.tensorOptimized().graph().liveCount() + " tensor nodes"
                    : c.graph().size() + " IR nodes";
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                    "wrote %s: %d params, %s, %d methods, %,d bytes of class file, in %.0f ms",
                    jar, c.signature().paramSize(), code, st.methodSizes().size(),
                    c.generated().bytes().length, (System.nanoTime() - t0) / 1e6));
        }
        return 0;
    }
}
