package mgc.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the rows of a JMH {@code -rf csv} result file. */
final class JmhCsv {

    /** One benchmark result: e.g. {@code MoonsBenchmark.perExample}, impl {@code hand}, score ± error (99.9%). */
    record Row(String benchmark, String impl, int samples, double score, double error, String unit) {
        double relativeError() {
            return error / score;
        }
    }

    private JmhCsv() {}

    static List<Row> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = fields(lines.get(0));
        int bench = header.indexOf("Benchmark");
        int samples = header.indexOf("Samples");
        int score = header.indexOf("Score");
        int error = header.indexOf("Score Error (99.9%)");
        int unit = header.indexOf("Unit");
        int impl = header.indexOf("Param: impl");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            List<String> f = fields(line);
            String name = f.get(bench);
            rows.add(new Row(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    impl < 0 ? "" : f.get(impl), Integer.parseInt(f.get(samples)),
                    number(f.get(score)), number(f.get(error)), f.get(unit)));
        }
        return rows;
    }

    private static double number(String s) {
        return s.isEmpty() || s.equals("NaN") ? Double.NaN : Double.parseDouble(s.replace(',', '.'));
    }

    /** Splits one CSV line: fields may be quoted, quotes inside doubled. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
