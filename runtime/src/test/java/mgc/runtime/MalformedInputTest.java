package mgc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mgc.runtime.data.CsvData;
import mgc.runtime.data.DataException;
import mgc.runtime.data.DataSpec;
import mgc.runtime.optim.OptimizerSpec;
import mgc.runtime.spec.SpecException;
import mgc.runtime.testing.Hinge;
import mgc.runtime.testing.Linear;
import mgc.runtime.train.Checkpoint;
import mgc.runtime.train.CheckpointException;
import mgc.runtime.train.CheckpointState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the bytes, readers and parsers fail only with their user-facing exception, never a crash. */
class MalformedInputTest {

    @TempDir Path dir;

    /** Strings over an alphabet that hits the interesting paths of each format. */
    private static org.quicktheories.core.Gen<String> over(String alphabet, int maxLength) {
        return lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(0, maxLength).map(l -> {
            StringBuilder sb = new StringBuilder();
            for (int i : l) sb.append(alphabet.charAt(i));
            return sb.toString();
        });
    }

    /** Inputs tried and inputs rejected with the expected exception by this test method. */
    private int tried, rejected;

    private void expectOnly(Class<? extends RuntimeException> allowed, Runnable r) {
        tried++;
        try {
            r.run();
        } catch (RuntimeException e) {
            assertEquals(allowed, e.getClass(), () -> "unexpected " + e);
            rejected++;
        }
    }

    /** Inputs that were all accepted would leave the property nothing to check. */
    private void assertManyRejected(double minFraction) {
        System.out.println(rejected + " of " + tried + " inputs rejected");
        assertTrue(rejected >= minFraction * tried,
                rejected + " of " + tried + " inputs rejected, expected at least " + Math.round(100 * minFraction) + "%");
    }

    @Test
    void csvFiles() {
        Path f = dir.resolve("fuzz.csv");
        qt().withExamples(150).forAll(over("x_01y[],\"\n\r .-e5NaIf\uFEFF", 40)).checkAssert(text -> {
            try {
                Files.writeString(f, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            expectOnly(DataException.class, () -> CsvData.load(f, new Linear().signature()));
        });
        assertManyRejected(0.9);
    }

    @Test
    void optimizerAndDataSpecs() {
        String alphabet = "sgdmoentuadw(lr=1.0 to,)\":-e5cosinbl";
        qt().withExamples(500).forAll(over(alphabet, 30)).checkAssert(text -> {
            expectOnly(SpecException.class, () -> OptimizerSpec.parse(text));
            expectOnly(SpecException.class, () -> DataSpec.parse(text, dir));
        });
        qt().withExamples(200).forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 30)).checkAssert(text -> {
            expectOnly(SpecException.class, () -> OptimizerSpec.parse(text));
            expectOnly(SpecException.class, () -> DataSpec.parse(text, dir));
        });
        assertManyRejected(0.4);
    }

    @Test
    void signatures() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSignatures.write(new Hinge().signature(), "gen.Hinge", out);
        String good = out.toString(StandardCharsets.UTF_8);
        qt().withExamples(300).forAll(integers().between(0, good.length() - 1), integers().between(0, good.length()),
                over("mgc-signature 1\nparamxyz[2,]0.5fill\\s", 6)).checkAssert((at, to, insert) -> {
                    String bad = good.substring(0, at) + insert + good.substring(Math.max(at, to));
                    expectOnly(ModelLoadException.class,
                            () -> ModelSignatures.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))));
                });
        assertManyRejected(0.6);
    }

    @Test
    void checkpoints() throws IOException {
        Path f = dir.resolve("c.ckpt");
        Hinge m = new Hinge();
        Checkpoint.save(f, m.signature(), new CheckpointState(new double[3], "adam", new double[7], 4, 1, 0, 2));
        byte[] good = Files.readAllBytes(f);
        qt().withExamples(150).forAll(integers().between(0, good.length - 1), integers().between(0, 255),
                integers().between(1, good.length)).checkAssert((at, value, length) -> {
                    byte[] bad = java.util.Arrays.copyOf(good, length);
                    if (at < length) bad[at] = (byte) (int) value;
                    try {
                        Files.write(f, bad);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    expectOnly(CheckpointException.class, () -> Checkpoint.load(f, m.signature()));
                });
        assertManyRejected(0.9);
    }
}
