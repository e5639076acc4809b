package mgc.compiler.codegen;

import java.util.List;
import java.util.Map;

/**
 * A generated model class: its bytes (for {@link ModelLoader}, as a hidden class in this package, or
 * for {@link JarWriter}), binary name, the schedules it was emitted from (straight-line code) or the text of its
 * loop plans (loop kernels, {@link LoopPlanPrinter}; empty for straight-line code) and size figures.
 */
public record GeneratedClass(byte[] bytes, String className, List<Schedule> schedules, String loopPlans, Stats stats) {

    /**
     * @param methodSizes     bytecode size of every method, by name, in emission order
     * @param chunkMethods    number of straight-line chunk methods
     * @param scratchSize     the scratch array's required length
     * @param spilledConstants constants read from the static array rather than the constant pool
     */
    public record Stats(Map<String, Integer> methodSizes, int chunkMethods, int scratchSize, int spilledConstants,
                        int methodBudget) {
        public int methodCount() { return methodSizes.size(); }

        public int largestMethod() {
            int m = 0;
            for (int s : methodSizes.values()) m = Math.max(m, s);
            return m;
        }

        public int totalBytecode() {
            int t = 0;
            for (int s : methodSizes.values()) t += s;
            return t;
        }
    }

    /** The class's internal name ({@code a/b/C}). */
    public String internalName() {
        return className.replace('.', '/');
    }
}
