package mgc.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import mgc.runtime.testing.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDataTest {

    @TempDir Path dir;

    private static final ModelSignature LINEAR = new Linear().signature(); // input x[2], target y

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), text, StandardCharsets.UTF_8);
    }

    private String error(String text) throws IOException {
        Path f = file(text);
        return assertThrows(DataException.class, () -> CsvData.load(f, LINEAR)).getMessage().replace(f.toString(), "data.csv");
    }

    @Test
    void bindsColumnsByNameInEitherForm() throws IOException {
        Dataset d = CsvData.load(file("id,y,x_1,x_0,id\n7,1,0.5,-2,\"a, quoted \"\"note\"\"\"\n8,-1,3e2,.25,x\n"), LINEAR);
        assertEquals(2, d.size());
        assertArrayEquals(new double[] {-2, 0.5, 0.25, 300}, d.inputs(), 0);
        assertArrayEquals(new double[] {1, -1}, d.targets(), 0);
        Dataset b = CsvData.load(file("x[0], x[ 1 ] ,y\r\n1,2,3\r\n\r\n4,5,6\r\n"), LINEAR);
        assertArrayEquals(new double[] {1, 2, 4, 5}, b.inputs(), 0);
        assertArrayEquals(new double[] {3, 6}, b.targets(), 0);
    }

    @Test
    void bindsMatrixElementsAndStripsTheByteOrderMark() throws IOException {
        ModelSignature sig = new ModelSignature("m", List.of(),
                List.of(new TensorSpec("x", new int[] {2, 2}, 0, null)), List.of(new TensorSpec("t", new int[0], 0, null)),
                List.of(), false, Map.of());
        Path f = dir.resolve("m.csv");
        Files.write(f, ("\uFEFFx_0_0,\"x[0,1]\",x_1_0,\"x[1, 1]\",t\n1,2,3,4,5\n").getBytes(StandardCharsets.UTF_8));
        Dataset d = CsvData.load(f, sig);
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.inputs(), 0);
        assertArrayEquals(new double[] {5}, d.targets(), 0);
    }

    @Test
    void inputsOnlyForPrediction() throws IOException {
        Dataset d = CsvData.loadInputs(file("x_0,x_1\n1,2\n"), LINEAR);
        assertEquals(0, d.targetSize());
        assertArrayEquals(new double[] {1, 2}, d.inputs(), 0);
    }

    @Test
    void missingColumnNamesTheColumnAndTheFile() throws IOException {
        assertEquals("data.csv:1: error: no column `x_1` (or `x[1]`) for input x[2]; the header has x_0, y",
                error("x_0,y\n1,2\n"));
        assertEquals("data.csv:1: error: no column `y` for target y[]; the header has x_0, x_1",
                error("x_0,x_1\n1,2\n"));
        assertEquals("data.csv:1:3: error: columns `x_0` and `x[0]` both bind input element x[0]",
                error("x_0,x_1,x[0],y\n1,2,3,4\n"));
        assertEquals("data.csv:1:3: error: column `x_0` appears twice (columns 1 and 3)", error("x_0,x_1,x_0,y\n1,2,3,4\n"));
        assertEquals("data.csv:1: error: the first line must be a header naming the columns (such as x_0,x_1,y), not numbers",
                error("1,2,3\n4,5,6\n"));
        DataException e = assertThrows(DataException.class, () -> CsvData.load(file("x_0,x_1,y\n1,2,3\n1,2,z\n"), LINEAR));
        assertEquals(3, e.line());
        assertEquals(3, e.column());
        assertEquals("column `y`: expected a number, found `z`", e.detail());
    }

    @Test
    void strictNumbers() throws IOException {
        assertEquals("data.csv:3:2: error: column `x_1` is empty; expected a number", error("x_0,x_1,y\n1,2,3\n1,,3\n"));
        assertEquals("data.csv:2:1: error: column `x_0`: `NaN` is not a finite number", error("x_0,x_1,y\nNaN,2,3\n"));
        assertEquals("data.csv:2:3: error: column `y`: `-Infinity` is not a finite number", error("x_0,x_1,y\n1,2,-Infinity\n"));
        assertEquals("data.csv:2:2: error: column `x_1`: expected a number, found `0x1p3`", error("x_0,x_1,y\n1,0x1p3,3\n"));
        assertEquals("data.csv:2:2: error: column `x_1`: expected a number, found `1d`", error("x_0,x_1,y\n1,1d,3\n"));
        assertEquals("data.csv:2:2: error: column `x_1`: expected a number, found `abc`", error("x_0,x_1,y\n1,abc,3\n"));
        assertEquals("data.csv:2:2: error: column `x_1`: `1e999` is out of range", error("x_0,x_1,y\n1,1e999,3\n"));
        assertEquals("data.csv:4: error: expected 3 fields as in the header, found 2", error("x_0,x_1,y\n1,2,3\n\n1,2\n"));
    }

    @Test
    void noExamples() throws IOException {
        assertEquals("data.csv: error: no examples: the file has a header but no rows", error("x_0,x_1,y\n\n"));
        assertEquals("data.csv: error: no examples: the file is empty (it needs a header naming the columns)", error(""));
        Path missing = dir.resolve("nope.csv");
        assertEquals(missing + ": error: cannot read: no such file",
                assertThrows(DataException.class, () -> CsvData.load(missing, LINEAR)).getMessage());
    }

    private static final ModelSignature THREE_CLASSES = new ModelSignature("c", List.of(),
            List.of(new TensorSpec("x", new int[] {2}, 0, null)), List.of(new TensorSpec("y", new int[] {3}, 0, null)),
            List.of(), false, Map.of());

    @Test
    void aColumnNamedAfterAVectorTargetHoldsClassLabelsThatBecomeOneHotRows() throws IOException {
        Dataset d = CsvData.load(file("x_0,x_1,y\n1,2,2\n3,4,0\n5,6,1.0\n"), THREE_CLASSES);
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, d.targets(), 0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, d.inputs(), 0);
        // the element columns still bind as before
        Dataset e = CsvData.load(file("x_0,x_1,y_0,y_1,y_2\n1,2,0,0.5,0.5\n"), THREE_CLASSES);
        assertArrayEquals(new double[] {0, 0.5, 0.5}, e.targets(), 0);
    }

    @Test
    void aClassLabelOutside0ToKMinus1NamesTheFileRowAndColumn() throws IOException {
        Path f = file("x_0,x_1,y\n1,2,2\n3,4,3\n");
        assertEquals("data.csv:3:3: error: column `y` holds the class of one-hot target y[3]: expected a whole number 0..2, found `3`",
                assertThrows(DataException.class, () -> CsvData.load(f, THREE_CLASSES)).getMessage().replace(f.toString(), "data.csv"));
        Path g = file("x_0,x_1,y\n1,2,-1\n");
        assertEquals("data.csv:2:3: error: column `y` holds the class of one-hot target y[3]: expected a whole number 0..2, found `-1`",
                assertThrows(DataException.class, () -> CsvData.load(g, THREE_CLASSES)).getMessage().replace(g.toString(), "data.csv"));
        Path h = file("x_0,x_1,y\n1,2,1.5\n");
        assertEquals("data.csv:2:3: error: column `y` holds the class of one-hot target y[3]: expected a whole number 0..2, found `1.5`",
                assertThrows(DataException.class, () -> CsvData.load(h, THREE_CLASSES)).getMessage().replace(h.toString(), "data.csv"));
    }

    @Test
    void aLabelColumnAndOneHotColumnsForTheSameTargetAreRefused() throws IOException {
        Path f = file("x_0,x_1,y,y_0,y_1,y_2\n1,2,2,0,0,1\n");
        assertEquals("data.csv:1:4: error: column `y` (a class label) and `y_0` (a one-hot element) both bind target y[3]; keep one way",
                assertThrows(DataException.class, () -> CsvData.load(f, THREE_CLASSES)).getMessage().replace(f.toString(), "data.csv"));
    }
}
