package mgc.runtime.data;

import static mgc.runtime.testing.IdxFiles.gzip;
import static mgc.runtime.testing.IdxFiles.idx;
import static mgc.runtime.testing.IdxFiles.images;
import static mgc.runtime.testing.IdxFiles.labels;
import static mgc.runtime.testing.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import mgc.runtime.testing.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxTest {

    @TempDir Path dir;

    /** A model over 2x3 pictures with three classes; {@code input} is the input's shape. */
    private static ModelSignature model(int[] input, int[] target) {
        return new ModelSignature("pics", List.of(), List.of(new TensorSpec("x", input, 0, null)),
                List.of(new TensorSpec("y", target, 0, null)), List.of(), false, Map.of());
    }

    private static final ModelSignature PICS = model(new int[] {2, 3}, new int[] {3});

    /** Two 2x3 images; the second has a pixel above 127 (unsigned) and the extremes 0 and 255. */
    private static final int[] PIXELS = {0, 51, 102, 153, 204, 255, 255, 0, 128, 1, 2, 3};

    private Path file(String name, byte[] data) {
        return write(dir.resolve(name), data);
    }

    private String error(Runnable load) {
        return assertThrows(DataException.class, load::run).getMessage().replace(dir.toString() + "/", "");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsImagesAndLabelsPlainOrGzipScaledToTheUnitInterval(boolean gz) {
        byte[] im = images(2, 2, 3, PIXELS), lb = labels(new int[] {2, 0});
        Path images = file("im", gz ? gzip(im) : im), labels = file("lb", gz ? gzip(lb) : lb);
        Dataset d = Idx.load(images, labels, PICS);
        assertEquals(2, d.size());
        assertEquals(6, d.inputSize());
        double[] expected = Arrays.stream(PIXELS).mapToDouble(p -> p / 255.0).toArray();
        assertArrayEquals(expected, d.inputs(), 0);
        assertEquals(0.0, d.inputs()[0]);
        assertEquals(1.0, d.inputs()[5]);
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, d.targets(), 0);
        assertTrue(Idx.looksLikeIdx(images));
        assertTrue(Idx.looksLikeIdx(labels));
    }

    @Test
    void dimensionsAreBigEndianAndBindToAVectorInputOfTheSameSize() {
        // 258 = 0x00000102 rows: a little-endian reader would see 0x02010000
        int[] pixels = new int[258];
        pixels[257] = 255;
        Path images = file("im", images(1, 258, 1, pixels));
        Idx.Images im = Idx.readImages(images);
        assertEquals(258, im.rows());
        assertEquals(1, im.columns());
        assertEquals(1.0, im.pixels()[257]);
        Dataset d = Idx.loadInputs(images, model(new int[] {258}, new int[] {2}));
        assertEquals(0, d.targetSize());
        assertEquals(258, d.inputSize());
    }

    @Test
    void aWrongMagicNumberIsRefusedAtByteZero() {
        Path f = file("im", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        assertEquals("im: error: byte 0: not an IDX file: the magic number is 0x504B0304; an IDX image file starts with 0x00000803",
                error(() -> Idx.readImages(f)));
        assertFalse(Idx.looksLikeIdx(f));
    }

    @Test
    void anElementTypeOtherThanUnsignedBytesIsRefused() {
        Path f = file("im", idx(0x0D, new int[] {1, 1, 1}, new int[] {0, 0, 0, 0}));
        assertEquals("im: error: byte 2: element type 0x0D is not supported; MNIST's IDX files hold unsigned bytes (0x08)",
                error(() -> Idx.readImages(f)));
    }

    @Test
    void aLabelFileGivenAsImagesAndTheReverseAreRefused() {
        Path labels = file("lb", labels(new int[] {1, 2}));
        Path images = file("im", images(2, 2, 3, PIXELS));
        assertEquals("lb: error: byte 3: an IDX image file has 3 (count, rows, columns) dimensions; this one has 1 (is it a label file?)",
                error(() -> Idx.readImages(labels)));
        assertEquals("im: error: byte 3: an IDX label file has 1 (count) dimension; this one has 3 (is it an image file?)",
                error(() -> Idx.readLabels(images)));
    }

    @Test
    void aZeroOrHugeDimensionIsRefusedWithItsOffset() {
        Path zero = file("im", images(2, 0, 3, new int[0]));
        assertEquals("im: error: byte 8: dimension 1 is 0; it must be between 1 and 2147483647", error(() -> Idx.readImages(zero)));
        Path huge = file("lb", idx(0x08, new int[] {0x80000000}, new int[0]));
        assertEquals("lb: error: byte 4: dimension 0 is 2147483648; it must be between 1 and 2147483647", error(() -> Idx.readLabels(huge)));
    }

    @Test
    void truncatedFilesAreRefusedNeverLoadedInPart() {
        byte[] full = images(2, 2, 3, PIXELS);
        Path cut = file("im", Arrays.copyOf(full, full.length - 1));
        assertEquals("im: error: truncated at byte 27: the header promises 2 images (28 bytes in all), but image 1 is cut off",
                error(() -> Idx.readImages(cut)));
        Path header = file("im2", Arrays.copyOf(full, 10));
        assertEquals("im2: error: truncated at byte 10: the header of an IDX image file is 16 bytes", error(() -> Idx.readImages(header)));
        Path tiny = file("im3", new byte[] {0, 0});
        assertEquals("im3: error: truncated: 2 bytes; an IDX file starts with a 4-byte magic number", error(() -> Idx.readImages(tiny)));
        byte[] gz = gzip(full);
        Path cutGz = file("im4", Arrays.copyOf(gz, gz.length - 12));
        assertEquals("im4: error: truncated: the gzip stream ends early", error(() -> Idx.readImages(cutGz)));
        byte[] lb = labels(new int[] {1, 2, 0});
        Path cutLabels = file("lb", Arrays.copyOf(lb, lb.length - 2));
        assertEquals("lb: error: truncated at byte 9: the header promises 3 labels (11 bytes in all), but label 1 is cut off",
                error(() -> Idx.readLabels(cutLabels)));
    }

    @Test
    void bytesAfterTheDataAreRefused() {
        byte[] full = images(2, 2, 3, PIXELS);
        Path f = file("im", Arrays.copyOf(full, full.length + 3));
        assertEquals("im: error: byte 28: 3 bytes after the last of the 2 images the header promises", error(() -> Idx.readImages(f)));
    }

    @Test
    void corruptGzipIsRefused() {
        byte[] gz = gzip(images(2, 2, 3, PIXELS));
        gz[12] ^= 0x55;
        gz[13] ^= 0x55;
        Path f = file("im", gz);
        String m = error(() -> Idx.readImages(f));
        assertTrue(m.startsWith("im: error: corrupt gzip data") || m.startsWith("im: error: truncated"), m);
    }

    @Test
    void imageAndLabelCountsMustMatch() {
        Path images = file("im", images(2, 2, 3, PIXELS));
        Path labels = file("lb", labels(new int[] {1, 2, 0}));
        assertEquals("lb: error: has 3 labels but im has 2 images; they must pair one to one",
                error(() -> Idx.load(images, labels, PICS)));
    }

    @Test
    void aLabelOutsideTheTargetsClassesNamesItsItemAndOffset() {
        Path images = file("im", images(2, 2, 3, PIXELS));
        Path labels = file("lb", labels(new int[] {1, 3}));
        assertEquals("lb: error: byte 9: label 3 of item 1 is outside 0..2 for target y[3]",
                error(() -> Idx.load(images, labels, PICS)));
    }

    @Test
    void theModelMustHaveOneInputOfThePictureSizeAndOneVectorTarget() {
        Path images = file("im", images(2, 2, 3, PIXELS));
        Path labels = file("lb", labels(new int[] {1, 2}));
        assertEquals("im: error: the images are 2x3 (6 pixels), for one input of that size such as `input x[6]` or `input x[2, 3]`; "
                + "model `pics` has x[5]", error(() -> Idx.load(images, labels, model(new int[] {5}, new int[] {3}))));
        assertEquals("lb: error: IDX labels are classes, which bind to one vector target such as `target y[10]` (one-hot); "
                + "model `pics` has y", error(() -> Idx.load(images, labels, model(new int[] {6}, new int[0]))));
    }

    @Test
    void missingFilesAndDirectoriesAreNamed() {
        assertEquals("nope: error: cannot read: no such file", error(() -> Idx.readImages(dir.resolve("nope"))));
        assertEquals(": error: cannot read: it is a directory", error(() -> Idx.readImages(dir)).replace(dir.toString(), ""));
    }

    @Test
    void aDirectoryOfTheFourStandardFilesGivesTrainingDataAndItsTestSet() {
        IdxFiles.writeDirectory(dir, 3, 3, 12, 5, true);
        DataSpec spec = DataSpec.parse(dir.toString(), Path.of("."));
        assertTrue(spec instanceof DataSpec.IdxDirectory);
        ModelSignature sig = model(new int[] {9}, new int[] {3});
        assertEquals(12, spec.load(sig).size());
        assertEquals(5, spec.bundledTest().orElseThrow().load(sig).size());
        assertEquals(spec, DataSpec.parse("idx(\"" + dir + "\")", Path.of(".")));
        DataSpec pair = DataSpec.parse("idx(\"t10k-images-idx3-ubyte.gz\", \"t10k-labels-idx1-ubyte.gz\")", dir);
        assertEquals(new DataSpec.IdxPair(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz")), pair);
        assertTrue(pair.bundledTest().isEmpty());
        assertEquals(5, pair.load(sig).size());
    }

    @Test
    void aDirectoryWithoutTheStandardFilesSaysWhichIsMissing() {
        IdxFiles.writeDirectory(dir, 3, 3, 4, 4, false);
        dir.resolve("t10k-labels-idx1-ubyte").toFile().delete();
        DataSpec spec = DataSpec.parse(dir.toString(), Path.of("."));
        String m = error(() -> spec.bundledTest().orElseThrow().load(model(new int[] {9}, new int[] {3})));
        assertTrue(m.contains("error: no t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz) in this directory"), m);
    }

    /** A fresh clone has no examples/mnist/data: the message says what belongs there and how to get it. */
    @Test
    void aMissingDirectorySaysWhatItShouldHoldAndHowToGetIt() {
        DataSpec.IdxDirectory spec = new DataSpec.IdxDirectory(dir.resolve("data"));
        String m = error(() -> spec.train().load(model(new int[] {9}, new int[] {3})));
        assertTrue(m.contains("data: error: not a directory; expected one holding train-images-idx3-ubyte, "), m);
        assertTrue(m.endsWith("(each plain or .gz; examples/mnist/fetch.sh downloads them)"), m);
    }

    @Test
    void aDirectoryWithoutMnistFilesIsNotTakenForOne() throws java.io.IOException {
        Path parquet = java.nio.file.Files.createDirectory(dir.resolve("table.parquet"));
        assertEquals(new DataSpec.Csv(parquet), DataSpec.parse("table.parquet", dir));
    }
}
