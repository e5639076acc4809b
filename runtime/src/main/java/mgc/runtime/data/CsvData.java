package mgc.runtime.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import mgc.runtime.spec.Numbers;

/**
 * Reads a CSV file (UTF-8, comma-separated, RFC 4180 quoting, LF or CRLF, an optional UTF-8 byte-order
 * mark) into a {@link Dataset} for a model.
 *
 * <p>The first non-empty line is a header naming the columns; each element of each input and target is
 * bound to a column by name: a scalar {@code y} to {@code y}, element {@code i} of a vector {@code x} to
 * {@code x_i} or {@code x[i]}, element {@code (i, j)} of a matrix to {@code x_i_j} or {@code x[i,j]}
 * (spaces inside brackets are ignored; quote {@code "x[0,1]"}, since it holds a comma). A vector target
 * {@code y[K]} may instead bind to one column {@code y} holding the class label {@code 0..K-1}, which
 * becomes a one-hot row (see {@link ClassLabels}). Columns that bind nothing are ignored, so a file may carry ids or
 * notes. Empty and blank lines are skipped. Fields are numbers as {@link Double#parseDouble} reads them in
 * decimal, with surrounding spaces allowed; empty fields, NaN, infinities, hexadecimal and suffixed
 * ({@code 1d}) numbers are refused. Errors read {@code file:line:column: error: ...}, the column being
 * the field's position in its row.
 */
public final class CsvData {

    private CsvData() { }

    /** Inputs and targets, for training and evaluation. */
    public static Dataset load(Path file, ModelSignature sig) {
        return read(file, sig, true);
    }

    /** Inputs only (the data set has {@code targetSize == 0}), for prediction. */
    public static Dataset loadInputs(Path file, ModelSignature sig) {
        return read(file, sig, false);
    }

    /** The column names a tensor element binds to: {@code x_0_1} and {@code x[0,1]}, or {@code y} for a scalar. */
    public static List<String> columnNames(TensorSpec t, int flat) {
        if (t.rank() == 0) return List.of(t.name());
        String bracket = t.elementName(flat);
        String underscore = t.name() + "_" + bracket.substring(t.name().length() + 1, bracket.length() - 1).replace(',', '_');
        return List.of(underscore, bracket);
    }

    private static Dataset read(Path file, ModelSignature sig, boolean withTargets) {
        if (!Files.exists(file)) throw new DataException(file, 0, 0, "cannot read: no such file");
        CsvReader.CsvReaderBuilder builder = CsvReader.builder().detectBomHeader(true).skipEmptyLines(true)
                .allowMissingFields(true).allowExtraFields(true);
        try (CsvReader<CsvRecord> reader = builder.ofCsvRecord(file)) {
            Columns columns = null;
            Rows rows = null;
            for (CsvRecord rec : reader) {
                if (isBlank(rec)) continue;
                if (columns == null) {
                    columns = bind(file, rec.getStartingLineNumber(), rec.getFields(), sig, withTargets, true);
                    rows = new Rows(sig.inputSize(), withTargets ? sig.targetSize() : 0);
                    continue;
                }
                if (rec.getFieldCount() != columns.header.size())
                    throw new DataException(file, rec.getStartingLineNumber(), 0, "expected " + columns.header.size()
                            + " fields as in the header, found " + rec.getFieldCount());
                rows.add(file, rec, columns);
            }
            if (columns == null) throw new DataException(file, 0, 0, "no examples: the file is empty (it needs a header naming the columns)");
            if (rows.count == 0) throw new DataException(file, 0, 0, "no examples: the file has a header but no rows");
            return rows.toDataset();
        } catch (NoSuchFileException e) {
            throw new DataException(file, 0, 0, "cannot read: no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(file, 0, 0, "cannot read: " + e.getMessage());
        } catch (CsvParseException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new DataException(file, 0, 0, "malformed CSV: " + why);
        }
    }

    private static boolean isBlank(CsvRecord rec) {
        return rec.getFieldCount() == 1 && rec.getField(0).isBlank();
    }

    /**
     * Header names, and for each input (then target) element the field index that feeds it; target elements
     * fed by a class-label column have -1 there and are filled from {@code labels}.
     */
    public record Columns(List<String> header, int[] inputColumns, int[] targetColumns, List<LabelColumn> labels) { }

    /** A column holding class labels 0..k-1 for the one-hot target {@code target} (at {@code offset} among the targets). */
    public record LabelColumn(int column, int offset, TensorSpec target) { }

    /**
     * Binds the model's inputs (and targets) to the columns named in {@code header} by the rules above,
     * except class-label columns (every target element gets a column of its own); errors name {@code file}
     * and the header's {@code line}. Other readers of tables (Spark) use it too.
     */
    public static Columns bindHeader(Path file, long line, List<String> header, ModelSignature sig, boolean withTargets) {
        return bind(file, line, header, sig, withTargets, false);
    }

    private static Columns bind(Path file, long line, List<String> header, ModelSignature sig, boolean withTargets,
                                boolean classLabels) {
        List<String> names = new ArrayList<>();
        Map<String, List<Integer>> index = new HashMap<>();
        boolean allNumbers = true;
        for (int i = 0; i < header.size(); i++) {
            String name = normalise(header.get(i));
            names.add(header.get(i).strip());
            index.computeIfAbsent(name, k -> new ArrayList<>()).add(i);
            allNumbers &= Numbers.isDecimal(name);
        }
        if (allNumbers)
            throw new DataException(file, line, 0, "the first line must be a header naming the columns (such as "
                    + String.join(",", exampleHeader(sig, withTargets)) + "), not numbers");
        int[] in = columnsFor(file, line, sig.inputs(), "input", names, index, null);
        List<LabelColumn> labels = new ArrayList<>();
        int[] tg = withTargets ? columnsFor(file, line, sig.targets(), "target", names, index, classLabels ? labels : null) : new int[0];
        return new Columns(names, in, tg, List.copyOf(labels));
    }

    private static List<String> exampleHeader(ModelSignature sig, boolean withTargets) {
        List<String> names = new ArrayList<>();
        List<TensorSpec> tensors = new ArrayList<>(sig.inputs());
        if (withTargets) tensors.addAll(sig.targets());
        for (TensorSpec t : tensors)
            for (int e = 0; e < t.size(); e++) names.add(columnNames(t, e).get(0));
        return names;
    }

    private static String normalise(String name) {
        String n = name.strip();
        return n.indexOf('[') >= 0 ? n.replaceAll("\\s+", "") : n;
    }

    /**
     * Columns of a name used twice are an error only if the name binds something; unbound columns are ignored.
     * With {@code labels}, a vector target named by a column of its own binds to it as class labels.
     */
    private static int[] columnsFor(Path file, long line, List<TensorSpec> tensors, String role, List<String> header,
                                    Map<String, List<Integer>> index, List<LabelColumn> labels) {
        int size = 0;
        for (TensorSpec t : tensors) size += t.size();
        int[] cols = new int[size];
        for (TensorSpec t : tensors) {
            if (labels != null && t.rank() == 1 && index.containsKey(t.name())) {
                List<Integer> at = index.get(t.name());
                if (at.size() > 1)
                    throw new DataException(file, line, at.get(1) + 1, "column `" + t.name() + "` appears twice (columns "
                            + (at.get(0) + 1) + " and " + (at.get(1) + 1) + ")");
                for (String c : columnNames(t, 0))
                    if (index.containsKey(c))
                        throw new DataException(file, line, index.get(c).get(0) + 1, "column `" + t.name() + "` (a class label) and `"
                                + c + "` (a one-hot element) both bind target " + t.name() + t.shapeText() + "; keep one way");
                Arrays.fill(cols, t.offset(), t.offset() + t.size(), -1);
                labels.add(new LabelColumn(at.get(0), t.offset(), t));
                continue;
            }
            for (int e = 0; e < t.size(); e++) {
                List<String> candidates = columnNames(t, e);
                Integer found = null;
                String foundName = null;
                for (String c : candidates) {
                    List<Integer> at = index.get(c);
                    if (at == null) continue;
                    if (at.size() > 1)
                        throw new DataException(file, line, at.get(1) + 1, "column `" + c + "` appears twice (columns "
                                + (at.get(0) + 1) + " and " + (at.get(1) + 1) + ")");
                    if (found != null)
                        throw new DataException(file, line, at.get(0) + 1, "columns `" + foundName + "` and `" + c
                                + "` both bind " + role + " element " + t.elementName(e));
                    found = at.get(0);
                    foundName = c;
                }
                if (found == null) {
                    String alternatives = candidates.size() == 1 ? "`" + candidates.get(0) + "`"
                            : "`" + candidates.get(0) + "` (or `" + candidates.get(1) + "`)";
                    throw new DataException(file, line, 0, "no column " + alternatives + " for " + role + " "
                            + t.name() + t.shapeText() + "; the header has " + String.join(", ", header));
                }
                cols[t.offset() + e] = found;
            }
        }
        return cols;
    }

    /** Parsed rows in growing flat arrays. */
    private static final class Rows {
        final int inputSize;
        final int targetSize;
        double[] inputs;
        double[] targets;
        int count;

        Rows(int inputSize, int targetSize) {
            this.inputSize = inputSize;
            this.targetSize = targetSize;
            this.inputs = new double[16 * inputSize];
            this.targets = new double[16 * targetSize];
        }

        void add(Path file, CsvRecord rec, Columns columns) {
            if ((count + 1) * inputSize > inputs.length) inputs = Arrays.copyOf(inputs, 2 * inputs.length + inputSize);
            if ((count + 1) * targetSize > targets.length) targets = Arrays.copyOf(targets, 2 * targets.length + targetSize);
            for (int e = 0; e < inputSize; e++) inputs[count * inputSize + e] = number(file, rec, columns, columns.inputColumns[e]);
            for (int e = 0; e < targetSize; e++)
                if (columns.targetColumns[e] >= 0) targets[count * targetSize + e] = number(file, rec, columns, columns.targetColumns[e]);
            for (LabelColumn l : columns.labels) targets[count * targetSize + l.offset() + label(file, rec, columns, l)] = 1;
            count++;
        }

        Dataset toDataset() {
            return new Dataset(count, inputSize, targetSize, Arrays.copyOf(inputs, count * inputSize),
                    Arrays.copyOf(targets, count * targetSize));
        }
    }

    /** The class in a label column: a whole number 0..K-1 for target {@code y[K]}. */
    private static int label(Path file, CsvRecord rec, Columns columns, LabelColumn l) {
        double d = number(file, rec, columns, l.column());
        int k = l.target().size();
        if (d != Math.rint(d) || d < 0 || d >= k)
            throw new DataException(file, rec.getStartingLineNumber(), l.column() + 1, "column `" + columns.header.get(l.column())
                    + "` holds the class of one-hot target " + l.target().name() + l.target().shapeText() + ": expected a whole number 0.."
                    + (k - 1) + ", found `" + rec.getField(l.column()).strip() + "`");
        return (int) d;
    }

    private static double number(Path file, CsvRecord rec, Columns columns, int col) {
        try {
            return parseNumber(rec.getField(col));
        } catch (NumberFormatException e) {
            throw new DataException(file, rec.getStartingLineNumber(), col + 1,
                    "column `" + columns.header.get(col) + "`" + e.getMessage());
        }
    }

    /**
     * A field's number by the rules above. A refused field throws a {@link NumberFormatException} whose
     * message follows the column's name: {@code " is empty; expected a number"} or {@code ": ..."}.
     */
    public static double parseNumber(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) throw new NumberFormatException(" is empty; expected a number");
        if (!Numbers.isDecimal(s)) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            if (lower.matches("[+-]?(nan|inf|infinity)")) throw new NumberFormatException(": `" + s + "` is not a finite number");
            throw new NumberFormatException(": expected a number, found `" + s + "`");
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) throw new NumberFormatException(": `" + s + "` is out of range");
        return d;
    }
}
