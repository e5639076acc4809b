package mgc.compiler.tensor;

import java.nio.file.Path;
import java.util.List;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.front.Source;
import mgc.compiler.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of the tensor IR's text forms for every example, MNIST's included (its tensor graph is a few dozen
 * lines): what {@code mgc emit M --stage tensor}, {@code tensorgrad} and {@code tensoropt} print. A change to the
 * lowering, the tensor-level reverse mode, a tensor pass or the printer shows up here as a reviewable diff;
 * {@code -Dmgc.updateGolden=true} rewrites them.
 */
class TensorGoldenTest {

    static List<Path> examples() {
        return Golden.examples(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void tensorTextFormsMatchGolden(Path model) {
        Compilation c = Compiler.compile(Source.read(model), CompileOptions.defaults(), Compiler.Stage.TENSOR_OPT);
        String stem = Golden.stem(model);
        Golden.assertMatches("tensor/" + stem + ".tensor", TPrinter.print(c.tensor()));
        Golden.assertMatches("tensor/" + stem + ".tensorgrad", TPrinter.print(TDifferentiator.reverse(c.tensor(), false)));
        Golden.assertMatches("tensor/" + stem + ".tensoropt", TPrinter.print(c.tensorOptimized().graph()));
    }
}
