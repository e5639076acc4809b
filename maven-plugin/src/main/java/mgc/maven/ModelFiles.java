package mgc.maven;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The model sources of a build: files under the source directory matching any include glob. */
final class ModelFiles {

    private ModelFiles() { }

    /**
     * Relative paths (with '/'), sorted, of the regular files under {@code root} that match one of
     * {@code includes} ({@code **}/{@code *.mg} style globs; a leading {@code **}/ also matches at the top).
     * A missing directory has no models.
     */
    static List<String> find(Path root, List<String> includes) throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : includes) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            if (glob.startsWith("**/")) matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(rel -> matchers.stream().anyMatch(m -> m.matches(rel)))
                    .map(rel -> rel.toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
