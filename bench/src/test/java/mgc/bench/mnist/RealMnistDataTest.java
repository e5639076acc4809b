package mgc.bench.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks' {@code real} data: MNIST's first training images when the IDX files are there, a clear error when not. */
class RealMnistDataTest {

    @Test
    void readsTheFirstImagesAndLabels(@TempDir Path dir) throws IOException {
        int count = 3;
        ByteBuffer images = ByteBuffer.allocate(16 + count * 784).putInt(0x803).putInt(count).putInt(28).putInt(28);
        for (int i = 0; i < count * 784; i++) images.put((byte) (i % 7 == 0 ? 255 : 0));
        Files.write(dir.resolve("train-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve("train-labels-idx1-ubyte"), ByteBuffer.allocate(8 + count).putInt(0x801).putInt(count).put(new byte[] {7, 2, 9}).array());
        MnistLikeData d = MnistLikeData.real(dir, 2);
        assertEquals(2, d.examples());
        assertArrayEquals(new int[] {7, 2}, d.labels());
        assertEquals(2 * 784, d.x().length);
        assertEquals(1.0, d.x()[7]);
        assertEquals(0.0, d.x()[8]);
        assertTrue(Math.abs(d.zeroFraction() - 6.0 / 7) < 0.01, "zero fraction " + d.zeroFraction());
    }

    @Test
    void missingFilesSayWhereItLookedAndHowToGetThem(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MnistLikeData.real(dir, 64));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("examples/mnist/fetch.sh"), e.getMessage());
    }
}
