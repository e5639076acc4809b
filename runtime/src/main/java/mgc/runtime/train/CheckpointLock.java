package mgc.runtime.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import mgc.runtime.AtomicFiles;

/**
 * One writer per checkpoint: an OS file lock on {@code .NAME.lock} beside the checkpoint, held for a whole
 * training run. The operating system releases it when the process ends, however it ends, so a killed run
 * never blocks the next one. The empty lock file itself stays (deleting it would race with a process that
 * has just opened it).
 *
 * <p>Holding the lock proves that no live writer owns a temporary file of this checkpoint, so acquiring
 * it removes the temporaries that killed writers left behind ({@link #removedStale()}).
 */
public final class CheckpointLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;
    private final List<Path> removedStale;

    private CheckpointLock(FileChannel channel, FileLock lock, List<Path> removedStale) {
        this.channel = channel;
        this.lock = lock;
        this.removedStale = removedStale;
    }

    /**
     * Takes the lock of {@code checkpoint} without waiting.
     *
     * @throws CheckpointException if another process (or this one) holds it, or the lock file cannot be made
     */
    public static CheckpointLock acquire(Path checkpoint) {
        Path file = lockFileOf(checkpoint);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CheckpointException("cannot lock checkpoint " + checkpoint + ": cannot create " + file + ": "
                    + Checkpoint.describe(e), e);
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this process holds it already
        } catch (IOException e) {
            closeQuietly(ch);
            throw new CheckpointException("cannot lock checkpoint " + checkpoint + ": " + Checkpoint.describe(e), e);
        }
        if (lock == null) {
            closeQuietly(ch);
            throw new CheckpointException("checkpoint " + checkpoint
                    + " is being written by another running mgc process; wait for it to finish or save elsewhere");
        }
        try {
            return new CheckpointLock(ch, lock, AtomicFiles.removeStaleTemporaries(checkpoint));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new CheckpointException("cannot list the directory of checkpoint " + checkpoint + ": "
                    + Checkpoint.describe(e), e);
        }
    }

    /** The lock file of {@code checkpoint}: {@code .NAME.lock} in the same directory. */
    public static Path lockFileOf(Path checkpoint) {
        return checkpoint.toAbsolutePath().resolveSibling("." + checkpoint.getFileName() + ".lock");
    }

    /** The temporary files of interrupted writes that taking the lock removed. */
    public List<Path> removedStale() {
        return removedStale;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }
}
