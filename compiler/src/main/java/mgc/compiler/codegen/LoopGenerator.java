package mgc.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mgc.compiler.Partitioner;
import mgc.compiler.codegen.LoopPlan.Arr;
import mgc.compiler.codegen.LoopPlan.MapTree;
import mgc.compiler.codegen.LoopPlan.Step;
import mgc.compiler.codegen.LoopPlan.View;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.tensor.Prim;
import mgc.compiler.tensor.TGraph;
import mgc.compiler.tensor.TNode;
import mgc.compiler.tensor.TOutput;
import mgc.runtime.ModelSignature;
import mgc.runtime.kernel.Kernels;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * The loop back end: a joint tensor graph to a model class whose hot methods walk the examples in
 * tiles of {@link #TILE} and run, per tile, a straight line of steps ({@link LoopPlan}): fused
 * elementwise loops emitted here (one small static method each, so that C2 compiles them as normal
 * methods and never only on-stack), contractions in {@link mgc.runtime.kernel.Kernels}, and data
 * movement in {@link mgc.runtime.tile.TileOps}. The class's size depends on the graph, not on the
 * tensors' sizes.
 */
public final class LoopGenerator {
    private LoopGenerator() {}

    /**
     * Examples per tile: each weight matrix is read (and, when strided, laid out) once per tile, so a
     * training batch of 64 is one tile. The kernels' measurement chose it ({@link Kernels#TILE}).
     */
    public static final int TILE = Kernels.TILE;

    /** {@code (params, inputs, targets, scratch, extra, t0, n, rel, acc) -> acc}. */
    static final String STEPS_DESC = "([D[D[D[D[DIIID)D";
    /**
     * A method that runs once per example of the tile (a fused map, a per-example contraction):
     * {@code (params, inputs, targets, scratch, extra, t0, n, rel)}, the step method's own first eight slots.
     */
    static final String EXAMPLES_DESC = "([D[D[D[D[DIII)V";
    static final String KERNELS = "mgc/runtime/kernel/Kernels", TILE_OPS = "mgc/runtime/tile/TileOps";

    /**
     * The model class of a joint tensor graph.
     *
     * @param perOp whether contractions too small or narrow for a kernel call ({@link mgc.compiler.Partitioner#perExample})
     *              become per-example code ({@code --kernels auto}); false: every one a kernel call ({@code --kernels loops})
     */
    public static GeneratedClass generate(TGraph joint, ModelSignature sig, CodegenOptions options, boolean perOp) {
        return new Emitter(joint, sig, options, perOp).emit();
    }

    private static final class Emitter {
        final TGraph g;
        final ModelSignature sig;
        final CodegenOptions options;
        final String owner;
        final Map<String, Integer> sizes = new LinkedHashMap<>();
        final boolean perOp;
        int maps, contracts;

        Emitter(TGraph g, ModelSignature sig, CodegenOptions options, boolean perOp) {
            this.g = g;
            this.perOp = perOp;
            this.sig = sig;
            this.options = options;
            this.owner = options.className().replace('.', '/');
        }

        GeneratedClass emit() {
            List<TOutput> lossAndGrads = new ArrayList<>(g.outputs(OutputKind.LOSS));
            lossAndGrads.addAll(g.outputs(OutputKind.GRAD));
            List<TOutput> penaltyAndGrads = new ArrayList<>(g.outputs(OutputKind.PENALTY));
            penaltyAndGrads.addAll(g.outputs(OutputKind.GRAD_PENALTY));
            // forward() reads NaN for a target (it has none), so an output that reads one is not what it would be
            // beside the loss: such a model keeps CompiledModel's default lossAndOutputs (forward, then loss)
            boolean combined = !readsTarget(g, g.outputs(OutputKind.OUTPUT));
            List<TOutput> lossAndOutputs = new ArrayList<>(g.outputs(OutputKind.OUTPUT));
            lossAndOutputs.addAll(g.outputs(OutputKind.LOSS));
            // every entry point's plan, in the order its step methods are emitted and its text printed
            Map<String, LoopPlan> plans = new LinkedHashMap<>();
            plans.put("forward", new LoopPlan(g, g.outputs(OutputKind.OUTPUT), TILE, perOp));
            plans.put("loss", new LoopPlan(g, g.outputs(OutputKind.LOSS), TILE, perOp));
            plans.put("lossAndGradient", new LoopPlan(g, lossAndGrads, TILE, perOp));
            if (combined) plans.put("lossAndOutputs", new LoopPlan(g, lossAndOutputs, TILE, perOp));
            plans.put("penalty", new LoopPlan(g, g.outputs(OutputKind.PENALTY), 1, perOp));
            plans.put("penaltyAndGradient", new LoopPlan(g, penaltyAndGrads, 1, perOp));
            int scratch = 1;
            for (LoopPlan p : plans.values()) scratch = Math.max(scratch, p.scratchSize);

            ClassWriter cw = CodeGenerator.newClassWriter();
            CodeGenerator.emitShell(cw, owner, scratch, null);
            plans.forEach((name, plan) -> steps(cw, name, plan));
            // forward(params, inputs, from, to, outputs, scratch)
            entry(cw, "forward", "([D[DII[D[D)V", 1, 2, -1, 3, 4, 5, 6, false);
            // loss(params, inputs, targets, from, to, scratch)
            entry(cw, "loss", "([D[D[DII[D)D", 1, 2, 3, 4, 5, -1, 6, true);
            // lossAndGradient(params, inputs, targets, from, to, grad, scratch)
            entry(cw, "lossAndGradient", "([D[D[DII[D[D)D", 1, 2, 3, 4, 5, 6, 7, true);
            // lossAndOutputs(params, inputs, targets, from, to, outputs, scratch): one forward pass for both
            if (combined) entry(cw, "lossAndOutputs", "([D[D[DII[D[D)D", 1, 2, 3, 4, 5, 6, 7, true);
            // penalty(params, scratch), penaltyAndGradient(params, grad, scratch): the parameters alone, once
            once(cw, "penalty", "([D[D)D", -1, 2);
            once(cw, "penaltyAndGradient", "([D[D[D)D", 2, 3);
            cw.visitEnd();
            GeneratedClass.Stats stats = new GeneratedClass.Stats(sizes, maps, scratch, 0, options.methodBudget());
            StringBuilder text = new StringBuilder("# loop kernels: scratch of ").append(scratch).append(" doubles")
                    .append(combined ? "" : "; lossAndOutputs is forward, then loss (an output reads a target)").append('\n')
                    .append("# extra = the caller's outputs (forward, lossAndOutputs) or gradient (lossAndGradient,")
                    .append(" penaltyAndGradient); t = the example within the tile\n");
            plans.forEach((name, plan) -> text.append(LoopPlanPrinter.print(name, plan, g)));
            return new GeneratedClass(cw.toByteArray(), options.className(), List.of(), text.toString(), stats);
        }

        /** Whether any of {@code roots} depends on a target. */
        static boolean readsTarget(TGraph g, List<TOutput> roots) {
            boolean[] cone = g.cone(roots);
            for (int n = 0; n < cone.length; n++) if (cone[n] && g.node(n).prim() == Prim.TARGET) return true;
            return false;
        }

        void entry(ClassWriter cw, String name, String desc, int params, int inputs, int targets, int from, int to,
                   int extra, int scratch, boolean returnsLoss) {
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, name, desc, null, null);
            mv.visitCode();
            Label start = new Label(), end = new Label();
            mv.visitLabel(start);
            entryImpl(mv, owner, name, params, inputs, targets, from, to, extra, scratch, returnsLoss, scratch + 1);
            mv.visitLabel(end);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            sizes.put(name, end.getOffset() - start.getOffset());
        }

        /** penalty and penaltyAndGradient: the once-per-call steps alone, summing from -0.0 (exact). */
        void once(ClassWriter cw, String name, String desc, int extra, int scratch) {
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, name, desc, null, null);
            mv.visitCode();
            pushArgs(mv, 1, -1, -1, scratch, extra);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(ICONST_0);
            mv.visitLdcInsn(-0.0);
            mv.visitMethodInsn(INVOKESTATIC, owner, name + "$once", STEPS_DESC, false);
            mv.visitInsn(DRETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        /** The prologue (uniform steps, once per call) and the per-tile steps of one entry point. */
        void steps(ClassWriter cw, String name, LoopPlan plan) {
            List<Step> uniform = new ArrayList<>(), tile = new ArrayList<>();
            for (Step s : plan.steps) (s.uniform() ? uniform : tile).add(s);
            stepMethod(cw, name + "$once", uniform, plan);
            stepMethod(cw, name + "$tile", tile, plan);
        }

        void stepMethod(ClassWriter cw, String name, List<Step> steps, LoopPlan plan) {
            MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, STEPS_DESC, null, null);
            mv.visitCode();
            Label start = new Label(), end = new Label();
            mv.visitLabel(start);
            for (Step s : steps) step(cw, mv, s, plan);
            mv.visitVarInsn(DLOAD, 8);
            mv.visitInsn(DRETURN);
            mv.visitLabel(end);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            sizes.put(name, end.getOffset() - start.getOffset());
        }

        // ---- one step: a call with constant shapes ----------------------------------------------------

        void step(ClassWriter cw, MethodVisitor mv, Step s, LoopPlan plan) {
            if (s instanceof LoopPlan.Fill f) {
                array(mv, f.out());
                offset(mv, f.out());
                CodeGenerator.pushInt(mv, f.size());
                mv.visitVarInsn(ILOAD, 6);
                mv.visitInsn(IMUL);
                mv.visitLdcInsn(f.value());
                mv.visitMethodInsn(INVOKESTATIC, TILE_OPS, "fill", "([DIID)V", false);
            } else if (s instanceof LoopPlan.Contract c) {
                contraction(mv, c);
                skip(mv, c.skipA(), c.checkA(), c.b(), c.k(), c.n(), c.bRow(), c.bCol());
                skip(mv, c.skipB(), c.checkB(), c.a(), c.m(), c.k(), c.aRow(), c.aCol());
                mv.visitVarInsn(ALOAD, 3);
                CodeGenerator.pushInt(mv, plan.workspaceOffset);
                mv.visitMethodInsn(INVOKESTATIC, KERNELS, "contract", "(IIII[DIIII[DIIII[DIIIZZ[DI)V", false);
            } else if (s instanceof LoopPlan.PerExampleContract pc) {
                String name = "contract" + contracts++;
                perExampleMethod(cw, name, pc);
                callOverExamples(mv, name);
            } else if (s instanceof LoopPlan.ZeroSigns z) {
                contraction(mv, z.c());
                CodeGenerator.pushInt(mv, z.zero());
                mv.visitMethodInsn(INVOKESTATIC, TILE_OPS, "zeroSigns", "(IIII[DIIII[DIIII[DIIII)V", false);
            } else if (s instanceof LoopPlan.Reduce r) {
                fold(mv, "reduce", r.op(), r.size(), r.x(), r.out());
            } else if (s instanceof LoopPlan.Winner w) {
                fold(mv, "winner", w.op(), w.size(), w.x(), w.out());
            } else if (s instanceof LoopPlan.Copy c) {
                mv.visitVarInsn(ILOAD, 6);
                CodeGenerator.pushInt(mv, c.size());
                array(mv, c.x());
                offset(mv, c.x());
                CodeGenerator.pushInt(mv, c.x().strideT());
                CodeGenerator.pushInt(mv, c.x().elem());
                array(mv, c.out());
                offset(mv, c.out());
                CodeGenerator.pushInt(mv, c.out().strideT());
                mv.visitMethodInsn(INVOKESTATIC, TILE_OPS, "copy", "(II[DIII[DII)V", false);
            } else if (s instanceof LoopPlan.Copy2 c) {
                mv.visitVarInsn(ILOAD, 6);
                CodeGenerator.pushInt(mv, c.rows());
                CodeGenerator.pushInt(mv, c.cols());
                array(mv, c.x());
                offset(mv, c.x());
                CodeGenerator.pushInt(mv, c.x().strideT());
                CodeGenerator.pushInt(mv, c.x().rs());
                CodeGenerator.pushInt(mv, c.x().cs());
                array(mv, c.out());
                offset(mv, c.out());
                CodeGenerator.pushInt(mv, c.out().strideT());
                mv.visitMethodInsn(INVOKESTATIC, TILE_OPS, "copy2", "(III[DIIII[DII)V", false);
            } else if (s instanceof LoopPlan.Pad p) {
                mv.visitVarInsn(ILOAD, 6);
                CodeGenerator.pushInt(mv, p.len());
                CodeGenerator.pushInt(mv, p.at());
                CodeGenerator.pushInt(mv, p.size());
                array(mv, p.x());
                offset(mv, p.x());
                CodeGenerator.pushInt(mv, p.x().strideT());
                array(mv, p.out());
                offset(mv, p.out());
                CodeGenerator.pushInt(mv, p.out().strideT());
                mv.visitMethodInsn(INVOKESTATIC, TILE_OPS, "pad", "(IIII[DII[DII)V", false);
            } else if (s instanceof LoopPlan.SumInto si) {
                mv.visitVarInsn(ILOAD, 6);
                CodeGenerator.pushInt(mv, si.size());
                array(mv, si.x());
                offset(mv, si.x());
                CodeGenerator.pushInt(mv, si.x().strideT());
                CodeGenerator.pushInt(mv, si.x().elem());
                mv.visitVarInsn(ALOAD, 4);
                CodeGenerator.pushIndex(mv, si.at());
                mv.visitMethodInsn(INVOKESTATIC, TILE_OPS, "sumInto", "(II[DIII[DI)V", false);
            } else if (s instanceof LoopPlan.SumLoss sl) {
                mv.visitVarInsn(DLOAD, 8);
                mv.visitVarInsn(ILOAD, 6);
                array(mv, sl.x());
                offset(mv, sl.x());
                CodeGenerator.pushInt(mv, sl.x().strideT());
                mv.visitMethodInsn(INVOKESTATIC, TILE_OPS, "sum", "(DI[DII)D", false);
                mv.visitVarInsn(DSTORE, 8);
            } else if (s instanceof LoopPlan.MapLoop m) {
                String name = "map" + maps++;
                mapMethod(cw, name, m);
                callOverExamples(mv, name);
            }
        }

        /** {@code n, M, K, N, a, aOff, aT, aRow, aCol, b, ..., c, cOff, cT, cRow}: a contraction's shape and operands. */
        void contraction(MethodVisitor mv, LoopPlan.Contract c) {
            mv.visitVarInsn(ILOAD, 6);
            CodeGenerator.pushInt(mv, c.m());
            CodeGenerator.pushInt(mv, c.k());
            CodeGenerator.pushInt(mv, c.n());
            operand(mv, c.a(), c.aRow(), c.aCol());
            operand(mv, c.b(), c.bRow(), c.bCol());
            array(mv, c.c());
            offset(mv, c.c());
            CodeGenerator.pushInt(mv, c.c().strideT());
            CodeGenerator.pushInt(mv, c.n()); // C's rows are contiguous, n apart
        }

        /** Pushes whether to skip an operand's zeros: always, never, or when the partner is finite in this tile. */
        void skip(MethodVisitor mv, boolean always, boolean ifPartnerFinite, View partner, int rows, int cols, int rs, int cs) {
            if (always || !ifPartnerFinite) {
                mv.visitInsn(always ? ICONST_1 : ICONST_0);
                return;
            }
            mv.visitVarInsn(ILOAD, 6);
            CodeGenerator.pushInt(mv, rows);
            CodeGenerator.pushInt(mv, cols);
            array(mv, partner);
            offset(mv, partner);
            CodeGenerator.pushInt(mv, partner.strideT());
            CodeGenerator.pushInt(mv, rs);
            CodeGenerator.pushInt(mv, cs);
            mv.visitMethodInsn(INVOKESTATIC, TILE_OPS, "allFinite", "(III[DIIII)Z", false);
        }

        void fold(MethodVisitor mv, String method, int op, int size, View x, View out) {
            CodeGenerator.pushInt(mv, op);
            mv.visitVarInsn(ILOAD, 6);
            CodeGenerator.pushInt(mv, size);
            array(mv, x);
            offset(mv, x);
            CodeGenerator.pushInt(mv, x.strideT());
            array(mv, out);
            offset(mv, out);
            CodeGenerator.pushInt(mv, out.strideT());
            mv.visitMethodInsn(INVOKESTATIC, TILE_OPS, method, "(III[DII[DII)V", false);
        }

        void operand(MethodVisitor mv, View v, int row, int col) {
            array(mv, v);
            offset(mv, v);
            CodeGenerator.pushInt(mv, v.strideT());
            CodeGenerator.pushInt(mv, row);
            CodeGenerator.pushInt(mv, col);
        }

        static void array(MethodVisitor mv, View v) {
            mv.visitVarInsn(ALOAD, v.arr().ordinal());
        }

        /** The view's offset for this tile: the caller's example arrays start at the tile's first example. */
        static void offset(MethodVisitor mv, View v) {
            CodeGenerator.pushIndex(mv, v.off());
            int rowLocal = v.arr() == Arr.INPUTS || v.arr() == Arr.TARGETS ? 5 : v.arr() == Arr.EXTRA ? 7 : -1;
            if (rowLocal >= 0 && v.strideT() != 0) {
                mv.visitVarInsn(ILOAD, rowLocal);
                CodeGenerator.pushInt(mv, v.strideT());
                mv.visitInsn(IMUL);
                mv.visitInsn(IADD);
            }
        }

        // ---- small contractions, per example ----------------------------------------------------------

        /**
         * {@code for t < n:} every element of C_t, in row order, as straight-line code: load it, add its K products in
         * ascending order (plain, or {@link mgc.runtime.MathOps#dmul} where an operand's zero is strong), store it.
         * The operands' places are their views at example t (the kernels' arguments: offset, stride per example, row
         * and column strides), so the code reads exactly the elements {@link Kernels#contract} would.
         */
        void perExampleMethod(ClassWriter cw, String name, LoopPlan.PerExampleContract pc) {
            LoopPlan.Contract c = pc.c();
            int t = 8, aBase = 9, bBase = 10, cBase = 11;
            overExamples(cw, name, t, mv -> {
                exampleBase(mv, c.a(), t);
                mv.visitVarInsn(ISTORE, aBase);
                exampleBase(mv, c.b(), t);
                mv.visitVarInsn(ISTORE, bBase);
                exampleBase(mv, c.c(), t);
                mv.visitVarInsn(ISTORE, cBase);
                boolean unrolled = Partitioner.perExampleUnrolled(c.m(), c.k(), c.n());
                for (int i = 0; i < c.m(); i++) {
                    for (int j = 0; j < c.n(); j++) {
                        if (!unrolled) {
                            sumOverK(mv, pc, i, j, aBase, bBase, cBase);
                            continue;
                        }
                        mv.visitVarInsn(ALOAD, c.c().arr().ordinal());
                        mv.visitVarInsn(ILOAD, cBase);
                        CodeGenerator.pushIndex(mv, i * c.n() + j);
                        mv.visitInsn(IADD);
                        mv.visitInsn(DUP2);
                        mv.visitInsn(DALOAD);
                        for (int p = 0; p < c.k(); p++) {
                            int ai = i * c.aRow() + p * c.aCol(), bi = p * c.bRow() + j * c.bCol();
                            term(mv, pc.zero(), c.a(), aBase, ai, c.b(), bBase, bi);
                        }
                        mv.visitInsn(DASTORE);
                    }
                }
            });
        }

        /** One product, the zero-strong operand first for {@code dmul}, added to the sum on the stack. */
        static void term(MethodVisitor mv, int zero, View a, int aBase, int ai, View b, int bBase, int bi) {
            if (zero == 2) {
                element(mv, b, bBase, bi);
                element(mv, a, aBase, ai);
            } else {
                element(mv, a, aBase, ai);
                element(mv, b, bBase, bi);
            }
            if (zero == 0) mv.visitInsn(DMUL);
            else mv.visitMethodInsn(INVOKESTATIC, "mgc/runtime/MathOps", "dmul", "(DD)D", false);
            mv.visitInsn(DADD);
        }

        /**
         * Element (i, j) of C plus its K products by a loop over p (a long row-vector product: too many products to
         * unroll), the operand stack empty at the loop's head: locals 12-13 hold the sum, 14 p, 15 and 16 the
         * operands' indices, 17 C's.
         */
        static void sumOverK(MethodVisitor mv, LoopPlan.PerExampleContract pc, int i, int j, int aBase, int bBase, int cBase) {
            LoopPlan.Contract c = pc.c();
            int acc = 12, p = 14, ai = 15, bi = 16, ci = 17;
            index(mv, cBase, i * c.n() + j, ci);
            index(mv, aBase, i * c.aRow(), ai);
            index(mv, bBase, j * c.bCol(), bi);
            element(mv, c.c(), ci, 0);
            mv.visitVarInsn(DSTORE, acc);
            countedLoop(mv, p, b -> CodeGenerator.pushInt(b, c.k()), b -> {
                b.visitVarInsn(DLOAD, acc);
                term(b, pc.zero(), c.a(), ai, 0, c.b(), bi, 0);
                b.visitVarInsn(DSTORE, acc);
                addTo(b, ai, c.aCol());
                addTo(b, bi, c.bRow());
            });
            mv.visitVarInsn(ALOAD, c.c().arr().ordinal());
            mv.visitVarInsn(ILOAD, ci);
            mv.visitVarInsn(DLOAD, acc);
            mv.visitInsn(DASTORE);
        }

        /** {@code local += delta}: an iinc where the increment fits one (a wide iinc takes 16 bits). */
        static void addTo(MethodVisitor mv, int local, int delta) {
            if (delta >= Short.MIN_VALUE && delta <= Short.MAX_VALUE) {
                mv.visitIincInsn(local, delta);
                return;
            }
            mv.visitVarInsn(ILOAD, local);
            mv.visitLdcInsn(delta);
            mv.visitInsn(IADD);
            mv.visitVarInsn(ISTORE, local);
        }

        /** {@code local = base + delta}. */
        static void index(MethodVisitor mv, int base, int delta, int local) {
            mv.visitVarInsn(ILOAD, base);
            if (delta != 0) {
                CodeGenerator.pushIndex(mv, delta);
                mv.visitInsn(IADD);
            }
            mv.visitVarInsn(ISTORE, local);
        }

        /**
         * A private static method {@code name} ({@link #EXAMPLES_DESC}) whose body runs
         * {@code for (t = 0; t < n; t++) body}, t being the local in slot {@code t}; its bytecode size is recorded.
         */
        void overExamples(ClassWriter cw, String name, int t, java.util.function.Consumer<MethodVisitor> body) {
            MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, EXAMPLES_DESC, null, null);
            mv.visitCode();
            Label start = new Label(), end = new Label();
            mv.visitLabel(start);
            countedLoop(mv, t, b -> b.visitVarInsn(ILOAD, 6), body);
            mv.visitInsn(RETURN);
            mv.visitLabel(end);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            sizes.put(name, end.getOffset() - start.getOffset());
        }

        /** {@code for (counter = 0; counter < bound; counter++) body}, with {@code bound} pushed by {@code bound}. */
        static void countedLoop(MethodVisitor mv, int counter, java.util.function.Consumer<MethodVisitor> bound,
                                java.util.function.Consumer<MethodVisitor> body) {
            Label loop = new Label(), done = new Label();
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, counter);
            mv.visitLabel(loop);
            mv.visitVarInsn(ILOAD, counter);
            bound.accept(mv);
            mv.visitJumpInsn(IF_ICMPGE, done);
            body.accept(mv);
            mv.visitIincInsn(counter, 1);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(done);
        }

        /** Calls an {@link #overExamples} method from a step method, passing on its first eight slots. */
        void callOverExamples(MethodVisitor mv, String name) {
            for (int i = 0; i < 5; i++) mv.visitVarInsn(ALOAD, i);
            for (int i = 5; i < 8; i++) mv.visitVarInsn(ILOAD, i);
            mv.visitMethodInsn(INVOKESTATIC, owner, name, EXAMPLES_DESC, false);
        }

        /** A view's first element at example t of the tile: {@link #offset} plus {@code t * strideT}. */
        static void exampleBase(MethodVisitor mv, View v, int t) {
            offset(mv, v);
            if (v.strideT() == 0) return;
            mv.visitVarInsn(ILOAD, t);
            CodeGenerator.pushInt(mv, v.strideT());
            mv.visitInsn(IMUL);
            mv.visitInsn(IADD);
        }

        static void element(MethodVisitor mv, View v, int base, int index) {
            mv.visitVarInsn(ALOAD, v.arr().ordinal());
            mv.visitVarInsn(ILOAD, base);
            if (index != 0) {
                CodeGenerator.pushIndex(mv, index);
                mv.visitInsn(IADD);
            }
            mv.visitInsn(DALOAD);
        }

        // ---- fused elementwise loops ------------------------------------------------------------------

        /**
         * {@code for t < n: for i < size: out[t][i] = tree(t, i)}: the inner loop reads each operand at a
         * base computed once per example plus {@code i} (or not at all moving, for a broadcast), the form
         * C2's SuperWord vectorises when every op in the tree is a plain arithmetic instruction.
         */
        void mapMethod(ClassWriter cw, String name, LoopPlan.MapLoop m) {
            List<View> leaves = new ArrayList<>();
            collect(m.tree(), leaves);
            int t = 8, i = 9, outBase = 10, firstBase = 11;
            overExamples(cw, name, t, mv -> {
                exampleBase(mv, m.out(), t);
                mv.visitVarInsn(ISTORE, outBase);
                for (int k = 0; k < leaves.size(); k++) {
                    exampleBase(mv, leaves.get(k), t);
                    mv.visitVarInsn(ISTORE, firstBase + k);
                }
                countedLoop(mv, i, b -> CodeGenerator.pushInt(b, m.size()), b -> {
                    b.visitVarInsn(ALOAD, m.out().arr().ordinal());
                    b.visitVarInsn(ILOAD, outBase);
                    b.visitVarInsn(ILOAD, i);
                    b.visitInsn(IADD);
                    int[] next = {0};
                    expression(b, m.tree(), leaves, firstBase, i, next);
                    b.visitInsn(DASTORE);
                });
            });
        }

        static void collect(MapTree tree, List<View> leaves) {
            if (tree.leaf() != null) leaves.add(tree.leaf());
            for (MapTree o : tree.operands()) collect(o, leaves);
        }

        void expression(MethodVisitor mv, MapTree tree, List<View> leaves, int firstBase, int i, int[] next) {
            if (tree.leaf() != null) {
                int k = next[0]++;
                View v = tree.leaf();
                mv.visitVarInsn(ALOAD, v.arr().ordinal());
                mv.visitVarInsn(ILOAD, firstBase + k);
                if (v.elem() != 0) {
                    mv.visitVarInsn(ILOAD, i);
                    mv.visitInsn(IADD);
                }
                mv.visitInsn(DALOAD);
                return;
            }
            // collect() visits the root before its operands' leaves in the same order as here
            for (MapTree o : tree.operands()) expression(mv, o, leaves, firstBase, i, next);
            TNode node = g.node(tree.node());
            node.op().emitInLoop(mv, node.value());
        }
    }

    // ---- entry points ----------------------------------------------------------------------------------

    /**
     * A CompiledModel method over examples [from, to): the once-per-call steps, then the tile steps for
     * each tile. Slots are the method's parameter slots (-1 when it has no such array).
     */
    private static void entryImpl(MethodVisitor mv, String owner, String name, int params, int inputs, int targets,
                                  int from, int to, int extra, int scratch, boolean returnsLoss, int firstFree) {
        int t0 = firstFree, acc = firstFree + 1, n = firstFree + 3;
        pushArgs(mv, params, inputs, targets, scratch, extra);
        mv.visitVarInsn(ILOAD, from);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ICONST_0);
        mv.visitInsn(DCONST_0);
        mv.visitMethodInsn(INVOKESTATIC, owner, name + "$once", STEPS_DESC, false);
        mv.visitVarInsn(DSTORE, acc);
        mv.visitVarInsn(ILOAD, from);
        mv.visitVarInsn(ISTORE, t0);
        Label loop = new Label(), done = new Label();
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, t0);
        mv.visitVarInsn(ILOAD, to);
        mv.visitJumpInsn(IF_ICMPGE, done);
        CodeGenerator.pushInt(mv, TILE);
        mv.visitVarInsn(ILOAD, to);
        mv.visitVarInsn(ILOAD, t0);
        mv.visitInsn(ISUB);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", "(II)I", false);
        mv.visitVarInsn(ISTORE, n);
        pushArgs(mv, params, inputs, targets, scratch, extra);
        mv.visitVarInsn(ILOAD, t0);
        mv.visitVarInsn(ILOAD, n);
        mv.visitVarInsn(ILOAD, t0);
        mv.visitVarInsn(ILOAD, from);
        mv.visitInsn(ISUB);
        mv.visitVarInsn(DLOAD, acc);
        mv.visitMethodInsn(INVOKESTATIC, owner, name + "$tile", STEPS_DESC, false);
        mv.visitVarInsn(DSTORE, acc);
        mv.visitVarInsn(ILOAD, t0);
        CodeGenerator.pushInt(mv, TILE);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ISTORE, t0);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(done);
        if (returnsLoss) {
            mv.visitVarInsn(DLOAD, acc);
            mv.visitInsn(DRETURN);
        } else {
            mv.visitInsn(RETURN);
        }
    }

    private static void pushArgs(MethodVisitor mv, int params, int inputs, int targets, int scratch, int extra) {
        for (int slot : new int[] {params, inputs, targets, scratch, extra}) {
            if (slot < 0) mv.visitInsn(ACONST_NULL);
            else mv.visitVarInsn(ALOAD, slot);
        }
    }
}
