package mgc.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.codegen.JarWriter;
import mgc.compiler.front.Source;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.TensorView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A facade is generated, compiled by javac and run against the model class written beside it. */
class FacadeWriterTest {

    @TempDir
    Path dir;

    /** Compiles {@code text}, writes class + signature + facade under {@code dir}, javac's the facade, loads it. */
    private Class<?> build(String text, String pkg) throws Exception {
        Compilation c = Compiler.compile(new Source("test.mg", text), CompileOptions.defaults(), Compiler.Stage.LOADED);
        Path classes = dir.resolve("classes"), sources = dir.resolve("src");
        String facade = FacadeWriter.className(c.signature().modelName());
        JarWriter.writeDirectory(classes, c.generated(), c.signature(), FacadeWriter.modelClassName(pkg, facade));
        Path java = sources.resolve(pkg.replace('.', '/')).resolve(facade + ".java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, FacadeWriter.write(c.signature(), pkg, "src/main/mg/test.mg"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-Xlint:all", "-Werror", "-d", classes.toString(), "-cp", System.getProperty("java.class.path")),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(java)).call();
        assertTrue(ok, diagnostics.toString());
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return Class.forName(pkg + "." + facade, true, loader);
    }

    @Test
    void theMoonsFacadePredictsWhatTheCompiledModelComputes() throws Exception {
        String text = Files.readString(Path.of(System.getProperty("mgc.root", ".."), "examples/moons.mg"));
        Class<?> moons = build(text, "app.models");
        assertEquals("Moons", moons.getSimpleName());
        Object m = moons.getMethod("create").invoke(null);
        double[] params = (double[]) moons.getMethod("params").invoke(m);
        CompiledModel reference = Compiler.compile(new Source("moons.mg", text), CompileOptions.defaults()).model();
        // the train block's seed = 6 draws the initial parameters
        assertArrayEquals(Initializers.initialize(reference.signature(), 6), params);
        double[] x = {0.4, -0.7};
        double[] expected = new double[1];
        reference.forward(params, x, 0, 1, expected, reference.newScratch());
        assertArrayEquals(expected, (double[]) moons.getMethod("predict", double[].class).invoke(m, (Object) x));
        double[][] batch = (double[][]) moons.getMethod("predict", double[][].class).invoke(m, (Object) new double[][] {x, x});
        assertArrayEquals(expected, batch[1]);
        double loss = (double) moons.getMethod("loss", double[].class, double.class).invoke(m, x, 1.0);
        assertEquals(reference.loss(params, x, new double[] {1.0}, 0, 1, reference.newScratch()), loss);
        TensorView w2 = (TensorView) moons.getMethod("W2").invoke(m);
        assertArrayEquals(new int[] {16, 16}, w2.shape());
        assertEquals(params[32 + 16 + 17], w2.get(1, 1));
    }

    @Test
    void namesThatClashWithJavaOrTheFacadeAreRenamed() throws Exception {
        String text = """
                model net_2
                input grad, x[2]
                target y
                param save[2] = [1, 2]
                param int = 0.5
                o = dot(save, x) * grad + int
                output o
                loss = (o - y)^2
                """;
        Class<?> net = build(text, "p");
        assertEquals("Net2", net.getSimpleName());
        Object m = net.getMethod("create").invoke(null);
        TensorView save = (TensorView) net.getMethod("save_").invoke(m);
        assertArrayEquals(new double[] {1, 2}, save.toArray());
        assertEquals(0.5, ((TensorView) net.getMethod("int_").invoke(m)).get());
        // inputs grad (scalar) and x[2], then target y: o = (1*3 + 2*4) * 2 + 0.5 = 22.5, loss (22.5 - 20)^2
        Method loss = net.getMethod("loss", double.class, double[].class, double.class);
        assertEquals(6.25, (double) loss.invoke(m, 2.0, new double[] {3, 4}, 20.0), 1e-12);
        double[] grad = new double[3];
        net.getMethod("lossAndGradient", double.class, double[].class, double.class, double[].class)
                .invoke(m, 2.0, new double[] {3, 4}, 20.0, grad);
        // d/d save_i = 2 (o - y) * grad * x_i, d/d int = 2 (o - y)
        assertArrayEquals(new double[] {30, 40, 5}, grad, 1e-12);
        double[] out = (double[]) net.getMethod("predict", double[].class).invoke(m, (Object) new double[] {2, 3, 4});
        assertArrayEquals(new double[] {22.5}, out);
    }

    @Test
    void classNamesAreTheModelNameInUpperCamelCase() {
        assertEquals("Moons", FacadeWriter.className("moons"));
        assertEquals("TwoLayerNet", FacadeWriter.className("two_layer_net"));
        assertEquals("app.compiled.Moons", FacadeWriter.modelClassName("app", "Moons"));
        assertEquals("compiled.Moons", FacadeWriter.modelClassName("", "Moons"));
    }
}
