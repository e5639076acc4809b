package mgc.compiler.cli;

import java.nio.file.Path;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.front.Source;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;

/** A model compiled for a subcommand: the compilation, and the model to run (compiled or interpreted). */
record ModelSession(Path path, Compilation compilation, CompiledModel model) {

    static ModelSession open(Path path, CompileOptions options, boolean interpret) {
        Compilation c = Compiler.compile(Source.read(path), options,
                interpret ? Compiler.Stage.OPT : Compiler.Stage.LOADED);
        return new ModelSession(path, c, interpret ? c.interpreted() : c.model());
    }

    ModelSignature signature() { return compilation.signature(); }

    /** The directory relative to which the model's {@code csv("...")} paths are read. */
    Path baseDir() {
        Path parent = path.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}
