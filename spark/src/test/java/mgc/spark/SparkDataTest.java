package mgc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mgc.runtime.ModelSignature;
import mgc.runtime.data.CsvData;
import mgc.runtime.data.DataException;
import mgc.runtime.data.Dataset;
import mgc.runtime.train.TrainConfig;
import mgc.runtime.train.TrainingEngine;
import mgc.runtime.train.TrainingListener;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkDataTest {

    private static final Path LINEAR_CSV = TestSpark.examples().resolve("linear.csv");

    private static ModelSignature linear() {
        return TestSpark.shipped("linear").model().signature();
    }

    /** Every example as text "inputs|targets", sorted: the rows a reader produced, whatever the partitioning. */
    private static List<String> rows(Dataset d) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            StringBuilder sb = new StringBuilder();
            for (int e = 0; e < d.inputSize(); e++) sb.append(d.inputs()[i * d.inputSize() + e]).append(',');
            sb.append('|');
            for (int e = 0; e < d.targetSize(); e++) sb.append(d.targets()[i * d.targetSize() + e]).append(',');
            rows.add(sb.toString());
        }
        rows.sort(null);
        return rows;
    }

    private static List<String> rows(JavaRDD<Block> blocks) {
        List<String> all = new ArrayList<>();
        for (Block b : blocks.collect()) all.addAll(rows(b.dataset()));
        all.sort(null);
        return all;
    }

    @Test
    void csvThroughSparkSqlReadsTheSameExamplesAsTheLocalReader() {
        ModelSignature sig = linear();
        JavaRDD<Block> blocks = SparkData.read(TestSpark.session(), LINEAR_CSV.toString(), Path.of("/"), sig);
        assertTrue(blocks.getNumPartitions() >= 2, "a small file is spread over the cores");
        assertEquals(rows(CsvData.load(LINEAR_CSV, sig)), rows(blocks));
        blocks.unpersist(false);
    }

    @Test
    void parquetColumnsBindByTheSameNamingRules(@TempDir Path dir) {
        ModelSignature sig = linear();
        Dataset local = CsvData.load(LINEAR_CSV, sig);
        // bracket names for x, a double and an int column, and a column that binds nothing
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("x[0]", DataTypes.DoubleType)
                .add("x[1]", DataTypes.DoubleType).add("x[2]", DataTypes.FloatType).add("y", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < local.size(); i++)
            rows.add(RowFactory.create(i, local.inputs()[3 * i], local.inputs()[3 * i + 1], (float) local.inputs()[3 * i + 2],
                    local.targets()[i]));
        Path file = dir.resolve("linear.parquet");
        TestSpark.session().createDataFrame(rows, schema).write().parquet(file.toString());

        JavaRDD<Block> blocks = SparkData.read(TestSpark.session(), file.toString(), dir, sig);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < local.size(); i++)
            expected.add(local.inputs()[3 * i] + "," + local.inputs()[3 * i + 1] + "," + (double) (float) local.inputs()[3 * i + 2]
                    + ",|" + local.targets()[i] + ",");
        expected.sort(null);
        assertEquals(expected, rows(blocks));
        blocks.unpersist(false);
    }

    @Test
    void aMissingColumnIsReportedAsTheLocalReaderReportsIt(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("nox2.csv"), "x_0,x_1,y\n1,2,3\n");
        DataException e = assertThrows(DataException.class, () -> SparkData.read(TestSpark.session(), csv.toString(), dir, linear()));
        assertTrue(e.getMessage().contains("no column `x_2` (or `x[2]`) for input x[3]"), e.getMessage());
    }

    private static TrainingEngine.Job job(Path data, boolean skip) {
        TrainConfig config = TrainConfig.builder().setAll(linear().trainDefaults()).steps(5).build();
        return new TrainingEngine.Job(TestSpark.jar("linear"), data.toString(), data.getParent(), null, config, null, skip, 0);
    }

    @Test
    void badRowsFailWithTheFirstOneUnlessSkippedAndCounted(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("x_0,x_1,x_2,y\n");
        for (int i = 0; i < 40; i++) csv.append(i).append(",1,2,").append(i % 3).append('\n');
        csv.append("7,abc,2,1\n");   // not a number
        csv.append("7,1,2\n");       // a field short
        Path file = Files.writeString(dir.resolve("bad.csv"), csv);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SparkEngine engine = new SparkEngine(new PrintStream(log, true, StandardCharsets.UTF_8));
        ShippedModel shipped = TestSpark.shipped("linear");

        DataException e = assertThrows(DataException.class,
                () -> engine.train(TestSpark.session(), shipped, job(file, false), TrainingListener.NONE));
        assertTrue(e.getMessage().contains("2 bad rows; the first: "), e.getMessage());
        assertTrue(e.getMessage().contains("column `x_1`: expected a number, found `abc`")
                || e.getMessage().contains("does not have the 4 fields of the header"), e.getMessage());
        assertTrue(e.getMessage().contains("--skip-bad-rows"), e.getMessage());
        assertEquals("", log.toString(StandardCharsets.UTF_8));

        TrainingEngine.Outcome o = engine.train(TestSpark.session(), shipped, job(file, true), TrainingListener.NONE);
        assertEquals(5, o.result().steps());
        assertEquals("mgc: skipped 2 bad rows of 42 (--skip-bad-rows)\n", log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCliFindsTheEngineByName() {
        assertInstanceOf(SparkEngine.class, TrainingEngine.find("spark"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingEngine.find("flink"));
        assertTrue(e.getMessage().startsWith("no training engine `flink` on the class path"), e.getMessage());
    }
}
