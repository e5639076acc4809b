package mgc.runtime.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import mgc.runtime.AtomicFiles;

/**
 * The real disk, except that it runs out of space: writing fails once {@code bytesBeforeFailure} bytes
 * have reached the temporary file (the write that crosses the limit stores its first part, as a real
 * write(2) does), or, with a limit past the end, forcing or the final rename fails.
 */
record FailingDisk(long bytesBeforeFailure, boolean failForce, boolean failReplace) implements AtomicFiles.Disk {

    static final String REASON = "No space left on device";

    static FailingDisk atByte(long offset) {
        return new FailingDisk(offset, false, false);
    }

    @Override
    public AtomicFiles.TempFile create(Path temp) throws IOException {
        AtomicFiles.TempFile real = AtomicFiles.Disk.REAL.create(temp);
        return new AtomicFiles.TempFile() {
            long written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                long room = bytesBeforeFailure - written;
                if (room <= 0) throw new FileSystemException(temp.toString(), null, REASON);
                ByteBuffer part = src.slice();
                if (part.remaining() > room) part.limit((int) room);
                int n = real.write(part);
                src.position(src.position() + n);
                written += n;
                return n;
            }

            @Override
            public void force() throws IOException {
                if (failForce) throw new FileSystemException(temp.toString(), null, "Input/output error");
                real.force();
            }

            @Override public boolean isOpen() { return real.isOpen(); }

            @Override public void close() throws IOException { real.close(); }
        };
    }

    @Override
    public void replace(Path temp, Path target) throws IOException {
        if (failReplace) throw new FileSystemException(temp.toString(), target.toString(), "Read-only file system");
        AtomicFiles.Disk.REAL.replace(temp, target);
    }
}
