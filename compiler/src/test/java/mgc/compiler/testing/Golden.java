package mgc.compiler.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Golden files under {@code compiler/src/test/resources/golden/}. To regenerate them after an intended
 * change of a text form, run the tests with {@code -Dmgc.updateGolden=true} and review the diff:
 * {@code mvn -o -q -pl compiler -am test -Dtest='Front*,LoweringTest,TensorGoldenTest,LoopPlanGoldenTest' -Dsurefire.failIfNoSpecifiedTests=false -Dmgc.updateGolden=true}.
 */
public final class Golden {

    private Golden() {}

    /** The repository root, from the {@code mgc.root} property that the compiler pom's surefire sets. */
    public static Path root() {
        String root = System.getProperty("mgc.root");
        if (root == null) root = Files.isDirectory(Path.of("examples")) ? "." : "..";
        return Path.of(root).toAbsolutePath().normalize();
    }

    /**
     * Examples too large for per-example golden IR and gradient checks in every build: mnist.mg unrolls to
     * ~400k nodes today (DigitsCliTest checks its front end; its real run is in the README).
     */
    static final java.util.Set<String> LARGE_EXAMPLES = java.util.Set.of("mnist.mg");

    /** The example models {@code examples/*.mg}, sorted by name, without {@link #LARGE_EXAMPLES}. */
    public static List<Path> examples() {
        return examples(false);
    }

    /** The example models, sorted by name; with {@code large} also {@link #LARGE_EXAMPLES} (for stages that stay small). */
    public static List<Path> examples(boolean large) {
        try (Stream<Path> s = Files.list(root().resolve("examples"))) {
            List<Path> models = s.filter(p -> p.toString().endsWith(".mg"))
                    .filter(p -> large || !LARGE_EXAMPLES.contains(p.getFileName().toString())).sorted().collect(Collectors.toList());
            assertTrue(models.size() >= 5, "examples/*.mg not found under " + root());
            return models;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code actual} equals golden file {@code relative}, or rewrites it in update mode. */
    public static void assertMatches(String relative, String actual) {
        Path file = root().resolve("compiler/src/test/resources/golden").resolve(relative);
        if (Boolean.getBoolean("mgc.updateGolden")) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertTrue(Files.exists(file), "missing golden file " + file + "; run with -Dmgc.updateGolden=true");
        assertEquals(read(file), actual, "differs from golden file " + relative);
    }

    /** {@code moons} for {@code .../examples/moons.mg}. */
    public static String stem(Path model) {
        String n = model.getFileName().toString();
        return n.substring(0, n.length() - 3);
    }
}
