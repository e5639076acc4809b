package mgc.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mgc.runtime.testing.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRoundTripTest {

    @TempDir Path dir;

    /** Whatever finite doubles a predictor writes, the CSV reader reads back bit for bit. */
    @Test
    void writtenNumbersReadBackExactly() {
        Linear model = new Linear(1);
        qt().withExamples(100).forAll(lists().of(doubles().any()).ofSizeBetween(1, 20)).assuming(l -> l.stream().allMatch(Double::isFinite))
                .checkAssert(values -> {
                    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
                    StringWriter w = new StringWriter();
                    Predictor.writeCsv(w, model.signature(), v);
                    // the header "score" becomes input x[0]'s column; y copies it
                    String csv = w.toString().replace("score", "x_0");
                    StringBuilder withY = new StringBuilder();
                    for (String line : csv.split("\n")) withY.append(line).append(',').append(line.equals("x_0") ? "y" : "0").append('\n');
                    try {
                        Path f = Files.writeString(dir.resolve("round.csv"), withY);
                        assertArrayEquals(v, CsvData.load(f, model.signature()).inputs(), 0);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
