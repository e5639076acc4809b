package mgc.compiler.cli;

import static mgc.compiler.cli.FrontendCliTest.mgc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Digits end to end on a small generated MNIST-style directory: 8x8 pictures of four classes (class c is
 * a bright bar on row 2c), written as the four standard IDX files, the training ones gzip-compressed.
 */
class DigitsCliTest {
    static final int SIDE = 8, CLASSES = 4, TRAIN = 160, TEST = 40;

    @TempDir static Path data;
    static Path model;

    @BeforeAll
    static void writeData() throws IOException {
        writePair(data, "train", TRAIN, 1, true);
        writePair(data, "t10k", TEST, 2, false);
        model = data.resolve("bars.mg");
        Files.writeString(model, String.join("\n",
                "model bars", "input x[" + SIDE * SIDE + "]", "target y[" + CLASSES + "]",
                "param W[" + CLASSES + ", " + SIDE * SIDE + "] ~ xavier", "param b[" + CLASSES + "] = 0",
                "logits = W @ x + b", "output logits", "loss = -dot(y, log_softmax(logits))",
                "train {", "  data = idx(\".\")", "  optimizer = adam(lr = 0.05)", "  epochs = 3", "  batch = 20", "  seed = 1", "}", ""));
    }

    /** Images with a bar on row 2 * label, some faint noise elsewhere; label i is (7 i + seed) mod CLASSES. */
    static void writePair(Path dir, String prefix, int n, int seed, boolean gz) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] pixels = new byte[n * SIDE * SIDE];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = (7 * i + seed) % CLASSES;
            labels[i] = (byte) c;
            for (int r = 0; r < SIDE; r++)
                for (int q = 0; q < SIDE; q++)
                    pixels[(i * SIDE + r) * SIDE + q] = (byte) (r == 2 * c ? 180 + rng.nextInt(76) : rng.nextInt(60));
        }
        String suffix = gz ? ".gz" : "";
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), maybeGzip(idx(3, new int[] {n, SIDE, SIDE}, pixels), gz));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), maybeGzip(idx(1, new int[] {n}, labels), gz));
    }

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 8, (byte) magic});
        for (int d : dims) out.writeBytes(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] maybeGzip(byte[] b, boolean gz) throws IOException {
        if (!gz) return b;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\\R");
        return lines[lines.length - 1];
    }

    private static final Pattern FINAL = Pattern.compile(
            "final: steps=24 loss=(\\S+) accuracy=(\\S+) test_loss=(\\S+) test_accuracy=(\\S+)");

    @Test
    void trainsOnTheDirectoryReportsTheTestSetEveryEpochAndDrawsWhatItGotWrong(@TempDir Path out) throws IOException {
        Path ckpt = out.resolve("bars.ckpt"), plots = out.resolve("plots");
        FrontendCliTest.Run r = mgc("train", model.toString(), "--save", ckpt.toString(), "--plot", plots.toString());
        assertEquals(0, r.code(), r.err());
        // 160 examples in batches of 20: 8 steps an epoch, a test line after each of the 3 epochs
        assertTrue(r.out().contains("epoch 1 (step 8): test loss "), r.out());
        assertTrue(r.out().contains("epoch 3 (step 24): test loss "), r.out());
        Matcher m = FINAL.matcher(lastLine(r.out()));
        assertTrue(m.matches(), r.out());
        assertEquals(1.0, Double.parseDouble(m.group(4)), 0.05);
        for (String png : new String[] {"loss.png", "confusion.png", "mistakes.png"}) {
            BufferedImage img = ImageIO.read(plots.resolve(png).toFile());
            assertTrue(img.getWidth() > 300 && img.getHeight() > 100, png);
        }
        // `mgc test` on the checkpoint reports the same test loss and accuracy as the final line, per class too
        FrontendCliTest.Run t = mgc("test", model.toString(), "--params", ckpt.toString());
        assertEquals(0, t.code(), t.err());
        String[] lines = t.out().strip().split("\\R");
        assertEquals("test: examples=40 loss=" + m.group(3) + " accuracy=" + m.group(4), lines[0]);
        assertEquals(1 + CLASSES, lines.length, t.out());
        assertTrue(lines[1].matches("class 0: examples=10 correct=\\d+ accuracy=\\d\\.\\d{4}"), lines[1]);
        // predicting the t10k images gives the argmax class and the outputs, one row per image
        FrontendCliTest.Run p = mgc("predict", model.toString(), "--params", ckpt.toString(),
                "--data", data.resolve("t10k-images-idx3-ubyte").toString());
        assertEquals(0, p.code(), p.err());
        String[] rows = p.out().strip().split("\\R");
        assertEquals("class,logits_0,logits_1,logits_2,logits_3", rows[0]);
        assertEquals(1 + TEST, rows.length);
        int right = 0;
        for (int i = 0; i < TEST; i++) {
            String[] f = rows[1 + i].split(",");
            int best = 0;
            for (int c = 1; c < CLASSES; c++) if (Double.parseDouble(f[1 + c]) > Double.parseDouble(f[1 + best])) best = c;
            assertEquals(Integer.toString(best), f[0]);
            if (best == (7 * i + 2) % CLASSES) right++;
        }
        assertEquals(Double.parseDouble(m.group(4)), right / (double) TEST, 1e-12);
    }

    @Test
    void aTestFlagAndASplitTogetherGiveValidationAndTestFigures() {
        FrontendCliTest.Run r = mgc("train", model.toString(), "--quiet", "--split", "0.25", "--epochs", "1",
                "--data", "idx(\"" + data.resolve("train-images-idx3-ubyte.gz") + "\", \"" + data.resolve("train-labels-idx1-ubyte.gz") + "\")",
                "--test", "idx(\"" + data.resolve("t10k-images-idx3-ubyte") + "\", \"" + data.resolve("t10k-labels-idx1-ubyte") + "\")");
        assertEquals(0, r.code(), r.err());
        assertTrue(lastLine(r.out()).matches("final: steps=6 loss=\\S+ accuracy=\\S+ validation_loss=\\S+ validation_accuracy=\\S+"
                + " test_loss=\\S+ test_accuracy=\\S+"), r.out());
    }

    @Test
    void aBrokenIdxFileIsRefusedWithItsNameAndNoStackTrace(@TempDir Path dir) throws IOException {
        for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"})
            Files.copy(data.resolve(f), dir.resolve(f));
        byte[] images = Files.readAllBytes(dir.resolve("t10k-images-idx3-ubyte"));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), java.util.Arrays.copyOf(images, images.length - 5));
        FrontendCliTest.Run r = mgc("train", model.toString(), "--quiet", "--data", dir.toString());
        assertEquals(1, r.code(), r.out());
        assertEquals(dir.resolve("t10k-images-idx3-ubyte") + ": error: truncated at byte " + (images.length - 5)
                + ": the header promises 40 images (2576 bytes in all), but image 39 is cut off", r.err().strip());

        byte[] labels = Files.readAllBytes(dir.resolve("t10k-labels-idx1-ubyte"));
        labels[8 + 3] = 4;
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images);
        FrontendCliTest.Run bad = mgc("train", model.toString(), "--quiet", "--data", dir.toString());
        assertEquals(1, bad.code(), bad.out());
        assertEquals(dir.resolve("t10k-labels-idx1-ubyte") + ": error: byte 11: label 4 of item 3 is outside 0..3 for target y[4]",
                bad.err().strip());
        assertFalse(bad.out().contains("final:"));
    }

    @Test
    void theMnistExampleChecksAndBindsToTheStandardDirectory() {
        Path example = mgc.compiler.testing.Golden.root().resolve("examples/mnist.mg");
        mgc.runtime.ModelSignature sig = mgc.compiler.front.FrontEnd.check(mgc.compiler.front.Source.read(example)).signature();
        assertEquals(784, sig.inputSize());
        assertEquals(10, sig.targetSize());
        assertEquals(10, sig.outputSize());
        mgc.runtime.data.DataSpec spec = mgc.runtime.data.DataSpec.parse(sig.trainDefaults().get("data"), example.getParent());
        assertEquals(new mgc.runtime.data.DataSpec.IdxDirectory(example.getParent().resolve("mnist/data")), spec);
        // (its test set needs the downloaded files, absent on a clean clone: the generated directories above cover it)
    }
}
