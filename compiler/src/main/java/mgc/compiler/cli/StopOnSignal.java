package mgc.compiler.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Ctrl-C or SIGTERM during training asks the trainer to stop between steps, and the JVM waits until the
 * run has finished its last line (and checkpoint) before it exits. {@link #close()} ends the wait and
 * removes the hook when the run ended on its own.
 */
final class StopOnSignal implements AutoCloseable {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    StopOnSignal(Runnable requestStop) {
        hook = new Thread(() -> {
            requestStop.run();
            try {
                finished.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "mgc-sigint");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        finished.countDown(); // after the final line: on a signal the JVM exits once the hook returns
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal: the hook is running and waits for us
        }
    }
}
