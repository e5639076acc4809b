package mgc.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.Output;
import mgc.runtime.ModelSignature;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Emits a class implementing {@link mgc.runtime.CompiledModel} from a joint graph.
 *
 * <p>Each {@link MethodGroup} (forward, loss, loss and gradient, penalty, penalty and gradient) is
 * scheduled on its own and becomes straight-line static chunk methods, all with the descriptor
 * {@code (params, inputs, inOff, targets, tOff, out, outOff, scratch)}, called in order by the
 * interface method (for per-example groups, inside the loop over examples). When a group has more
 * chunks than one method can call under the budget, sequence methods call ranges of chunks. The
 * signature comes from class data ({@link ModelLoader}); {@link JarWriter} swaps in a builder.
 */
public final class CodeGenerator {
    private CodeGenerator() {}

    static final String CHUNK_DESC = "([D[DI[DI[DI[D)V";
    static final String SIGNATURE_DESC = "Lmgc/runtime/ModelSignature;";
    static final String SIG_FIELD = "SIGNATURE", CONST_FIELD = "CONSTANTS";
    static final String SIGNATURE_METHOD = "$signature", DECODE_METHOD = "$decode";
    static final String DECODE_DESC = "([DILjava/lang/String;)V";
    /** Doubles per string constant of the spilled-constant table (4 chars each, at most 3 bytes a char). */
    static final int DOUBLES_PER_STRING = 4096;
    private static final int CALL_COST = 20;

    /** At most this many outputs are stored from one statement, so that every chunk can stay under budget. */
    static final int MAX_SINKS = 128;

    public static GeneratedClass generate(Graph joint, ModelSignature sig, CodegenOptions options) {
        joint = spreadWideFanOut(joint);
        int target = options.methodBudget() - 64;
        GeneratedClass last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            List<Schedule> schedules = new ArrayList<>();
            for (MethodGroup group : MethodGroup.values()) schedules.add(Schedule.build(joint, group, options, target));
            Emitter e = new Emitter(joint, sig, options, schedules);
            GeneratedClass gc = e.emit();
            if (gc.stats().largestMethod() <= options.methodBudget()) return gc;
            last = gc;
            target = target * 4 / 5;
        }
        String over = last.stats().methodSizes().entrySet().stream()
                .filter(m -> m.getValue() > options.methodBudget())
                .map(m -> m.getKey() + " (" + m.getValue() + " bytes)").reduce((x, y) -> x + ", " + y).orElse("?");
        throw new IllegalStateException("could not split the model under a method budget of " + options.methodBudget()
                + " bytes: " + over);
    }

    /**
     * A node that many outputs share (every weight's gradient equal to one input, say) would make one
     * statement store them all, too big for any chunk. Such outputs are spread over a chain of exact
     * identity copies {@code x + -0.0} (bit-for-bit x for every double), {@link #MAX_SINKS} outputs each,
     * which the scheduler places in separate statements.
     */
    static Graph spreadWideFanOut(Graph g) {
        Map<Integer, Integer> fanOut = new HashMap<>();
        for (Output o : g.outputs()) if (!Schedule.isNoOpSink(g, o)) fanOut.merge(o.node(), 1, Integer::sum);
        if (fanOut.values().stream().noneMatch(c -> c > MAX_SINKS)) return g;
        GraphBuilder b = GraphBuilder.extending(g);
        int minusZero = b.constant(-0.0);
        Map<Integer, int[]> copy = new HashMap<>(); // node -> {current copy, outputs stored from it}
        for (Output o : g.outputs()) {
            if (Schedule.isNoOpSink(g, o) || fanOut.get(o.node()) <= MAX_SINKS) {
                b.output(o);
                continue;
            }
            int[] c = copy.computeIfAbsent(o.node(), n -> new int[]{n, 0});
            if (c[1] == MAX_SINKS) {
                c[0] = b.verbatim(Op.ADD, c[0], minusZero, 0, 0.0);
                c[1] = 0;
            }
            c[1]++;
            b.output(o.withNode(c[0]));
        }
        return b.build();
    }

    /**
     * One emission of the whole class. {@code forward} receives no targets: a model output that reads a
     * target element reads NaN there.
     */
    private static final class Emitter {
        final Graph g;
        final ModelSignature sig;
        final CodegenOptions options;
        final List<Schedule> schedules;
        final String owner;
        final Map<String, Integer> sizes = new LinkedHashMap<>();
        final Map<Long, Integer> spilled = new HashMap<>();
        final int[] localOf;
        int chunkMethods;
        boolean targetsAbsent;

        Emitter(Graph g, ModelSignature sig, CodegenOptions options, List<Schedule> schedules) {
            this.g = g;
            this.sig = sig;
            this.options = options;
            this.schedules = schedules;
            this.owner = options.className().replace('.', '/');
            this.localOf = new int[g.size()];
            planConstants();
        }

        /** Keeps the most used constants in the pool and gives the rest indices into CONSTANTS. */
        void planConstants() {
            Map<Long, Integer> uses = new HashMap<>();
            java.util.Set<Long> exponents = new java.util.HashSet<>();
            for (Schedule s : schedules) {
                for (int n = 0; n < g.size(); n++) {
                    if (s.role[n] == Schedule.NONE) continue;
                    Op op = g.op(n);
                    if (op == Op.POWC) exponents.add(Double.doubleToRawLongBits(g.payload(n)));
                    if (op == Op.CONST && needsPool(g.payload(n))) uses.merge(Double.doubleToRawLongBits(g.payload(n)), 1, Integer::sum);
                }
            }
            int room = Math.max(0, options.maxPoolDoubles() - exponents.size());
            if (uses.size() <= room) return;
            List<Map.Entry<Long, Integer>> byUse = new ArrayList<>(uses.entrySet());
            byUse.sort((a, b) -> b.getValue() != a.getValue().intValue() ? b.getValue() - a.getValue() : Long.compare(a.getKey(), b.getKey()));
            for (int i = room; i < byUse.size(); i++) spilled.put(byUse.get(i).getKey(), spilled.size());
        }

        static boolean needsPool(double v) {
            long bits = Double.doubleToRawLongBits(v);
            return bits != 0L && bits != Double.doubleToRawLongBits(1.0);
        }

        GeneratedClass emit() {
            ClassWriter cw = newClassWriter();
            int scratch = 1;
            for (Schedule s : schedules) scratch = Math.max(scratch, s.scratchSize());
            emitShell(cw, owner, scratch, spilled.isEmpty() ? null : mv -> {
                double[] values = new double[spilled.size()];
                for (Map.Entry<Long, Integer> e : spilled.entrySet()) values[e.getValue()] = Double.longBitsToDouble(e.getKey());
                pushDoubleArray(mv, values);
                mv.visitFieldInsn(PUTSTATIC, owner, CONST_FIELD, "[D");
            });
            if (!spilled.isEmpty()) cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, CONST_FIELD, "[D", null, null).visitEnd();
            for (Schedule s : schedules) {
                for (int c = 0; c < s.chunkCount(); c++) emitChunk(cw, s, c);
            }
            emitDrivers(cw);
            cw.visitEnd();
            GeneratedClass.Stats stats = new GeneratedClass.Stats(sizes, chunkMethods, scratch, spilled.size(), options.methodBudget());
            return new GeneratedClass(cw.toByteArray(), options.className(), List.copyOf(schedules), "", stats);
        }

        void pushDoubleArray(MethodVisitor mv, double[] values) {
            CodeGenerator.pushDoubleArray(mv, owner, values);
        }

        // ---- chunks ------------------------------------------------------------------------------------

        void emitChunk(ClassWriter cw, Schedule s, int c) {
            targetsAbsent = s.group() == MethodGroup.FORWARD;
            String name = s.group().prefix() + "$" + c;
            MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, CHUNK_DESC, null, null);
            mv.visitCode();
            Label start = new Label(), end = new Label();
            mv.visitLabel(start);
            int from = s.chunkStart[c], to = s.chunkStart[c + 1];
            // live-ins: single readers load straight from scratch, the others once into a local
            int[] preloadNext = new int[to - from];
            Arrays.fill(preloadNext, -1);
            int[] chain = new int[s.liveInStart[c + 1] - s.liveInStart[c]];
            for (int i = s.liveInStart[c]; i < s.liveInStart[c + 1]; i++) {
                int x = s.liveIn[i];
                if (s.liveInLocal[i] < 0) {
                    localOf[x] = -1;
                } else {
                    int k = i - s.liveInStart[c];
                    chain[k] = preloadNext[s.liveInAt[i] - from];
                    preloadNext[s.liveInAt[i] - from] = i;
                }
            }
            int runEnd = -1;
            Label skipRun = null;
            for (int st = from; st < to; st++) {
                preload(mv, s, c, preloadNext[st - from], chain); // before a guarded run's test: later statements read them
                if (s.runEnd[st] > 0) {
                    runEnd = s.runEnd[st];
                    skipRun = new Label();
                    emitOperand(mv, s, s.runGuard[st]);
                    mv.visitInsn(DCONST_0);
                    mv.visitInsn(DCMPL); // NaN compares unequal: the run executes
                    mv.visitJumpInsn(IFEQ, skipRun);
                }
                int n = s.stmts[st];
                if (s.role[n] == Schedule.LEAF) emitLeaf(mv, n); else emitTree(mv, s, n);
                int slot = SlotAllocator.jvmSlot(s.stmtLocal[st]);
                mv.visitVarInsn(DSTORE, slot);
                localOf[n] = s.stmtLocal[st];
                for (int k = s.sinkStart[st]; k < s.sinkStart[st + 1]; k++) emitSink(mv, s.sinks[k], slot);
                if (n == s.guard) {
                    mv.visitVarInsn(ALOAD, Schedule.SCRATCH);
                    mv.visitInsn(ICONST_1);
                    mv.visitVarInsn(DLOAD, slot);
                    mv.visitInsn(DASTORE);
                }
                if (s.scratchSlot[n] > 0) {
                    mv.visitVarInsn(ALOAD, Schedule.SCRATCH);
                    pushIndex(mv, s.scratchSlot[n]);
                    mv.visitVarInsn(DLOAD, slot);
                    mv.visitInsn(DASTORE);
                }
                if (st + 1 == runEnd) mv.visitLabel(skipRun);
            }
            mv.visitInsn(RETURN);
            mv.visitLabel(end);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            sizes.put(name, end.getOffset() - start.getOffset());
            chunkMethods++;
        }

        /** Loads a statement's live-ins into their locals: {@code first}, then along {@code chain}. */
        void preload(MethodVisitor mv, Schedule s, int c, int first, int[] chain) {
            for (int i = first; i >= 0; i = chain[i - s.liveInStart[c]]) {
                int x = s.liveIn[i];
                mv.visitVarInsn(ALOAD, Schedule.SCRATCH);
                pushIndex(mv, s.scratchSlot[x]);
                mv.visitInsn(DALOAD);
                int local = s.liveInLocal[i];
                mv.visitVarInsn(DSTORE, SlotAllocator.jvmSlot(local));
                localOf[x] = local;
            }
        }

        void emitTree(MethodVisitor mv, Schedule s, int n) {
            Op op = g.op(n);
            for (int i = 0; i < op.arity(); i++) emitOperand(mv, s, g.arg(n, i));
            op.emit(mv, g.payload(n));
        }

        void emitOperand(MethodVisitor mv, Schedule s, int x) {
            switch (s.role[x]) {
                case Schedule.LEAF -> emitLeaf(mv, x);
                case Schedule.INLINE -> emitTree(mv, s, x);
                default -> {
                    if (localOf[x] >= 0) {
                        mv.visitVarInsn(DLOAD, SlotAllocator.jvmSlot(localOf[x]));
                    } else {
                        mv.visitVarInsn(ALOAD, Schedule.SCRATCH);
                        pushIndex(mv, s.scratchSlot[x]);
                        mv.visitInsn(DALOAD);
                    }
                }
            }
        }

        void emitLeaf(MethodVisitor mv, int n) {
            switch (g.op(n)) {
                case CONST -> pushDouble(mv, g.payload(n));
                case PARAM -> {
                    mv.visitVarInsn(ALOAD, Schedule.PARAMS);
                    pushIndex(mv, g.leafIndex(n));
                    mv.visitInsn(DALOAD);
                }
                case INPUT -> elementAt(mv, Schedule.INPUTS, Schedule.IN_OFF, g.leafIndex(n));
                case TARGET -> {
                    if (targetsAbsent) pushDouble(mv, Double.NaN); // forward has no targets
                    else elementAt(mv, Schedule.TARGETS, Schedule.T_OFF, g.leafIndex(n));
                }
                default -> throw new UnsupportedOperationException(g.op(n).text() + " leaves are not supported");
            }
        }

        /** array[offset + k] */
        void elementAt(MethodVisitor mv, int array, int offset, int k) {
            mv.visitVarInsn(ALOAD, array);
            mv.visitVarInsn(ILOAD, offset);
            if (k != 0) {
                pushIndex(mv, k);
                mv.visitInsn(IADD);
            }
            mv.visitInsn(DALOAD);
        }

        void emitSink(MethodVisitor mv, Output o, int slot) {
            switch (o.kind()) {
                case OUTPUT -> {
                    mv.visitVarInsn(ALOAD, Schedule.OUT);
                    mv.visitVarInsn(ILOAD, Schedule.OUT_OFF);
                    if (o.element() != 0) {
                        pushIndex(mv, o.element());
                        mv.visitInsn(IADD);
                    }
                    mv.visitVarInsn(DLOAD, slot);
                    mv.visitInsn(DASTORE);
                }
                case LOSS, PENALTY -> {
                    mv.visitVarInsn(ALOAD, Schedule.SCRATCH);
                    mv.visitInsn(ICONST_0);
                    mv.visitVarInsn(DLOAD, slot);
                    mv.visitInsn(DASTORE);
                }
                case GRAD, GRAD_PENALTY -> {
                    mv.visitVarInsn(ALOAD, Schedule.OUT);
                    pushIndex(mv, o.element());
                    mv.visitInsn(DUP2);
                    mv.visitInsn(DALOAD);
                    mv.visitVarInsn(DLOAD, slot);
                    mv.visitInsn(DADD);
                    mv.visitInsn(DASTORE);
                }
                default -> throw new IllegalStateException("no sink for " + o.kind());
            }
        }

        void pushDouble(MethodVisitor mv, double v) {
            long bits = Double.doubleToRawLongBits(v);
            if (bits == 0L) {
                mv.visitInsn(DCONST_0);
            } else if (bits == Double.doubleToRawLongBits(1.0)) {
                mv.visitInsn(DCONST_1);
            } else {
                Integer spill = spilled.get(bits);
                if (spill == null) {
                    mv.visitLdcInsn(v);
                } else {
                    mv.visitFieldInsn(GETSTATIC, owner, CONST_FIELD, "[D");
                    pushIndex(mv, spill);
                    mv.visitInsn(DALOAD);
                }
            }
        }

        // ---- drivers -------------------------------------------------------------------------------

        /** Where a driver keeps the chunk arguments (-1: pass null / 0). */
        record Args(int params, int inputs, int targets, int out, boolean outPerExample, int scratch, int from, int to,
                    int firstFree) {}

        void emitDrivers(ClassWriter cw) {
            String d = "[D";
            emitDriver(cw, "forward", "(" + d + d + "II" + d + d + ")V", schedule(MethodGroup.FORWARD),
                    new Args(1, 2, -1, 5, true, 6, 3, 4, 7));
            emitDriver(cw, "loss", "(" + d + d + d + "II" + d + ")D", schedule(MethodGroup.LOSS),
                    new Args(1, 2, 3, -1, false, 6, 4, 5, 7));
            emitDriver(cw, "lossAndGradient", "(" + d + d + d + "II" + d + d + ")D", schedule(MethodGroup.LOSS_AND_GRADIENT),
                    new Args(1, 2, 3, 6, false, 7, 4, 5, 8));
            emitDriver(cw, "penalty", "(" + d + d + ")D", schedule(MethodGroup.PENALTY),
                    new Args(1, -1, -1, -1, false, 2, -1, -1, 3));
            emitDriver(cw, "penaltyAndGradient", "(" + d + d + d + ")D", schedule(MethodGroup.PENALTY_AND_GRADIENT),
                    new Args(1, -1, -1, 2, false, 3, -1, -1, 4));
        }

        Schedule schedule(MethodGroup group) {
            return schedules.get(group.ordinal());
        }

        void emitDriver(ClassWriter cw, String name, String desc, Schedule s, Args a) {
            List<String> calls = callTargets(cw, s, 0, s.regionChunk, "");
            List<String> region = callTargets(cw, s, s.regionChunk, s.chunkCount(), "z");
            boolean returnsScalar = s.group().scalar() != null;
            boolean hasScalar = returnsScalar && g.output(s.group().scalar()) != null;
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, name, desc, null, null);
            mv.visitCode();
            Label start = new Label(), end = new Label();
            mv.visitLabel(start);
            int sum = a.firstFree, i = sum + 2, inOff = i + 1, tOff = i + 2, outOff = i + 3;
            if (returnsScalar) {
                mv.visitInsn(DCONST_0);
                mv.visitVarInsn(DSTORE, sum);
            }
            if (!s.group().perExample()) {
                // once per call: the penalty is scratch[0] itself (0.0 + -0.0 would lose its sign)
                callAll(mv, calls, a, -1, -1, -1);
                callRegion(mv, region, a, -1, -1, -1);
                if (hasScalar) {
                    mv.visitVarInsn(ALOAD, a.scratch);
                    mv.visitInsn(ICONST_0);
                    mv.visitInsn(DALOAD);
                    mv.visitVarInsn(DSTORE, sum);
                }
            } else if (!calls.isEmpty() || hasScalar) {
                Label loop = new Label(), done = new Label();
                mv.visitVarInsn(ILOAD, a.from);
                mv.visitVarInsn(ISTORE, i);
                mv.visitLabel(loop);
                mv.visitVarInsn(ILOAD, i);
                mv.visitVarInsn(ILOAD, a.to);
                mv.visitJumpInsn(IF_ICMPGE, done);
                multiply(mv, i, -1, sig.inputSize(), inOff);
                if (a.targets >= 0) multiply(mv, i, -1, sig.targetSize(), tOff);
                if (a.outPerExample) multiply(mv, i, a.from, sig.outputSize(), outOff);
                callAll(mv, calls, a, inOff, a.targets >= 0 ? tOff : -1, a.outPerExample ? outOff : -1);
                callRegion(mv, region, a, inOff, a.targets >= 0 ? tOff : -1, a.outPerExample ? outOff : -1);
                if (hasScalar) addScratchZero(mv, a, sum);
                mv.visitIincInsn(i, 1);
                mv.visitJumpInsn(GOTO, loop);
                mv.visitLabel(done);
            }
            if (returnsScalar) {
                mv.visitVarInsn(DLOAD, sum);
                mv.visitInsn(DRETURN);
            } else {
                mv.visitInsn(RETURN);
            }
            mv.visitLabel(end);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            sizes.put(name, end.getOffset() - start.getOffset());
        }

        /** local[dst] = (local[i] - local[minus]) * factor */
        void multiply(MethodVisitor mv, int i, int minus, int factor, int dst) {
            mv.visitVarInsn(ILOAD, i);
            if (minus >= 0) {
                mv.visitVarInsn(ILOAD, minus);
                mv.visitInsn(ISUB);
            }
            pushInt(mv, factor);
            mv.visitInsn(IMUL);
            mv.visitVarInsn(ISTORE, dst);
        }

        void addScratchZero(MethodVisitor mv, Args a, int sum) {
            mv.visitVarInsn(DLOAD, sum);
            mv.visitVarInsn(ALOAD, a.scratch);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(DALOAD);
            mv.visitInsn(DADD);
            mv.visitVarInsn(DSTORE, sum);
        }

        /** Calls the zero region's chunks unless the guard (scratch[1]) is zero. */
        void callRegion(MethodVisitor mv, List<String> calls, Args a, int inOff, int tOff, int outOff) {
            if (calls.isEmpty()) return;
            Label skip = new Label();
            mv.visitVarInsn(ALOAD, a.scratch);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(DALOAD);
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DCMPL); // NaN compares unequal: the region runs
            mv.visitJumpInsn(IFEQ, skip);
            callAll(mv, calls, a, inOff, tOff, outOff);
            mv.visitLabel(skip);
        }

        void callAll(MethodVisitor mv, List<String> calls, Args a, int inOff, int tOff, int outOff) {
            for (String target : calls) {
                loadRef(mv, a.params);
                loadRef(mv, a.inputs);
                loadInt(mv, inOff);
                loadRef(mv, a.targets);
                loadInt(mv, tOff);
                loadRef(mv, a.out);
                loadInt(mv, outOff);
                loadRef(mv, a.scratch);
                mv.visitMethodInsn(INVOKESTATIC, owner, target, CHUNK_DESC, false);
            }
        }

        static void loadRef(MethodVisitor mv, int slot) {
            if (slot < 0) mv.visitInsn(ACONST_NULL); else mv.visitVarInsn(ALOAD, slot);
        }

        static void loadInt(MethodVisitor mv, int slot) {
            if (slot < 0) mv.visitInsn(ICONST_0); else mv.visitVarInsn(ILOAD, slot);
        }

        /**
         * The methods the driver calls: the chunks themselves, or, when there are more than one method
         * can call under the budget, sequence methods each calling a range (recursively).
         */
        List<String> callTargets(ClassWriter cw, Schedule s, int fromChunk, int toChunk, String tag) {
            List<String> targets = new ArrayList<>();
            for (int c = fromChunk; c < toChunk; c++) targets.add(s.group().prefix() + "$" + c);
            int perMethod = Math.max(2, (options.methodBudget() - 200) / CALL_COST);
            int level = 0;
            while (targets.size() > perMethod) {
                List<String> next = new ArrayList<>();
                for (int from = 0; from < targets.size(); from += perMethod) {
                    String name = s.group().prefix() + "$" + tag + "s" + level + "_" + next.size();
                    List<String> part = targets.subList(from, Math.min(targets.size(), from + perMethod));
                    MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, CHUNK_DESC, null, null);
                    mv.visitCode();
                    Label start = new Label(), end = new Label();
                    mv.visitLabel(start);
                    for (String t : part) {
                        for (int slot = 0; slot < Schedule.FIRST_LOCAL; slot++) {
                            boolean isInt = slot == Schedule.IN_OFF || slot == Schedule.T_OFF || slot == Schedule.OUT_OFF;
                            mv.visitVarInsn(isInt ? ILOAD : ALOAD, slot);
                        }
                        mv.visitMethodInsn(INVOKESTATIC, owner, t, CHUNK_DESC, false);
                    }
                    mv.visitInsn(RETURN);
                    mv.visitLabel(end);
                    mv.visitMaxs(0, 0);
                    mv.visitEnd();
                    sizes.put(name, end.getOffset() - start.getOffset());
                    next.add(name);
                }
                targets = next;
                level++;
            }
            return targets;
        }
    }

    // ---- the class around the hot methods (shared with the loop back end) ----------------------------

    static ClassWriter newClassWriter() {
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override protected String getCommonSuperClass(String a, String b) { return "java/lang/Object"; }
        };
    }

    /**
     * Starts a model class: implements CompiledModel; a static signature field set in {@code <clinit>} from
     * {@code $signature()} (class data in-process; {@link JarWriter} swaps in a builder), {@code $decode},
     * a no-argument constructor, {@code signature()} and {@code scratchSize()}. {@code moreClinit} may add
     * static initialisation (null for none).
     */
    static void emitShell(ClassWriter cw, String owner, int scratch, java.util.function.Consumer<MethodVisitor> moreClinit) {
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, owner, null, "java/lang/Object", new String[]{"mgc/runtime/CompiledModel"});
        cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, SIG_FIELD, SIGNATURE_DESC, null, null).visitEnd();
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        mv.visitMethodInsn(INVOKESTATIC, owner, SIGNATURE_METHOD, "()" + SIGNATURE_DESC, false);
        mv.visitFieldInsn(PUTSTATIC, owner, SIG_FIELD, SIGNATURE_DESC);
        if (moreClinit != null) moreClinit.accept(mv);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        // in-process, the signature is the hidden class's class data
        mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, SIGNATURE_METHOD, "()" + SIGNATURE_DESC, null, null);
        mv.visitCode();
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup", "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        mv.visitLdcInsn("_");
        mv.visitLdcInsn(Type.getType(SIGNATURE_DESC));
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "classData",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;", false);
        mv.visitTypeInsn(CHECKCAST, "mgc/runtime/ModelSignature");
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        emitDecode(cw);
        mv = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        mv = cw.visitMethod(ACC_PUBLIC, "signature", "()" + SIGNATURE_DESC, null, null);
        mv.visitCode();
        mv.visitFieldInsn(GETSTATIC, owner, SIG_FIELD, SIGNATURE_DESC);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        mv = cw.visitMethod(ACC_PUBLIC, "scratchSize", "()I", null, null);
        mv.visitCode();
        pushInt(mv, scratch);
        mv.visitInsn(IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    // ---- shared helpers (also used by JarWriter's signature builder) -----------------------------------

    static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }

    /**
     * An array index. Above 32767 it is a pooled multiple of 32768 plus a short, so that a model with
     * hundreds of thousands of elements needs only a handful of pool entries for its indices.
     */
    static void pushIndex(MethodVisitor mv, int v) {
        if (v <= Short.MAX_VALUE) {
            pushInt(mv, v);
        } else {
            mv.visitLdcInsn(v & ~0x7FFF);
            pushInt(mv, v & 0x7FFF);
            mv.visitInsn(IADD);
        }
    }

    /** Leaves a new double[] with {@code values} on the stack, decoded from string constants by $decode. */
    static void pushDoubleArray(MethodVisitor mv, String owner, double[] values) {
        pushInt(mv, values.length);
        mv.visitIntInsn(NEWARRAY, T_DOUBLE);
        for (int from = 0; from < values.length; from += DOUBLES_PER_STRING) {
            int to = Math.min(values.length, from + DOUBLES_PER_STRING);
            StringBuilder sb = new StringBuilder((to - from) * 4);
            for (int i = from; i < to; i++) {
                long bits = Double.doubleToRawLongBits(values[i]);
                sb.append((char) (bits >>> 48)).append((char) (bits >>> 32)).append((char) (bits >>> 16)).append((char) bits);
            }
            mv.visitInsn(DUP);
            pushInt(mv, from);
            mv.visitLdcInsn(sb.toString());
            mv.visitMethodInsn(INVOKESTATIC, owner, DECODE_METHOD, DECODE_DESC, false);
        }
    }

    /** {@code static void $decode(double[] dst, int off, String s)}: four 16-bit chars per double. */
    static void emitDecode(ClassWriter cw) {
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, DECODE_METHOD, DECODE_DESC, null, null);
        mv.visitCode();
        int n = 3, i = 4;
        mv.visitVarInsn(ALOAD, 2);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "length", "()I", false);
        mv.visitInsn(ICONST_4);
        mv.visitInsn(IDIV);
        mv.visitVarInsn(ISTORE, n);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, i);
        Label loop = new Label(), done = new Label();
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, i);
        mv.visitVarInsn(ILOAD, n);
        mv.visitJumpInsn(IF_ICMPGE, done);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitVarInsn(ILOAD, i);
        mv.visitInsn(IADD);
        for (int k = 0; k < 4; k++) {
            mv.visitVarInsn(ALOAD, 2);
            mv.visitVarInsn(ILOAD, i);
            mv.visitInsn(ICONST_4);
            mv.visitInsn(IMUL);
            if (k > 0) {
                pushInt(mv, k);
                mv.visitInsn(IADD);
            }
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "charAt", "(I)C", false);
            mv.visitInsn(I2L);
            if (k < 3) {
                mv.visitIntInsn(BIPUSH, 48 - 16 * k);
                mv.visitInsn(LSHL);
            }
            if (k > 0) mv.visitInsn(LOR);
        }
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        mv.visitInsn(DASTORE);
        mv.visitIincInsn(i, 1);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(done);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
