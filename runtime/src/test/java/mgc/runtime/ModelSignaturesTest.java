package mgc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSignaturesTest {

    static ModelSignature sample(Map<String, String> defaults, double value) {
        return new ModelSignature("two moons",
                List.of(new TensorSpec("W1", new int[] {16, 2}, 0, new Initializer.Uniform(-1, 1)),
                        new TensorSpec("b1", new int[] {16}, 32, new Initializer.Fill(value)),
                        new TensorSpec("v", new int[] {3}, 48, new Initializer.Values(new double[] {0.1, -0.0, Double.MIN_VALUE})),
                        new TensorSpec("g", new int[0], 51, new Initializer.Normal(value, 1e-300)),
                        new TensorSpec("X", new int[] {2, 3, 4}, 52, new Initializer.Xavier()),
                        new TensorSpec("K", new int[] {4}, 76, new Initializer.Kaiming())),
                List.of(new TensorSpec("x", new int[] {2}, 0, null)),
                List.of(new TensorSpec("y", new int[0], 0, null)),
                List.of(new TensorSpec("score", new int[0], 0, null), new TensorSpec("h", new int[] {16}, 1, null)),
                true, defaults);
    }

    private static ModelSignatures.Loaded roundTrip(ModelSignature sig, String cls) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSignatures.write(sig, cls, out);
        return ModelSignatures.read(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void roundTripsExactly() {
        ModelSignature sig = sample(Map.of("optimizer", "sgd(lr = 1.0 to 0.1)", "data", "csv(\"a b\\c.csv\")", "", "\n\t\r "), 0.1);
        ModelSignatures.Loaded back = roundTrip(sig, "gen.Moons");
        assertEquals(sig, back.signature());
        assertEquals("gen.Moons", back.className());
    }

    @Test
    void anyTextAndAnyDoubleRoundTrip() {
        // every code point but lone surrogates, which UTF-8 cannot carry
        qt().withExamples(300).forAll(strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(0, 12),
                        strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(0, 12),
                        doubles().any())
                .checkAssert((k, v, d) -> {
                    ModelSignature sig = sample(Map.of(k, v), d);
                    assertEquals(sig, roundTrip(sig, k + "Cls").signature());
                });
    }

    private static String error(String text) {
        return assertThrows(ModelLoadException.class,
                () -> ModelSignatures.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))).getMessage();
    }

    @Test
    void malformedSignaturesAreRefusedByLine() {
        assertEquals("the model signature has format version 2; this runtime reads version 1 (recompile the model with a matching mgc)",
                error("mgc-signature 2\nclass A\n"));
        assertEquals("the model signature is malformed at line 1: this is not an mgc model signature", error("hello\n"));
        assertEquals("the model signature is empty", error(""));
        assertEquals("the model signature is truncated: no `end` line after line 3", error("mgc-signature 1\nclass A\nmodel m\n"));
        assertEquals("the model signature is malformed at line 3: initialiser `uniform` takes 2 numbers, found 1",
                error("mgc-signature 1\nclass A\nparam w [2] 0 uniform 1.0\n"));
        assertEquals("the model signature is malformed at line 3: expected `param NAME [SHAPE] OFFSET INITIALISER`",
                error("mgc-signature 1\nclass A\nparam w [2] 0\n"));
        assertEquals("the model signature is malformed at line 4: b has offset 3; expected 2",
                error("mgc-signature 1\nclass A\nparam w [2] 0 fill 0.0\nparam b [] 3 fill 0.0\n"));
        assertEquals("the model signature is malformed at line 4: no `penalty` line before `end`",
                error("mgc-signature 1\nmodel m\nclass A\nend\n"));
    }
}
