package mgc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import mgc.runtime.testing.Linear;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds model jars the way {@code mgc compile} will, around a class that exists nowhere but in the jar. */
class ModelsTest {

    private static final String SOURCE = """
            package gen;
            public final class Scaled implements mgc.runtime.CompiledModel {
                private final mgc.runtime.testing.Linear inner = new mgc.runtime.testing.Linear();
                public mgc.runtime.ModelSignature signature() { return inner.signature(); }
                public int scratchSize() { return 0; }
                public void forward(double[] p, double[] in, int from, int to, double[] out, double[] s) {
                    inner.forward(p, in, from, to, out, s);
                    for (int i = 0; i < to - from; i++) out[i] *= 10;
                }
                public double loss(double[] p, double[] in, double[] t, int from, int to, double[] s) { return 0; }
                public double lossAndGradient(double[] p, double[] in, double[] t, int from, int to, double[] g, double[] s) { return 0; }
                public double penalty(double[] p, double[] s) { return 0; }
                public double penaltyAndGradient(double[] p, double[] g, double[] s) { return 0; }
            }
            """;

    private static byte[] classBytes;

    @BeforeAll
    static void compile() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager std = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var manager = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location l, String name, JavaFileObject.Kind k, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name + ".class"), k) {
                    @Override public OutputStream openOutputStream() { return bytes; }
                };
            }
        };
        String cp = Paths.get(CompiledModel.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator
                + Paths.get(Linear.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaFileObject src = new SimpleJavaFileObject(URI.create("string:///gen/Scaled.java"), JavaFileObject.Kind.SOURCE) {
            @Override public CharSequence getCharContent(boolean ignore) { return SOURCE; }
        };
        assertTrue(javac.getTask(null, manager, null, List.of("-classpath", cp, "-proc:none"), null, List.of(src)).call());
        classBytes = bytes.toByteArray();
    }

    private static Path jar(Path dir, String sigText, boolean withClass) throws IOException {
        Path jar = dir.resolve("model.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (sigText != null) {
                out.putNextEntry(new JarEntry(Models.SIGNATURE_ENTRY));
                out.write(sigText.getBytes(StandardCharsets.UTF_8));
            }
            if (withClass) {
                out.putNextEntry(new JarEntry("gen/Scaled.class"));
                out.write(classBytes);
            }
        }
        return jar;
    }

    private static String sig(String className) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSignatures.write(new Linear().signature(), className, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void loadsTheClassNamedInTheSignature(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("written.jar");
        Models.writeJar(jar, new Linear().signature(), "gen.Scaled", Map.of("gen.Scaled", classBytes));
        CompiledModel m = Models.load(jar);
        assertEquals("gen.Scaled", m.getClass().getName());
        assertNotSame(Models.class.getClassLoader(), m.getClass().getClassLoader());
        assertEquals(new Linear().signature(), m.signature());
        double[] out = new double[1];
        m.forward(new double[] {1, 2, 3}, new double[] {1, 1}, 0, 1, out, m.newScratch());
        assertArrayEquals(new double[] {60}, out, 0);
        assertEquals("gen.Scaled", Models.load(jar(dir, sig("gen.Scaled"), true)).getClass().getName());
    }

    @Test
    void readsAJarsClassBytesAndDefinesThemInAnotherJvmsWay(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("written.jar");
        Models.writeJar(jar, new Linear().signature(), "gen.Scaled", Map.of("gen.Scaled", classBytes));
        Models.Code code = Models.read(jar);
        assertEquals("gen.Scaled", code.mainClass());
        assertEquals(new Linear().signature(), code.signature());
        assertArrayEquals(classBytes, code.classes().get("gen.Scaled"));
        CompiledModel m = Models.define(code);
        assertEquals("gen.Scaled", m.getClass().getName());
        double[] out = new double[1];
        m.forward(new double[] {1, 2, 3}, new double[] {1, 1}, 0, 1, out, m.newScratch());
        assertArrayEquals(new double[] {60}, out, 0);
        assertNotSame(m.getClass(), Models.define(code).getClass(), "each definition has its own loader");
        Path noClass = jar(dir, sig("gen.Missing"), true);
        assertEquals(noClass + " names the model class gen.Missing in META-INF/mgc/model.sig, but the jar does not hold it",
                assertThrows(ModelLoadException.class, () -> Models.read(noClass)).getMessage());
    }

    private static String error(Path jar) {
        return assertThrows(ModelLoadException.class, () -> Models.load(jar)).getMessage();
    }

    @Test
    void clearMessages(@TempDir Path dir) throws IOException {
        assertEquals("no such file: " + dir.resolve("nope.jar"), error(dir.resolve("nope.jar")));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertTrue(error(text).startsWith(text + " is not a jar file ("));
        Path noSig = jar(dir, null, true);
        assertEquals(noSig + " is not a model jar: it has no META-INF/mgc/model.sig (write one with `mgc compile`)", error(noSig));
        Path badVersion = jar(dir, sig("gen.Scaled").replace("mgc-signature 1", "mgc-signature 9"), true);
        assertEquals(badVersion + ": the model signature has format version 9; this runtime reads version 1"
                + " (recompile the model with a matching mgc)", error(badVersion));
        Path noClass = jar(dir, sig("gen.Missing"), true);
        assertEquals(noClass + " names the model class gen.Missing in META-INF/mgc/model.sig, but the jar does not hold it",
                error(noClass));
        Path notModel = jar(dir, sig("java.lang.Object"), false);
        assertEquals("the class java.lang.Object in " + notModel + " does not implement mgc.runtime.CompiledModel"
                + " (is the jar from another mgc version?)", error(notModel));
    }

    @Test
    void mismatchedParametersAreRefused(@TempDir Path dir) throws IOException {
        Map<String, String> none = Map.of();
        ModelSignature other = new ModelSignature("linear",
                List.of(new TensorSpec("w", new int[] {3}, 0, new Initializer.Fill(0))), List.of(), List.of(), List.of(), false, none);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSignatures.write(other, "gen.Scaled", out);
        Path jar = jar(dir, out.toString(StandardCharsets.UTF_8), true);
        assertEquals("the model class gen.Scaled in " + jar + " does not match the parameters listed in META-INF/mgc/model.sig",
                error(jar));
    }

    @Test
    void aModelWrittenToADirectoryLoadsByNameFromTheClassPath(@TempDir Path dir) throws IOException {
        Models.writeDirectory(dir, new Linear().signature(), "gen.Scaled", Map.of("gen.Scaled", classBytes));
        assertTrue(Files.isRegularFile(dir.resolve("gen/Scaled.class")));
        assertTrue(Files.isRegularFile(dir.resolve("META-INF/mgc/models/linear.sig")));
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, Models.class.getClassLoader())) {
            CompiledModel m = Models.load("linear", loader);
            assertEquals("gen.Scaled", m.getClass().getName());
            double[] out = new double[1];
            m.forward(new double[] {1, 2, 3}, new double[] {1, 1}, 0, 1, out, m.newScratch());
            assertArrayEquals(new double[] {60}, out, 0);
            assertEquals("no model `moons` on the class path: META-INF/mgc/models/moons.sig is missing"
                    + " (does the build run mgc-maven-plugin?)",
                    assertThrows(ModelLoadException.class, () -> Models.load("moons", loader)).getMessage());
        }
        Files.delete(dir.resolve("gen/Scaled.class"));
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, Models.class.getClassLoader())) {
            assertEquals("the class path names the model class gen.Scaled in META-INF/mgc/models/linear.sig, but it does"
                    + " not hold it", assertThrows(ModelLoadException.class, () -> Models.load("linear", loader)).getMessage());
        }
    }
}
