package mgc.runtime.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * Reads the IDX files MNIST is distributed in, plain or gzip-compressed (recognised by the gzip magic
 * bytes, not the name), strictly: an image file is magic {@code 0x00000803} then three big-endian
 * 32-bit dimensions (count, rows, columns) then {@code count * rows * columns} unsigned bytes; a label
 * file is magic {@code 0x00000801}, one dimension (count) and {@code count} unsigned bytes. Any other
 * magic or element type, a zero dimension, a file cut short or with bytes after the data is an error
 * naming the file and the byte offset (in the uncompressed data), never a partial load.
 *
 * <p>Pixels are scaled to [0, 1] as {@code byte / 255}. Images bind to a model's one input whose size is
 * {@code rows * columns} ({@code x[784]} or {@code x[28, 28]}, row-major); labels bind to its one vector
 * target {@code y[K]} as one-hot rows (see {@link ClassLabels}).
 */
public final class Idx {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final int UNSIGNED_BYTE = 0x08;

    /** {@code pixel / 255} for each byte value, so a pixel costs one table load. */
    private static final double[] SCALE = new double[256];

    static {
        for (int i = 0; i < 256; i++) SCALE[i] = i / 255.0;
    }

    private Idx() { }

    /** {@code count} images of {@code rows x columns} pixels in [0, 1], row-major, image after image. */
    public record Images(Path file, int count, int rows, int columns, double[] pixels) {
        public int pixelsPerImage() { return rows * columns; }
    }

    /** Class labels 0..255, one per item. */
    public record Labels(Path file, int[] labels) {
        public int count() { return labels.length; }
    }

    public static Images readImages(Path file) {
        byte[] b = bytes(file);
        int[] dims = header(file, b, IMAGES_MAGIC, "image", "3 (count, rows, columns)");
        int count = dims[0], rows = dims[1], cols = dims[2];
        long pixels = (long) count * rows * cols;
        if (pixels > Integer.MAX_VALUE - 16)
            throw new DataException(file, 0, 0, "byte 4: " + count + " images of " + rows + "x" + cols + " are too many to hold");
        int start = 16;
        expectLength(file, b, start, pixels, count, rows * cols, "image");
        double[] out = new double[(int) pixels];
        for (int i = 0; i < out.length; i++) out[i] = SCALE[b[start + i] & 0xff];
        return new Images(file, count, rows, cols, out);
    }

    public static Labels readLabels(Path file) {
        byte[] b = bytes(file);
        int[] dims = header(file, b, LABELS_MAGIC, "label", "1 (count)");
        int count = dims[0];
        int start = 8;
        expectLength(file, b, start, count, count, 1, "label");
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = b[start + i] & 0xff;
        return new Labels(file, labels);
    }

    /** Images and their labels as training or test data for {@code sig}. */
    public static Dataset load(Path images, Path labels, ModelSignature sig) {
        Images im = readImages(images);
        Labels lb = readLabels(labels);
        if (im.count() != lb.count())
            throw new DataException(labels, 0, 0, "has " + lb.count() + " labels but " + images + " has " + im.count()
                    + " images; they must pair one to one");
        checkInput(im, sig);
        List<TensorSpec> tg = sig.targets();
        if (tg.size() != 1 || tg.get(0).rank() != 1 || tg.get(0).size() < 2)
            throw new DataException(labels, 0, 0, "IDX labels are classes, which bind to one vector target such as "
                    + "`target y[10]` (one-hot); model `" + sig.modelName() + "` has " + describe(tg));
        TensorSpec t = tg.get(0);
        int k = t.size();
        for (int i = 0; i < lb.count(); i++) {
            int c = lb.labels()[i];
            if (c >= k)
                throw new DataException(labels, 0, 0, "byte " + (8 + i) + ": label " + c + " of item " + i
                        + " is outside 0.." + (k - 1) + " for target " + t.name() + t.shapeText());
        }
        return new Dataset(im.count(), im.pixelsPerImage(), k, im.pixels(), ClassLabels.oneHot(lb.labels(), k));
    }

    /** Images only (no targets), for prediction. */
    public static Dataset loadInputs(Path images, ModelSignature sig) {
        Images im = readImages(images);
        checkInput(im, sig);
        return new Dataset(im.count(), im.pixelsPerImage(), 0, im.pixels(), new double[0]);
    }

    /** True if the file starts (after gunzipping) like an IDX file: two zero bytes. */
    public static boolean looksLikeIdx(Path file) {
        try (InputStream in = open(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 0 && head[1] == 0 && (head[3] == 1 || head[3] == 3);
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkInput(Images im, ModelSignature sig) {
        List<TensorSpec> in = sig.inputs();
        if (in.size() != 1 || in.get(0).size() != im.pixelsPerImage())
            throw new DataException(im.file(), 0, 0, "the images are " + im.rows() + "x" + im.columns() + " ("
                    + im.pixelsPerImage() + " pixels), for one input of that size such as `input x[" + im.pixelsPerImage()
                    + "]` or `input x[" + im.rows() + ", " + im.columns() + "]`; model `" + sig.modelName() + "` has "
                    + describe(in));
    }

    /** Checks the magic number and returns the dimensions. */
    private static int[] header(Path file, byte[] b, int magic, String what, String dimsText) {
        if (b.length < 4)
            throw new DataException(file, 0, 0, "truncated: " + b.length + " bytes; an IDX file starts with a 4-byte magic number");
        int found = readInt(b, 0);
        String expected = String.format("0x%08X", magic);
        if (b[0] != 0 || b[1] != 0)
            throw new DataException(file, 0, 0, "byte 0: not an IDX file: the magic number is " + String.format("0x%08X", found)
                    + "; an IDX " + what + " file starts with " + expected);
        if ((b[2] & 0xff) != UNSIGNED_BYTE)
            throw new DataException(file, 0, 0, "byte 2: element type " + String.format("0x%02X", b[2] & 0xff)
                    + " is not supported; MNIST's IDX files hold unsigned bytes (0x08)");
        int rank = b[3] & 0xff;
        int expectedRank = magic & 0xff;
        if (rank != expectedRank) {
            String hint = rank == 1 ? " (is it a label file?)" : rank == 3 ? " (is it an image file?)" : "";
            throw new DataException(file, 0, 0, "byte 3: an IDX " + what + " file has " + dimsText + " dimension"
                    + (expectedRank == 1 ? "" : "s") + "; this one has " + rank + hint);
        }
        int headerLength = 4 + 4 * rank;
        if (b.length < headerLength)
            throw new DataException(file, 0, 0, "truncated at byte " + b.length + ": the header of an IDX " + what
                    + " file is " + headerLength + " bytes");
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = readInt(b, 4 + 4 * d);
            if (dims[d] <= 0)
                throw new DataException(file, 0, 0, "byte " + (4 + 4 * d) + ": dimension " + d + " is "
                        + Integer.toUnsignedString(dims[d]) + "; it must be between 1 and " + Integer.MAX_VALUE);
        }
        return dims;
    }

    /** Refuses a file cut short or with bytes after its data. */
    private static void expectLength(Path file, byte[] b, int start, long dataBytes, int count, int itemBytes, String what) {
        long expected = start + dataBytes;
        if (b.length < expected) {
            long whole = (b.length - start) / itemBytes;
            throw new DataException(file, 0, 0, "truncated at byte " + b.length + ": the header promises " + count + " "
                    + what + "s (" + expected + " bytes in all), but " + what + " " + whole + " is cut off");
        }
        if (b.length > expected)
            throw new DataException(file, 0, 0, "byte " + expected + ": " + (b.length - expected) + " bytes after the last of the "
                    + count + " " + what + "s the header promises");
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** The whole (uncompressed) content; MNIST's largest file is 47 MB. */
    private static byte[] bytes(Path file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new DataException(file, 0, 0, "cannot read: no such file");
        } catch (EOFException e) {
            throw new DataException(file, 0, 0, "truncated: the gzip stream ends early");
        } catch (ZipException e) {
            throw new DataException(file, 0, 0, "corrupt gzip data: " + e.getMessage());
        } catch (IOException e) {
            throw new DataException(file, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    private static InputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new IOException("it is a directory");
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 != 0x1f || b1 != 0x8b) return in;
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    private static String describe(List<TensorSpec> specs) {
        if (specs.isEmpty()) return "none";
        StringBuilder sb = new StringBuilder();
        for (TensorSpec s : specs) sb.append(sb.length() == 0 ? "" : ", ").append(s.name()).append(s.rank() == 0 ? "" : s.shapeText());
        return sb.toString();
    }
}
