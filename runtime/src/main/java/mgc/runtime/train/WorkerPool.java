package mgc.runtime.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon threads that run shares {@code 1..threads-1} of one job while the caller runs
 * share 0. A run allocates nothing (no futures, no tasks): the caller bumps a volatile generation and
 * unparks the workers; the last worker to finish unparks the caller.
 */
final class WorkerPool implements AutoCloseable {

    interface Share {
        void run(int worker);
    }

    private final Share share;
    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private volatile Thread caller;
    private volatile Throwable failure;

    WorkerPool(int threads, Share share) {
        this.share = share;
        this.workers = new Thread[threads - 1];
        for (int k = 1; k < threads; k++) {
            int id = k;
            Thread t = new Thread(() -> loop(id), "mgc-trainer-" + k);
            t.setDaemon(true);
            workers[k - 1] = t;
        }
        for (Thread t : workers) t.start();
    }

    private void loop(int id) {
        int seen = 0;
        while (true) {
            int g;
            while ((g = generation) == seen && !closed) LockSupport.park(this);
            if (closed) return;
            seen = g;
            try {
                share.run(id);
            } catch (Throwable e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
        }
    }

    /** Runs every share once and returns when all are done; a share's exception is rethrown here. */
    void run() {
        caller = Thread.currentThread();
        pending.set(workers.length);
        generation = generation + 1; // single writer
        for (Thread t : workers) LockSupport.unpark(t);
        Throwable mine = null;
        try {
            share.run(0);
        } catch (Throwable e) {
            mine = e;
        }
        while (pending.get() != 0) LockSupport.park(this);
        Throwable f = mine != null ? mine : failure;
        failure = null;
        if (f instanceof RuntimeException r) throw r;
        if (f instanceof Error e) throw e;
        if (f != null) throw new IllegalStateException(f);
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) LockSupport.unpark(t);
        for (Thread t : workers) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
