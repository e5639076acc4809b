package mgc.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import mgc.compiler.fuzz.ModelSources;
import mgc.compiler.testing.Golden;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Whatever the input, the front end returns a checked model or throws {@link CompileError} with
 * renderable diagnostics: no other exception, nothing printed, no stack overflow, no hang. Seeds
 * come from QuickTheories' {@code QT_SEED} (fixed by the build; {@code -Dqt.seed=N} to explore).
 */
class FrontRobustnessTest {

    private static final List<String> TOKENS = List.of(
            "model", "const", "input", "target", "param", "fn", "output", "loss", "penalty", "train", "to",
            "x", "y", "W1", "b1", "h", "N", "tanh", "sum", "max", "where", "dot", "softmax", "uniform", "xavier",
            "0", "1", "2.5", "1e-4", "16", "1e999", "\"s.csv\"", "\"open",
            "=", "~", "+", "-", "*", "/", "^", "@", "<", "<=", ">", "==", "!=", ",",
            "(", ")", "[", "]", "{", "}", "\n", "# comment\n", "// c\n", "$", "\t", ".");

    private PrintStream savedErr;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void captureStderr() {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(savedErr);
        assertEquals("", err.toString(StandardCharsets.UTF_8), "the front end printed to stderr");
    }

    @Test
    void randomTokenSequencesOnlyEverFailWithCompileError() {
        Gen<String> programs = lists().of(arbitrary().pick(TOKENS)).ofSizeBetween(0, 60)
                .map(tokens -> String.join(" ", tokens));
        qt().withExamples(600).forAll(programs).checkAssert(this::checkSafely);
        assertManyRejected(0.9);
    }

    @Test
    void singleCharacterMutationsOfExamplesOnlyEverFailWithCompileError() {
        List<String> sources = Golden.examples().stream().map(Golden::read).toList();
        Gen<String> mutants = arbitrary().pick(sources).zip(integers().between(0, 100_000),
                arbitrary().pick(List.of("", "(", ")", "[", "]", "x", "1", "-", "^", "@", "=", "~", "\n", "#", ",", "{", "}", "\"")),
                (text, at, replacement) -> {
                    int i = at % (text.length() + 1);
                    boolean insert = at % 2 == 0;
                    return text.substring(0, i) + replacement + text.substring(Math.min(text.length(), insert ? i : i + 1));
                });
        qt().withExamples(400).forAll(mutants).checkAssert(this::checkSafely);
        assertManyRejected(0.5);
    }

    @Test
    void grammarAwareModelsAndTheirMutationsOnlyEverFailWithCompileError() {
        List<String> corpus = Golden.examples().stream().map(Golden::read).toList();
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            String model = ModelSources.model(r);
            checkSafely(model);
            checkSafely(new String(ModelSources.mutate(r, model, corpus), StandardCharsets.UTF_8));
        });
        assertManyRejected(0.5);
    }

    /** Inputs checked and inputs rejected with a CompileError by this test method. */
    private int checked, rejected;

    private void checkSafely(String text) {
        boolean diagnosed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                FrontEnd.check(new Source("fuzz.mg", text));
                return false;
            } catch (CompileError e) {
                String rendered = e.render();
                assertTrue(rendered.startsWith("fuzz.mg"), rendered);
                return true;
            } catch (Throwable t) {
                return fail("front end threw " + t + " on:\n" + text, t);
            }
        });
        checked++;
        if (diagnosed) rejected++;
    }

    /** A generator that stopped producing bad inputs would leave the properties above nothing to check. */
    private void assertManyRejected(double minFraction) {
        System.out.println(rejected + " of " + checked + " inputs rejected with a diagnostic");
        assertTrue(rejected >= minFraction * checked, rejected + " of " + checked + " inputs rejected with a diagnostic, expected at least "
                + Math.round(100 * minFraction) + "%");
    }

    @Test
    void tenThousandNestedParenthesesGiveADiagnostic() {
        String deep = "(".repeat(10_000) + "w" + ")".repeat(10_000);
        CompileError e = assertThrows(CompileError.class,
                () -> FrontEnd.check(new Source("deep.mg", "param w = 0\nloss = " + deep + "\n")));
        assertEquals("brackets nested too deeply (the limit is 256 levels)", e.diagnostics().get(0).message());
        assertEquals(2, e.diagnostics().get(0).line());
        assertEquals(8 + 256, e.diagnostics().get(0).column());
    }

    @Test
    void longOperatorChainsGiveADiagnostic() {
        for (String deep : List.of("-".repeat(10_000) + "w", "w" + "^w".repeat(10_000), "w" + " + w".repeat(10_000),
                "[".repeat(10_000) + "]".repeat(10_000))) {
            CompileError e = assertThrows(CompileError.class,
                    () -> FrontEnd.check(new Source("deep.mg", "param w = 0\nloss = " + deep + "\n")));
            assertTrue(e.diagnostics().get(0).message().contains("nested too deeply"), e.render());
        }
    }

    @Test
    void overlongNamesGiveADiagnostic() {
        CompileError e = assertThrows(CompileError.class,
                () -> FrontEnd.check(new Source("long.mg", "loss = " + "v".repeat(100_000) + "\n")));
        assertEquals("name is too long (the limit is 256 characters)", e.diagnostics().get(0).message());
    }

    @Test
    void nestingWithinTheLimitsIsAccepted() {
        String parens = "(".repeat(256) + "w" + ")".repeat(256);
        String sum = "w" + " + w".repeat(700);
        FrontEnd.check(new Source("ok.mg", "param w = 0\nloss = " + parens + " + " + sum + "\n"));
    }
}
