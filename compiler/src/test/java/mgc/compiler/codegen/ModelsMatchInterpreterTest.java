package mgc.compiler.codegen;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.front.Source;
import mgc.compiler.testing.Golden;
import mgc.compiler.testing.InterpreterComparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole models from source, compiled by every back end, compute the interpreter's bits at random points. */
class ModelsMatchInterpreterTest {

    static List<Path> examples() {
        return Golden.examples();
    }

    private static void check(Source source) {
        for (Compilation c : InterpreterComparison.compileAll(source, CompileOptions.defaults())) {
            InterpreterComparison.assertMatchesInterpreter(c, new SplittableRandom(source.text().hashCode()), 4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleModels(Path model) {
        check(Source.read(model));
    }

    /**
     * forward() has no targets: an output that reads one reads NaN in generated code and interpreter
     * alike (regression: the interpreted model read 0 there, so {@code --interpret} printed other outputs).
     */
    @Test
    void anOutputThatReadsATarget() {
        check(new Source("t.mg", """
                input x
                target y
                param w = 1
                s = w * x + y
                output s
                loss = (s - y)^2
                """));
    }
}
