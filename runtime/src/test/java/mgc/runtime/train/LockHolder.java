package mgc.runtime.train;

import java.nio.file.Path;

/** A separate process for {@link CheckpointLockTest}: takes the lock of {@code args[0]}, says so, and waits to be killed. */
public final class LockHolder {
    public static void main(String[] args) throws InterruptedException {
        try (CheckpointLock lock = CheckpointLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
