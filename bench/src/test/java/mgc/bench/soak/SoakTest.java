package mgc.bench.soak;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short soak: 400 models compiled, loaded, trained and dropped. Memory after a full GC must not grow
 * with the count: the classes loaded stay within a few of the level after the first 100 (the hidden model
 * classes unload), and metaspace and heap stay within a small margin of it.
 */
class SoakTest {

    @Test
    void compilingAndDroppingHundredsOfModelsKeepsMemoryFlat() {
        List<Soak.Sample> s = Soak.run(400, 100, x -> System.out.println(x.row()));
        Soak.Sample warm = s.get(1), last = s.get(s.size() - 1);
        String table = Soak.Sample.HEADER + "\n" + String.join("\n", s.stream().map(Soak.Sample::row).toList());
        assertTrue(last.unloadedClasses() - warm.unloadedClasses() >= 300, "the dropped models' classes did not unload\n" + table);
        assertTrue(last.loadedClasses() <= warm.loadedClasses() + 50, "loaded classes grow with the count\n" + table);
        assertTrue(last.metaspace() <= warm.metaspace() + (2 << 20), "metaspace grows with the count\n" + table);
        assertTrue(last.heap() <= warm.heap() + (8 << 20), "the heap grows with the count\n" + table);
    }
}
