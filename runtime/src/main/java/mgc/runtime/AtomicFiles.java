package mgc.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that readers, and a crash, see either the old contents or the new ones: the new
 * bytes go to a temporary file in the same directory, are forced to disk, and the temporary file is
 * moved over the target with {@code ATOMIC_MOVE}. If writing fails the target is untouched and the
 * temporary file is removed.
 */
public final class AtomicFiles {

    /** Writes the new contents to the (temporary) channel. */
    public interface Body {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() { }

    public static void write(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.writeTo(ch);
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(dir);
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
