package mgc.compiler.codegen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import mgc.runtime.ModelSignature;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes a generated model as a jar that runs with mgc-runtime alone: the class (renamed out of the
 * compiler's package, a normal class with a public no-arg constructor, its signature rebuilt by
 * {@link SignatureBuilder} instead of read from class data) and the signature as
 * {@code META-INF/mgc/model.sig}, in the layout of the runtime's {@link mgc.runtime.Models#writeJar}.
 */
public final class JarWriter {
    private JarWriter() {}


    /** Writes the jar with the class named {@link #defaultClassName}. */
    public static void write(Path jar, GeneratedClass generated, ModelSignature sig) throws IOException {
        write(jar, generated, sig, defaultClassName(sig));
    }

    public static void write(Path jar, GeneratedClass generated, ModelSignature sig, String className) throws IOException {
        byte[] bytes = retarget(generated, sig, className);
        // one definition of the jar layout, shared with the runtime's loader
        mgc.runtime.Models.writeJar(jar, sig, className, java.util.Map.of(className, bytes));
    }

    /**
     * Writes the class file and the signature resource under {@code dir} (a build's class output), in the
     * class-path layout of the runtime's {@link mgc.runtime.Models#writeDirectory}; returns the files written.
     */
    public static java.util.List<Path> writeDirectory(Path dir, GeneratedClass generated, ModelSignature sig,
                                                      String className) throws IOException {
        mgc.runtime.Models.writeDirectory(dir, sig, className, Map.of(className, retarget(generated, sig, className)));
        return java.util.List.of(dir.resolve(className.replace('.', '/') + ".class"),
                dir.resolve(mgc.runtime.Models.signatureResource(sig.modelName())));
    }

    /** {@code mgc.models.<ModelName>}, the model's name made a Java identifier. */
    public static String defaultClassName(ModelSignature sig) {
        StringBuilder sb = new StringBuilder();
        for (char ch : sig.modelName().toCharArray()) sb.append(Character.isJavaIdentifierPart(ch) ? ch : '_');
        if (sb.length() == 0 || !Character.isJavaIdentifierStart(sb.charAt(0))) sb.insert(0, 'M');
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        return "mgc.models." + sb;
    }


    /** The class bytes under {@code className}, with the class-data signature replaced by a builder. */
    static byte[] retarget(GeneratedClass generated, ModelSignature sig, String className) {
        String from = generated.internalName(), to = className.replace('.', '/');
        ClassReader reader = new ClassReader(generated.bytes());
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override protected String getCommonSuperClass(String a, String b) { return "java/lang/Object"; }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(version, access, to, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if (name.equals(CodeGenerator.SIGNATURE_METHOD)) return null;
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                        super.visitFieldInsn(opcode, owner.equals(from) ? to : owner, name, descriptor);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
                        super.visitMethodInsn(opcode, owner.equals(from) ? to : owner, name, descriptor, itf);
                    }
                };
            }

            @Override
            public void visitEnd() {
                SignatureBuilder.emit(cv, to, sig);
                super.visitEnd();
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
