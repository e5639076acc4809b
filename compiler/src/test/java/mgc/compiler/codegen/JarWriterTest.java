package mgc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.jar.JarFile;
import mgc.compiler.ir.Graph;
import mgc.runtime.CompiledModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar written by JarWriter loads with only the runtime beside it and computes the hidden class's bits. */
class JarWriterTest {

    @Test
    void jarLoadsInIsolationAndComputesTheSameValues(@TempDir Path dir) throws Exception {
        Graph joint = TestModels.joint(TestModels.moons());
        GeneratedClass gc = CodeGenerator.generate(joint, joint.signature(), CodegenOptions.defaults().withMethodBudget(1500));
        CompiledModel hidden = ModelLoader.define(gc, joint.signature());
        Path jar = dir.resolve("moons.jar");
        JarWriter.write(jar, gc, joint.signature());

        String className;
        try (JarFile jf = new JarFile(jar.toFile())) {
            var loaded = mgc.runtime.ModelSignatures.read(jf.getInputStream(jf.getEntry(mgc.runtime.Models.SIGNATURE_ENTRY)));
            className = loaded.className();
            assertEquals(joint.signature(), loaded.signature());
            CodegenTesting.assertVerifies(jf.getInputStream(jf.getEntry(className.replace('.', '/') + ".class")).readAllBytes());
        }
        assertEquals("mgc.models.Moons", className);
        URL runtime = CompiledModel.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL(), runtime}, ClassLoader.getPlatformClassLoader())) {
            Class<?> c = loader.loadClass(className);
            Class<?> iface = loader.loadClass(CompiledModel.class.getName());
            assertNotSame(CompiledModel.class, iface);
            assertTrue(iface.isAssignableFrom(c));
            Object model = c.getConstructor().newInstance();
            assertEquals(joint.signature().toString(), iface.getMethod("signature").invoke(model).toString());
            int scratchSize = (int) iface.getMethod("scratchSize").invoke(model);
            assertEquals(hidden.scratchSize(), scratchSize);

            SplittableRandom r = new SplittableRandom(5);
            int n = 30, ps = joint.signature().paramSize();
            double[] params = CodegenTesting.point(r, ps, false), inputs = CodegenTesting.point(r, 2 * n, false);
            double[] targets = new double[n];
            for (int i = 0; i < n; i++) targets[i] = r.nextBoolean() ? 1 : -1;
            Method lg = iface.getMethod("lossAndGradient", double[].class, double[].class, double[].class, int.class, int.class,
                    double[].class, double[].class);
            double[] gJar = new double[ps], gHidden = new double[ps];
            double lJar = (double) lg.invoke(model, params, inputs, targets, 0, n, gJar, new double[scratchSize]);
            double lHidden = hidden.lossAndGradient(params, inputs, targets, 0, n, gHidden, hidden.newScratch());
            assertEquals(Double.doubleToRawLongBits(lHidden), Double.doubleToRawLongBits(lJar));
            assertArrayEquals(gHidden, gJar);
            Method fw = iface.getMethod("forward", double[].class, double[].class, int.class, int.class, double[].class, double[].class);
            double[] oJar = new double[n], oHidden = new double[n];
            fw.invoke(model, params, inputs, 0, n, oJar, new double[scratchSize]);
            hidden.forward(params, inputs, 0, n, oHidden, hidden.newScratch());
            assertArrayEquals(oHidden, oJar);
            double pJar = (double) iface.getMethod("penalty", double[].class, double[].class).invoke(model, params, new double[scratchSize]);
            assertEquals(hidden.penalty(params, hidden.newScratch()), pJar);
        }
    }

    @Test
    void explicitInitialValuesSurviveTheJar(@TempDir Path dir) throws Exception {
        Graph joint = TestModels.joint(TestModels.wide(5000));
        GeneratedClass gc = CodeGenerator.generate(joint, joint.signature(), CodegenOptions.defaults().withMaxPoolDoubles(100));
        Path jar = dir.resolve("wide.jar");
        JarWriter.write(jar, gc, joint.signature(), "example.Wide");
        URL runtime = CompiledModel.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL(), runtime}, ClassLoader.getPlatformClassLoader())) {
            Object model = loader.loadClass("example.Wide").getConstructor().newInstance();
            Object sig = loader.loadClass(CompiledModel.class.getName()).getMethod("signature").invoke(model);
            assertEquals(joint.signature().toString(), sig.toString());
        }
    }
}
