package mgc.compiler.codegen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes a generated model as a jar that runs with mgc-runtime alone: the class (renamed out of the
 * compiler's package, a normal class with a public no-arg constructor, its signature rebuilt by
 * {@link SignatureBuilder} instead of read from class data), a manifest naming it
 * ({@code Mgc-Model-Class}) and the signature as {@code META-INF/mgc/model.sig}.
 */
public final class JarWriter {
    private JarWriter() {}

    public static final String SIGNATURE_ENTRY = "META-INF/mgc/model.sig";
    public static final String MODEL_CLASS_ATTRIBUTE = "Mgc-Model-Class";

    /** Writes the jar with the class named {@link #defaultClassName}. */
    public static void write(Path jar, GeneratedClass generated, ModelSignature sig) throws IOException {
        write(jar, generated, sig, defaultClassName(sig));
    }

    public static void write(Path jar, GeneratedClass generated, ModelSignature sig, String className) throws IOException {
        byte[] bytes = retarget(generated, sig, className);
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Created-By", "mgc");
        main.putValue(MODEL_CLASS_ATTRIBUTE, className);
        main.putValue("Mgc-Model-Name", sig.modelName());
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), manifest)) {
            out.putNextEntry(new JarEntry(className.replace('.', '/') + ".class"));
            out.write(bytes);
            out.closeEntry();
            out.putNextEntry(new JarEntry(SIGNATURE_ENTRY));
            writeSignature(sig, className, out);
            out.closeEntry();
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code mgc.models.<ModelName>}, the model's name made a Java identifier. */
    public static String defaultClassName(ModelSignature sig) {
        StringBuilder sb = new StringBuilder();
        for (char ch : sig.modelName().toCharArray()) sb.append(Character.isJavaIdentifierPart(ch) ? ch : '_');
        if (sb.length() == 0 || !Character.isJavaIdentifierStart(sb.charAt(0))) sb.insert(0, 'M');
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        return "mgc.models." + sb;
    }

    /**
     * The one place the signature entry is serialised. Lead: switch to
     * {@code mgc.runtime.ModelSignatures.write(sig, className, out)} once that lands.
     */
    static void writeSignature(ModelSignature sig, String className, OutputStream out) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(buf, StandardCharsets.UTF_8));
        w.println("mgc-signature 1");
        w.println("class " + className);
        w.println("model " + sig.modelName());
        w.println("penalty " + sig.hasPenalty());
        String[] kinds = {"param", "input", "target", "output"};
        List<List<TensorSpec>> lists = List.of(sig.params(), sig.inputs(), sig.targets(), sig.outputs());
        for (int k = 0; k < kinds.length; k++) {
            for (TensorSpec s : lists.get(k)) {
                w.println(kinds[k] + " " + s.name() + " " + s.shapeText().replace(" ", "") + " @" + s.offset()
                        + (s.init() == null ? "" : " " + s.init()));
            }
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(sig.trainDefaults()).entrySet()) {
            w.println("train " + e.getKey() + " = " + e.getValue());
        }
        w.flush();
        out.write(buf.toByteArray());
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
