package mgc.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.codegen.JarWriter;
import mgc.compiler.front.Source;
import mgc.runtime.Models;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark session for all of the module's tests (starting Spark takes seconds), and the examples'
 * models compiled into jars as {@code mgc compile} writes them.
 */
final class TestSpark {
    /** Two cores; a task may fail twice before its job fails (plain {@code local[2]} never retries). */
    static final String MASTER = "local[2,2]";
    private static SparkSession session;
    private static final Map<String, Path> JARS = new HashMap<>();

    private TestSpark() { }

    static synchronized SparkSession session() {
        if (session == null)
            session = SparkSession.builder().master(MASTER).appName("mgc-spark tests")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        return session;
    }

    static JavaSparkContext sc() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }

    static Path examples() {
        return Path.of(System.getProperty("mgc.root", "..")).resolve("examples").toAbsolutePath().normalize();
    }

    /** {@code examples/NAME.mg} compiled to a model jar (once per test run). */
    static synchronized Path jar(String name) {
        return JARS.computeIfAbsent(name, n -> {
            try {
                Compilation c = Compiler.compile(Source.read(examples().resolve(n + ".mg")), CompileOptions.defaults(),
                        Compiler.Stage.BYTECODE);
                Path jar = Files.createTempDirectory("mgc-spark-test").resolve(n + ".jar");
                JarWriter.write(jar, c.generated(), c.signature());
                jar.toFile().deleteOnExit();
                jar.getParent().toFile().deleteOnExit();
                return jar;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static ShippedModel shipped(String name) {
        return new ShippedModel(Models.read(jar(name)));
    }
}
