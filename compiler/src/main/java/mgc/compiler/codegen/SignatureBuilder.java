package mgc.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.List;
import java.util.Map;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits {@code static ModelSignature $signature()} that rebuilds a signature from constants, so that a
 * class written to a jar describes itself with nothing but the runtime on its class path. Value lists
 * of explicit initialisers are decoded from string constants by the class's {@code $decode}.
 */
final class SignatureBuilder {
    private SignatureBuilder() {}

    private static final String SPEC = "mgc/runtime/TensorSpec", INIT = "mgc/runtime/Initializer";

    static void emit(ClassVisitor cv, String owner, ModelSignature sig) {
        MethodVisitor mv = cv.visitMethod(ACC_PRIVATE | ACC_STATIC, CodeGenerator.SIGNATURE_METHOD,
                "()" + CodeGenerator.SIGNATURE_DESC, null, null);
        mv.visitCode();
        mv.visitTypeInsn(NEW, "mgc/runtime/ModelSignature");
        mv.visitInsn(DUP);
        mv.visitLdcInsn(sig.modelName());
        for (List<TensorSpec> specs : List.of(sig.params(), sig.inputs(), sig.targets(), sig.outputs())) {
            pushSpecs(mv, owner, specs);
        }
        mv.visitInsn(sig.hasPenalty() ? ICONST_1 : ICONST_0);
        pushMap(mv, sig.trainDefaults());
        mv.visitMethodInsn(INVOKESPECIAL, "mgc/runtime/ModelSignature", "<init>",
                "(Ljava/lang/String;Ljava/util/List;Ljava/util/List;Ljava/util/List;Ljava/util/List;ZLjava/util/Map;)V", false);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void pushSpecs(MethodVisitor mv, String owner, List<TensorSpec> specs) {
        CodeGenerator.pushInt(mv, specs.size());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int i = 0; i < specs.size(); i++) {
            TensorSpec s = specs.get(i);
            mv.visitInsn(DUP);
            CodeGenerator.pushInt(mv, i);
            mv.visitTypeInsn(NEW, SPEC);
            mv.visitInsn(DUP);
            mv.visitLdcInsn(s.name());
            int[] shape = s.shape();
            CodeGenerator.pushInt(mv, shape.length);
            mv.visitIntInsn(NEWARRAY, T_INT);
            for (int d = 0; d < shape.length; d++) {
                mv.visitInsn(DUP);
                CodeGenerator.pushInt(mv, d);
                CodeGenerator.pushInt(mv, shape[d]);
                mv.visitInsn(IASTORE);
            }
            CodeGenerator.pushInt(mv, s.offset());
            pushInitializer(mv, owner, s.init());
            mv.visitMethodInsn(INVOKESPECIAL, SPEC, "<init>", "(Ljava/lang/String;[IIL" + INIT + ";)V", false);
            mv.visitInsn(AASTORE);
        }
        mv.visitMethodInsn(INVOKESTATIC, "java/util/List", "of", "([Ljava/lang/Object;)Ljava/util/List;", true);
    }

    private static void pushInitializer(MethodVisitor mv, String owner, Initializer init) {
        if (init == null) {
            mv.visitInsn(ACONST_NULL);
            return;
        }
        String type = INIT + "$" + init.getClass().getSimpleName();
        mv.visitTypeInsn(NEW, type);
        mv.visitInsn(DUP);
        String desc;
        if (init instanceof Initializer.Fill f) {
            mv.visitLdcInsn(f.value());
            desc = "(D)V";
        } else if (init instanceof Initializer.Values v) {
            CodeGenerator.pushDoubleArray(mv, owner, v.values());
            desc = "([D)V";
        } else if (init instanceof Initializer.Uniform u) {
            mv.visitLdcInsn(u.lo());
            mv.visitLdcInsn(u.hi());
            desc = "(DD)V";
        } else if (init instanceof Initializer.Normal n) {
            mv.visitLdcInsn(n.mean());
            mv.visitLdcInsn(n.stddev());
            desc = "(DD)V";
        } else {
            desc = "()V"; // Xavier, Kaiming
        }
        mv.visitMethodInsn(INVOKESPECIAL, type, "<init>", desc, false);
    }

    private static void pushMap(MethodVisitor mv, Map<String, String> map) {
        List<Map.Entry<String, String>> entries = List.copyOf(new java.util.TreeMap<>(map).entrySet());
        CodeGenerator.pushInt(mv, entries.size());
        mv.visitTypeInsn(ANEWARRAY, "java/util/Map$Entry");
        for (int i = 0; i < entries.size(); i++) {
            mv.visitInsn(DUP);
            CodeGenerator.pushInt(mv, i);
            mv.visitLdcInsn(entries.get(i).getKey());
            mv.visitLdcInsn(entries.get(i).getValue());
            mv.visitMethodInsn(INVOKESTATIC, "java/util/Map", "entry", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/util/Map$Entry;", true);
            mv.visitInsn(AASTORE);
        }
        mv.visitMethodInsn(INVOKESTATIC, "java/util/Map", "ofEntries", "([Ljava/util/Map$Entry;)Ljava/util/Map;", true);
    }
}
