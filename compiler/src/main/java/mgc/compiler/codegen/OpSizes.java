package mgc.compiler.codegen;

import mgc.compiler.ir.Op;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Bytecode size of each op's {@link Op#emit}, measured once by emitting it into a scratch method. */
final class OpSizes {
    private OpSizes() {}

    private static final int[] SIZES = measure();

    static int size(Op op) {
        return SIZES[op.ordinal()];
    }

    private static int[] measure() {
        int[] sizes = new int[Op.values().length];
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "mgc/compiler/codegen/OpSizeProbe", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "probe", "()V", null, null);
        mv.visitCode();
        for (Op op : Op.values()) {
            if (op.isLeaf()) continue;
            Label before = new Label(), after = new Label();
            mv.visitLabel(before);
            op.emit(mv, 0.375 + op.ordinal()); // a payload that is not 0 or 1, as ldc would need
            mv.visitLabel(after);
            sizes[op.ordinal()] = after.getOffset() - before.getOffset() + 1; // +1: ldc may turn into ldc_w
        }
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return sizes;
    }
}
