package mgc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StampTest {

    @TempDir
    Path dir;

    @Test
    void aModelIsUpToDateOnlyWithTheSameSourceOptionsAndCompilerAndItsOutputsPresent() throws Exception {
        byte[] source = "model m\n".getBytes(StandardCharsets.UTF_8);
        String key = Stamp.key(source, "O=2", "c1");
        Path out = Files.writeString(dir.resolve("M.class"), "x");
        Path file = dir.resolve("stamps/m.mg.stamp");
        new Stamp(key, List.of(out)).write(file);
        Stamp read = Stamp.read(file);
        assertEquals(new Stamp(key, List.of(out)), read);
        assertTrue(read.upToDate(Stamp.key(source, "O=2", "c1")));
        assertFalse(read.upToDate(Stamp.key("model m \n".getBytes(StandardCharsets.UTF_8), "O=2", "c1")));
        assertFalse(read.upToDate(Stamp.key(source, "O=0", "c1")));
        assertFalse(read.upToDate(Stamp.key(source, "O=2", "c2")));
        Files.delete(out);
        assertFalse(read.upToDate(key), "an output was deleted");
    }

    @Test
    void aMissingStampMeansRecompile() {
        assertNull(Stamp.read(dir.resolve("none.stamp")));
    }

    @Test
    void theFingerprintFollowsTheJarsContents() throws Exception {
        // classes from jars (JUnit's) hash their jar; the same classes give the same fingerprint
        String a = Stamp.fingerprint(Test.class);
        assertEquals(a, Stamp.fingerprint(Test.class));
        assertNotEquals(a, Stamp.fingerprint(Test.class, String.class));
    }
}
