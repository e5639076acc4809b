package mgc.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replaces a file so that readers, and a crash, see either the old contents or the new ones: the new
 * bytes go to a temporary file {@code .NAME.<random hex>.tmp} in the same directory, are forced to disk,
 * and the temporary file is moved over the target with {@code ATOMIC_MOVE}. If writing fails the target
 * is untouched and the temporary file is removed. A process killed mid-write leaves its temporary file
 * behind; {@link #removeStaleTemporaries} removes those once no writer can own them.
 */
public final class AtomicFiles {

    /** Writes the new contents to the (temporary) channel. */
    public interface Body {
        void writeTo(WritableByteChannel channel) throws IOException;
    }

    /** A temporary file being written: bytes in, then forced to the storage device. */
    public interface TempFile extends WritableByteChannel {
        void force() throws IOException;
    }

    /**
     * The file-system steps of a write. {@link #REAL} is the only one outside tests; a test substitutes
     * one that fails at a chosen byte or step to show that every failure leaves the old file intact.
     */
    public interface Disk {
        TempFile create(Path temp) throws IOException;

        void replace(Path temp, Path target) throws IOException;

        Disk REAL = new Disk() {
            @Override
            public TempFile create(Path temp) throws IOException {
                FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new TempFile() {
                    @Override public int write(ByteBuffer src) throws IOException { return ch.write(src); }
                    @Override public void force() throws IOException { ch.force(true); }
                    @Override public boolean isOpen() { return ch.isOpen(); }
                    @Override public void close() throws IOException { ch.close(); }
                };
            }

            @Override
            public void replace(Path temp, Path target) throws IOException {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        };
    }

    private AtomicFiles() { }

    public static void write(Path target, Body body) throws IOException {
        write(target, body, Disk.REAL);
    }

    public static void write(Path target, Body body, Disk disk) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (TempFile out = disk.create(temp)) {
                body.writeTo(out);
                out.force();
            }
            disk.replace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(dir);
    }

    /**
     * Deletes the temporary files that interrupted writes of {@code target} left beside it and returns
     * them. Only a caller that knows no other writer is active (it holds the target's lock) may call this.
     */
    public static List<Path> removeStaleTemporaries(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Pattern temporary = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\.[0-9a-f]{1,16}\\.tmp");
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (temporary.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p) && Files.deleteIfExists(p))
                    removed.add(p);
            }
        }
        return removed;
    }

    /** Makes the rename itself durable where the platform allows it. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // directories cannot be opened or forced everywhere (Windows); the file itself is on disk
        }
    }
}
