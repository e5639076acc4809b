package mgc.compiler.codegen;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/** The text form of a generated class for {@code mgc emit}: each method's ASM Textifier listing under a header with its byte size. */
public final class BytecodePrinter {
    private BytecodePrinter() {}

    public static String print(GeneratedClass generated) {
        StringBuilder sb = new StringBuilder();
        GeneratedClass.Stats st = generated.stats();
        sb.append("class ").append(generated.className()).append(": ").append(st.methodCount()).append(" sized methods (")
                .append(st.chunkMethods()).append(" chunks), largest ").append(st.largestMethod()).append(" of ")
                .append(st.methodBudget()).append(" bytes, scratch ").append(st.scratchSize()).append(", ")
                .append(st.spilledConstants()).append(" spilled constants, class file ").append(generated.bytes().length).append(" bytes\n");
        new ClassReader(generated.bytes()).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                Textifier text = new Textifier();
                return new MethodVisitor(Opcodes.ASM9, new TraceMethodVisitor(text)) {
                    @Override
                    public void visitEnd() {
                        super.visitEnd();
                        Integer size = st.methodSizes().get(name);
                        sb.append("\nmethod ").append(name).append(descriptor);
                        if (size != null) sb.append("  // ").append(size).append(" bytes");
                        sb.append('\n');
                        StringWriter w = new StringWriter();
                        text.print(new PrintWriter(w));
                        sb.append(w);
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
        return sb.toString();
    }
}
