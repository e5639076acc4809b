package mgc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

    @Test
    void includesMatchAtTheTopAndBelowAndAMissingDirectoryHasNoModels(@TempDir Path dir) throws Exception {
        for (String f : List.of("a.mg", "nets/b.mg", "nets/deep/c.mg", "notes.txt", "nets/d.mg.bak")) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.writeString(dir.resolve(f), "");
        }
        assertEquals(List.of("a.mg", "nets/b.mg", "nets/deep/c.mg"), ModelFiles.find(dir, List.of("**/*.mg")));
        assertEquals(List.of("nets/b.mg"), ModelFiles.find(dir, List.of("nets/*.mg")));
        assertEquals(List.of(), ModelFiles.find(dir.resolve("absent"), List.of("**/*.mg")));
    }
}
