package mgc.compiler.codegen;

import java.util.BitSet;

/**
 * Hands out double-sized JVM locals within one chunk method, lowest free first, so that a value's
 * local is reused once its last reader has run and slot numbers stay small (below 256 a load or
 * store is two bytes; above, four).
 */
final class SlotAllocator {
    private final BitSet used = new BitSet();
    private int peak;

    /** A free local (in units of one double). */
    int allocate() {
        int local = used.nextClearBit(0);
        used.set(local);
        peak = Math.max(peak, local + 1);
        return local;
    }

    void release(int local) {
        if (!used.get(local)) throw new IllegalStateException("local " + local + " released twice");
        used.clear(local);
    }

    /** Number of locals ever in use at once. */
    int peak() { return peak; }

    /** The JVM slot of a local of a chunk method (two slots per double, after the parameters). */
    static int jvmSlot(int local) {
        return Schedule.FIRST_LOCAL + 2 * local;
    }
}
