package mgc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import mgc.runtime.Initializers;
import mgc.runtime.data.Dataset;
import mgc.runtime.data.Generators;
import mgc.runtime.testing.Hinge;
import org.junit.jupiter.api.Test;

/** The step loop allocates nothing: a run of many more steps allocates only its longer history arrays. */
class HotLoopAllocationTest {

    private static long allocatedBy(int steps, int threads, int batch) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Hinge m = new Hinge();
        Dataset d = Generators.moons(64, 0.1, 1).toDataset(m.signature());
        double[] p = Initializers.initialize(m.signature(), 1);
        TrainConfig c = TrainConfig.builder().optimizer("adam(lr = 0.01)").steps(steps).batchSize(batch).threads(threads)
                .logEvery(50).build();
        long before = bean.getCurrentThreadAllocatedBytes();
        new Trainer().train(m, p, d, null, c, TrainingListener.NONE);
        return bean.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void stepsDoNotAllocate() {
        // without per-thread allocation counters every count reads -1 and the check would pass: fail instead
        assertTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemoryEnabled(), "this JVM does not count the bytes a thread allocates");
        for (int[] setup : new int[][] {{1, 0}, {2, 0}, {1, 16}, {2, 16}}) {
            allocatedBy(3000, setup[0], setup[1]); // warm up
            long small = allocatedBy(1000, setup[0], setup[1]);
            long large = allocatedBy(6000, setup[0], setup[1]);
            // 5000 more steps: two history arrays (80 KB) and, with minibatches, 1250 epochs' two small RNGs
            long allowed = 5000 * 16 + (setup[1] == 0 ? 0 : 1250 * 2 * 48) + 16_384;
            assertTrue(large - small < allowed, "threads " + setup[0] + " batch " + setup[1] + ": "
                    + (large - small) + " bytes more for 5000 more steps");
        }
    }
}
