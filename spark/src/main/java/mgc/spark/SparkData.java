package mgc.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import mgc.runtime.ModelSignature;
import mgc.runtime.data.CsvData;
import mgc.runtime.data.DataException;
import mgc.runtime.data.DataSpec;
import mgc.runtime.data.Dataset;
import mgc.runtime.train.Task;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Training data as an RDD of {@link Block}s, one per partition, kept in memory across steps: CSV and
 * Parquet through Spark SQL, columns bound by the local trainer's rules ({@link CsvData#bindHeader}) and
 * fields read by its number rules ({@link CsvData#parseNumber}); or a generator's examples, made on the
 * driver and spread over the cluster.
 */
public final class SparkData {
    /** Holds the text of a CSV row that has more or fewer fields than the header. */
    private static final String CORRUPT = "_mgc_corrupt_record";
    private static final String FILE = "_mgc_file";

    private SparkData() { }

    /** What one pass over the blocks found: examples, the task the targets imply, and refused rows. */
    public record Summary(long examples, Task task, long badRows, String firstBadRow) implements java.io.Serializable { }

    /**
     * Reads {@code data} (a data spec as the CLI takes it, a {@code .parquet} file or directory, or a
     * {@code scheme://} URI) for {@code sig}, relative to {@code baseDir}.
     */
    public static JavaRDD<Block> read(SparkSession spark, String data, Path baseDir, ModelSignature sig) {
        String text = data.strip();
        if (text.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) return table(spark, text, sig);
        DataSpec spec = DataSpec.parse(text, baseDir);
        if (spec instanceof DataSpec.Csv csv) {
            if (!Files.exists(csv.file())) throw new DataException(csv.file(), 0, 0, "cannot read: no such file");
            return table(spark, csv.file().toAbsolutePath().toString(), sig);
        }
        if (spec instanceof DataSpec.IdxDirectory d && isParquet(d.dir())) return table(spark, d.dir().toAbsolutePath().toString(), sig);
        // generators and IDX files: read on the driver by the runtime's own loaders, then spread
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return parallelize(sc, spec.load(sig), sc.defaultParallelism());
    }

    /** A Parquet file, or a directory as Spark writes one (it holds {@code .parquet} parts). */
    private static boolean isParquet(Path p) {
        if (p.getFileName() != null && p.getFileName().toString().endsWith(".parquet")) return true;
        try (var files = Files.list(p)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** {@code data} cut into {@code partitions} contiguous blocks. */
    public static JavaRDD<Block> parallelize(JavaSparkContext sc, Dataset data, int partitions) {
        int k = Math.max(1, Math.min(partitions, data.size()));
        List<Block> blocks = new ArrayList<>();
        for (int p = 0; p < k; p++)
            blocks.add(Block.of(data, (int) ((long) p * data.size() / k), (int) ((long) (p + 1) * data.size() / k)));
        return sc.parallelize(blocks, k);
    }

    /** One job over the blocks: counts examples and bad rows, and detects the task as {@link Task#detect} does. */
    public static Summary summarize(JavaRDD<Block> blocks, ShippedModel model) {
        List<Summary> parts = blocks.map(b -> new Summary(b.count,
                b.count == 0 ? null : Task.detect(model.model().signature(), b.dataset()), b.badRows, b.firstBadRow)).collect();
        long n = 0, bad = 0;
        String first = null;
        Task task = null;
        for (Summary s : parts) {
            n += s.examples();
            bad += s.badRows();
            if (first == null) first = s.firstBadRow();
            // the task holds for the whole set only if it holds for every block
            if (s.task() != null) task = task == null || task == s.task() ? s.task() : Task.REGRESSION;
        }
        return new Summary(n, task == null ? Task.REGRESSION : task, bad, first);
    }

    private static JavaRDD<Block> table(SparkSession spark, String path, ModelSignature sig) {
        boolean parquet = path.endsWith(".parquet") || !path.contains("://") && Files.isDirectory(Path.of(path));
        org.apache.spark.sql.Dataset<Row> df;
        int corrupt = -1;
        if (parquet) {
            df = spark.read().parquet(path);
        } else {
            StructType header = spark.read().option("header", true).csv(path).schema();
            corrupt = header.size();
            df = spark.read().option("header", true).option("mode", "PERMISSIVE")
                    .option("columnNameOfCorruptRecord", CORRUPT)
                    .schema(header.add(CORRUPT, DataTypes.StringType)).csv(path);
        }
        List<String> names = new ArrayList<>(Arrays.asList(df.columns()));
        if (corrupt >= 0) names.remove(corrupt);
        CsvData.Columns columns = CsvData.bindHeader(Path.of(path), 1, names, sig, true);
        int fileColumn = df.columns().length;
        df = df.withColumn(FILE, functions.input_file_name());
        // a small file is one partition: spread its rows so that every core works
        int parallelism = spark.sparkContext().defaultParallelism();
        if (df.javaRDD().getNumPartitions() < parallelism) df = df.repartition(parallelism);
        int in = sig.inputSize(), tg = sig.targetSize();
        int corruptColumn = corrupt;
        List<String> header = columns.header();
        int[] inputColumns = columns.inputColumns(), targetColumns = columns.targetColumns();
        JavaRDD<Block> blocks = df.javaRDD().mapPartitions((Iterator<Row> rows) -> {
            Block.Builder b = new Block.Builder(in, tg);
            while (rows.hasNext()) {
                Row r = rows.next();
                if (corruptColumn >= 0 && !r.isNullAt(corruptColumn)) {
                    b.refuse(r.getString(fileColumn) + ": the row `" + r.getString(corruptColumn)
                            + "` does not have the " + header.size() + " fields of the header");
                    continue;
                }
                b.grow();
                String problem = read(r, inputColumns, header, b.inputs(), b.inputOffset());
                if (problem == null) problem = read(r, targetColumns, header, b.targets(), b.targetOffset());
                if (problem != null) b.refuse(r.getString(fileColumn) + ": row " + describe(r, fileColumn, corruptColumn, header)
                        + ": " + problem);
                else b.accept();
            }
            return List.of(b.build()).iterator();
        });
        return blocks.persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** Reads the fields at {@code cols} into {@code out} from {@code at}; returns null, or what is wrong. */
    private static String read(Row r, int[] cols, List<String> header, double[] out, int at) {
        for (int e = 0; e < cols.length; e++) {
            int c = cols[e];
            try {
                out[at + e] = number(r.get(c));
            } catch (NumberFormatException ex) {
                return "column `" + header.get(c) + "`" + ex.getMessage();
            }
        }
        return null;
    }

    private static double number(Object v) {
        if (v == null || v instanceof String) return CsvData.parseNumber((String) v);
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) throw new NumberFormatException(": " + d + " is not a finite number");
            return d;
        }
        throw new NumberFormatException(": expected a number, found a " + v.getClass().getSimpleName() + " (" + v + ")");
    }

    private static String describe(Row r, int fileColumn, int corruptColumn, List<String> header) {
        StringBuilder sb = new StringBuilder("(");
        for (int c = 0, shown = 0; c < fileColumn; c++) {
            if (c == corruptColumn) continue;
            if (shown++ > 0) sb.append(", ");
            if (shown > 8) return sb.append("...)").toString();
            sb.append(header.get(c)).append('=').append(r.isNullAt(c) ? "" : r.get(c));
        }
        return sb.append(')').toString();
    }
}
