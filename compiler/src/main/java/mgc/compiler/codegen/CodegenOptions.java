package mgc.compiler.codegen;

/**
 * Knobs of the code generator.
 *
 * @param methodBudget   largest bytecode size of any generated method, in bytes (HotSpot never JIT-compiles
 *                       a method above 8000 bytes, so at most that; ~4 KB measured fastest)
 * @param maxPoolDoubles distinct double constants kept in the constant pool; the rest are read from a static
 *                       array (the pool holds 65535 entries and a double takes two)
 * @param maxTreeNodes   largest expression tree of single-use nodes emitted on the operand stack as one statement
 * @param className      binary name of the generated class; in-process (hidden) classes must live in this package
 * @param skipZeroRegions whether gradient groups skip a region that a zero adjoint zeroes (see {@link ZeroRegion};
 *                       exact for finite parameters, inputs and targets)
 * @param interleave     statements reordered by dependency depth within windows of this many (1: index order), so
 *                       that independent chains (the dot products of one layer) are in flight together
 */
public record CodegenOptions(int methodBudget, int maxPoolDoubles, int maxTreeNodes, String className,
                             boolean skipZeroRegions, int interleave) {

    public static final int HUGE_METHOD_LIMIT = 8000;
    /** The smallest method budget: below it the fixed prologue of a method leaves no room for its statements. */
    public static final int MIN_METHOD_BUDGET = 256;
    public static final int DEFAULT_BUDGET = 4000;

    public CodegenOptions {
        if (methodBudget < MIN_METHOD_BUDGET || methodBudget > HUGE_METHOD_LIMIT) {
            throw new IllegalArgumentException("method budget " + methodBudget + " not in [" + MIN_METHOD_BUDGET + ", "
                    + HUGE_METHOD_LIMIT + "]");
        }
        if (maxPoolDoubles < 0 || maxPoolDoubles > 24_000) throw new IllegalArgumentException("maxPoolDoubles " + maxPoolDoubles);
        if (maxTreeNodes < 1) throw new IllegalArgumentException("maxTreeNodes " + maxTreeNodes);
        if (interleave < 1) throw new IllegalArgumentException("interleave " + interleave);
    }

    public static CodegenOptions defaults() {
        return new CodegenOptions(DEFAULT_BUDGET, 20_000, 24, "mgc.compiler.codegen.GeneratedModel", true, 64);
    }

    public CodegenOptions withMethodBudget(int bytes) {
        return new CodegenOptions(bytes, maxPoolDoubles, maxTreeNodes, className, skipZeroRegions, interleave);
    }

    public CodegenOptions withMaxPoolDoubles(int n) {
        return new CodegenOptions(methodBudget, n, maxTreeNodes, className, skipZeroRegions, interleave);
    }

    public CodegenOptions withMaxTreeNodes(int n) {
        return new CodegenOptions(methodBudget, maxPoolDoubles, n, className, skipZeroRegions, interleave);
    }

    public CodegenOptions withClassName(String name) {
        return new CodegenOptions(methodBudget, maxPoolDoubles, maxTreeNodes, name, skipZeroRegions, interleave);
    }

    public CodegenOptions withInterleave(int window) {
        return new CodegenOptions(methodBudget, maxPoolDoubles, maxTreeNodes, className, skipZeroRegions, window);
    }

    public CodegenOptions withSkipZeroRegions(boolean skip) {
        return new CodegenOptions(methodBudget, maxPoolDoubles, maxTreeNodes, className, skip, interleave);
    }
}
