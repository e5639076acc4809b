package mgc.runtime.train;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32;
import mgc.runtime.AtomicFiles;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * Checkpoints: a binary file, big-endian.
 * <pre>
 * magic    8 bytes  "MGCCKPT\0"
 * version  int      1
 * length   long     payload bytes
 * payload:
 *   model name, parameter layout ("W1[16, 2], b1[16]")   each an int byte count then UTF-8
 *   fingerprint      32 bytes: SHA-256 of the layout text
 *   optimizer name   int byte count then UTF-8
 *   step int, seed long, epoch int, position int
 *   params           int count then doubles
 *   optimizer state  int count then doubles
 * crc      int      CRC32 of the payload
 * </pre>
 * Saving is atomic ({@link AtomicFiles}): a crash or a failed write leaves either the old checkpoint or
 * the new one.
 */
public final class Checkpoint {

    private static final byte[] MAGIC = "MGCCKPT\0".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    private static final int HEADER = MAGIC.length + 4 + 8;

    private Checkpoint() { }

    public static void save(Path file, ModelSignature sig, CheckpointState state) {
        save(file, sig, state, AtomicFiles.Disk.REAL);
    }

    /** As {@link #save(Path, ModelSignature, CheckpointState)}, on {@code disk} (tests make it fail). */
    static void save(Path file, ModelSignature sig, CheckpointState state, AtomicFiles.Disk disk) {
        if (state.params().length != sig.paramSize())
            throw new CheckpointException("cannot save " + state.params().length + " parameters for model `"
                    + sig.modelName() + "`, which has " + sig.paramSize());
        byte[] bytes = encode(sig, state);
        try {
            AtomicFiles.write(file, ch -> {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
            }, disk);
        } catch (IOException e) {
            throw new CheckpointException("cannot write checkpoint " + file + ": " + describe(e)
                    + (Files.isRegularFile(file) ? "; the previous checkpoint is unchanged" : ""), e);
        }
    }

    /** Reads a checkpoint and checks that it belongs to a model with {@code sig}'s parameters. */
    public static CheckpointState load(Path file, ModelSignature sig) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + describe(e), e);
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        boolean magicOk = Arrays.equals(Arrays.copyOf(b, Math.min(b.length, MAGIC.length)),
                Arrays.copyOf(MAGIC, Math.min(b.length, MAGIC.length)));
        if (!magicOk || b.length == 0) throw new CheckpointException(file + " is not an mgc checkpoint");
        if (b.length < HEADER) throw truncated(file, HEADER, b.length);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != VERSION)
            throw new CheckpointException("checkpoint " + file + " has format version " + version
                    + "; this runtime reads version " + VERSION);
        long length = in.getLong();
        long expected = HEADER + length + 4;
        if (length < 0 || b.length < expected) throw truncated(file, expected, b.length);
        if (b.length > expected)
            throw new CheckpointException("checkpoint " + file + " is corrupt: " + (b.length - expected)
                    + " unexpected bytes after its end");
        CRC32 crc = new CRC32();
        crc.update(b, HEADER, (int) length);
        in.position(HEADER + (int) length);
        if ((int) crc.getValue() != in.getInt())
            throw new CheckpointException("checkpoint " + file + " is corrupt: checksum mismatch");
        in.position(HEADER).limit(HEADER + (int) length);
        try {
            String model = string(in);
            String layout = string(in);
            byte[] fingerprint = new byte[32];
            in.get(fingerprint);
            String mine = layout(sig);
            if (!Arrays.equals(fingerprint, sha256(mine)))
                throw new CheckpointException("checkpoint " + file + " is for model `" + model + "` with params " + layout
                        + "; this model (`" + sig.modelName() + "`) has params " + mine);
            String optimizer = string(in);
            int step = in.getInt();
            long seed = in.getLong();
            int epoch = in.getInt();
            int position = in.getInt();
            double[] params = doubles(in);
            double[] optState = doubles(in);
            if (in.hasRemaining()) throw new CheckpointException("checkpoint " + file + " is corrupt: unexpected trailing data");
            return new CheckpointState(params, optimizer, optState, step, seed, epoch, position);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new CheckpointException("checkpoint " + file + " is corrupt: its contents do not parse", e);
        }
    }

    /** The parameter layout the fingerprint covers: names and shapes in order. */
    static String layout(ModelSignature sig) {
        StringBuilder sb = new StringBuilder();
        for (TensorSpec p : sig.params()) sb.append(sb.length() == 0 ? "" : ", ").append(p.name()).append(p.shapeText());
        return sb.length() == 0 ? "(none)" : sb.toString();
    }

    private static byte[] encode(ModelSignature sig, CheckpointState s) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(payload);
            string(out, sig.modelName());
            String layout = layout(sig);
            string(out, layout);
            out.write(sha256(layout));
            string(out, s.optimizer());
            out.writeInt(s.step());
            out.writeLong(s.seed());
            out.writeInt(s.epoch());
            out.writeInt(s.position());
            doubles(out, s.params());
            doubles(out, s.optimizerState());
            out.flush();
            byte[] p = payload.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(p);
            ByteBuffer all = ByteBuffer.allocate(HEADER + p.length + 4);
            all.put(MAGIC).putInt(VERSION).putLong(p.length).put(p).putInt((int) crc.getValue());
            return all.array();
        } catch (IOException e) {
            throw new AssertionError(e); // in-memory streams do not fail
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) throw new IllegalArgumentException("bad string length");
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void doubles(DataOutputStream out, double[] d) throws IOException {
        out.writeInt(d.length);
        for (double v : d) out.writeLong(Double.doubleToRawLongBits(v));
    }

    private static double[] doubles(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || (long) n * 8 > in.remaining()) throw new IllegalArgumentException("bad array length");
        double[] d = new double[n];
        in.asDoubleBuffer().get(d);
        in.position(in.position() + 8 * n);
        return d;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    private static CheckpointException truncated(Path file, long expected, long found) {
        return new CheckpointException("checkpoint " + file + " is truncated: expected " + expected + " bytes, found " + found);
    }

    /** The reason an I/O operation failed, as the operating system says it ("No space left on device"). */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
