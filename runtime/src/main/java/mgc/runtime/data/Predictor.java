package mgc.runtime.data;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/** Runs a trained model forward over a data set and writes its outputs as CSV. */
public final class Predictor {

    private Predictor() { }

    /** The outputs of every example, {@code size * outputSize} values, example by example. */
    public static double[] predict(CompiledModel model, double[] params, Dataset data) {
        ModelSignature sig = model.signature();
        if (data.inputSize() != sig.inputSize())
            throw new IllegalArgumentException("model `" + sig.modelName() + "` takes " + sig.inputSize()
                    + " inputs per example; the data has " + data.inputSize());
        double[] out = new double[data.size() * sig.outputSize()];
        model.forward(params, data.inputs(), 0, data.size(), out, model.newScratch());
        return out;
    }

    /** The CSV header of the outputs: {@code score}, {@code probs_0, probs_1, ...}, {@code m_0_1} for matrices. */
    public static List<String> header(ModelSignature sig) {
        List<String> names = new ArrayList<>();
        for (TensorSpec t : sig.outputs())
            for (int e = 0; e < t.size(); e++) names.add(CsvData.columnNames(t, e).get(0));
        return names;
    }

    /** Writes a header and one row per example; numbers as {@link Double#toString} writes them (exact). */
    public static void writeCsv(Writer out, ModelSignature sig, double[] outputs) {
        writeCsv(out, sig, outputs, null);
    }

    /** As {@link #writeCsv(Writer, ModelSignature, double[])}, with a first column {@code class} when {@code classes} is given. */
    public static void writeCsv(Writer out, ModelSignature sig, double[] outputs, int[] classes) {
        int k = sig.outputSize();
        if (k == 0 || outputs.length % k != 0)
            throw new IllegalArgumentException(outputs.length + " values are not whole rows of " + k + " outputs");
        if (classes != null && classes.length != outputs.length / k)
            throw new IllegalArgumentException(classes.length + " classes for " + outputs.length / k + " rows");
        int first = classes == null ? 0 : 1;
        try {
            CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
            List<String> header = new ArrayList<>();
            if (classes != null) header.add("class");
            header.addAll(header(sig));
            csv.writeRecord(header);
            String[] row = new String[first + k];
            for (int i = 0; i < outputs.length / k; i++) {
                if (classes != null) row[0] = Integer.toString(classes[i]);
                for (int j = 0; j < k; j++) row[first + j] = Double.toString(outputs[i * k + j]);
                csv.writeRecord(row);
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeCsv(Path file, ModelSignature sig, double[] outputs) throws IOException {
        writeCsv(file, sig, outputs, null);
    }

    public static void writeCsv(Path file, ModelSignature sig, double[] outputs, int[] classes) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(w, sig, outputs, classes);
        }
    }
}
