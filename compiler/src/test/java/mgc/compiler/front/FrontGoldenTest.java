package mgc.compiler.front;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mgc.compiler.testing.Golden;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The AST dump of every example equals its golden file; signatures and folding are as the source says. */
class FrontGoldenTest {

    static List<Path> examples() {
        return Golden.examples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleAstMatchesGolden(Path model) {
        CheckedModel m = FrontEnd.check(Source.read(model));
        Golden.assertMatches("ast/" + Golden.stem(model) + ".ast", AstPrinter.print(m));
    }

    @Test
    void moonsSignatureHasConsecutiveOffsetsInDeclarationOrder() {
        ModelSignature s = check("moons").signature();
        assertEquals("moons", s.modelName());
        List<String> names = s.params().stream().map(TensorSpec::name).toList();
        assertEquals(List.of("W1", "b1", "W2", "b2", "w3", "b3"), names);
        int[] offsets = s.params().stream().mapToInt(TensorSpec::offset).toArray();
        assertArrayEquals(new int[] {0, 32, 48, 304, 320, 336}, offsets);
        assertEquals(337, s.paramSize());
        assertEquals(new Initializer.Uniform(-1, 1), s.params().get(0).init());
        assertEquals(new Initializer.Fill(0), s.params().get(1).init());
        assertArrayEquals(new int[] {2}, s.inputs().get(0).shape());
        assertArrayEquals(new int[] {}, s.targets().get(0).shape());
        assertEquals("score", s.outputs().get(0).name());
        assertTrue(s.hasPenalty());
        assertEquals(Map.of("data", "moons(n = 100, noise = 0.1, seed = 1)", "optimizer", "sgd(lr = 1.0 to 0.1)",
                "steps", "100", "batch", "all", "seed", "6"), s.trainDefaults());
    }

    @Test
    void constDimsAreFolded() {
        CheckedModel m = FrontEnd.check(new Source("c.mg", """
                const N = 4
                const M = 2 * N - 1
                input x[M]
                target y
                param W[N, M] = 0
                param v[N] = [1, 2, 3, 4]
                loss = dot(v, W @ x) - y
                """));
        assertEquals(Shape.of(4, 7), m.params().get(0).shape());
        assertEquals(new Initializer.Values(new double[] {1, 2, 3, 4}), m.params().get(1).initializer());
        assertEquals(7, m.signature().inputSize());
        assertEquals("c", m.name());
        assertFalse(m.signature().hasPenalty());
    }

    @Test
    void modelNameDefaultsToTheFileNameMadeAName() {
        assertEquals("my_model_2", FrontEnd.check(new Source("dir/my model-2.mg", "input x\nloss = x\n")).name());
        assertEquals("_3d", FrontEnd.check(new Source("3d.mg", "input x\nloss = x\n")).signature().modelName());
    }

    @Test
    void powerBindsTighterThanUnaryMinusAndIsRightAssociative() {
        CheckedModel m = FrontEnd.check(new Source("p.mg", """
                input x
                param w = 1
                a = -x^2
                b = x^2^3
                c = 2^-w*3
                loss = a + b + c
                """));
        String ast = AstPrinter.print(m);
        assertTrue(ast.contains("""
                a : [] =
                  neg : []
                    ^ : []
                      x (input) : []
                      2 : []
                """), ast);
        assertTrue(ast.contains("""
                b : [] =
                  ^ : []
                    x (input) : []
                    ^ : []
                      2 : []
                      3 : []
                """), ast);
        assertTrue(ast.contains("""
                c : [] =
                  * : []
                    ^ : []
                      2 : []
                      neg : []
                        w (param) : []
                    3 : []
                """), ast);
    }

    @Test
    void indexingAMatrixRowGivesAVector() {
        CheckedModel m = FrontEnd.check(new Source("i.mg", """
                input x[2]
                param W[3, 2] = 0
                r = W[1]
                e = W[2, 1]
                loss = dot(r, x) + e + sum(where(x > 0, x, 0)) + max(x) + sum(max(x, 0))
                """));
        assertEquals(Shape.of(2), m.assignments().get(0).shape());
        assertEquals(Shape.SCALAR, m.assignments().get(1).shape());
    }

    private static CheckedModel check(String example) {
        return FrontEnd.check(Source.read(Golden.root().resolve("examples/" + example + ".mg")));
    }
}
