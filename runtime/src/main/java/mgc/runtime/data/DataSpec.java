package mgc.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mgc.runtime.ModelSignature;
import mgc.runtime.spec.Spec;
import mgc.runtime.spec.SpecException;

/**
 * Where training data comes from, as written in a {@code train { }} block or on the command line:
 * <pre>
 * csv("moons.csv")                                  relative to baseDir (the model's directory)
 * idx("train-images-idx3-ubyte", "train-labels-idx1-ubyte")   IDX images and labels (plain or .gz)
 * idx("mnist/data")                                 a directory of the four standard MNIST files
 * moons(n = 100, noise = 0.1, seed = 0)             the defaults shown
 * spirals(n = 300, classes = 3, noise = 0.2, seed = 0)
 * blobs(n = 100, classes = 2, std = 1.0, seed = 0)  (noise = is accepted for std)
 * moons:n=100,noise=0.1                             short form of any generator
 * path/to/dir                                       a directory holding MNIST's files means idx("path/to/dir")
 * path/to/file.csv                                  anything else is a CSV path, relative to baseDir
 * </pre>
 */
public sealed interface DataSpec {

    /** The data for {@code sig}. */
    Dataset load(ModelSignature sig);

    /** The test set that comes with this data: the {@code t10k-*} pair of an MNIST directory, else none. */
    default Optional<DataSpec> bundledTest() {
        return Optional.empty();
    }

    record Csv(Path file) implements DataSpec {
        @Override public Dataset load(ModelSignature sig) { return CsvData.load(file, sig); }
        @Override public String toString() { return file.toString(); }
    }

    /** IDX images and their class labels (see {@link Idx}). */
    record IdxPair(Path images, Path labels) implements DataSpec {
        @Override public Dataset load(ModelSignature sig) { return Idx.load(images, labels, sig); }
        @Override public String toString() { return "idx(" + images + ", " + labels + ")"; }
    }

    /**
     * A directory holding MNIST's four standard files, each plain or with {@code .gz}: training reads the
     * {@code train-*} pair and the {@code t10k-*} pair is the bundled test set.
     */
    record IdxDirectory(Path dir) implements DataSpec {
        public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

        public IdxPair train() { return new IdxPair(file(FILES.get(0)), file(FILES.get(1))); }

        public IdxPair test() { return new IdxPair(file(FILES.get(2)), file(FILES.get(3))); }

        @Override public Dataset load(ModelSignature sig) { return train().load(sig); }

        @Override public Optional<DataSpec> bundledTest() { return Optional.of(test()); }

        @Override public String toString() { return "idx(" + dir + ")"; }

        /** True for a directory holding any of the four files (a Parquet directory, say, holds none). */
        public static boolean holdsMnist(Path dir) {
            if (!Files.isDirectory(dir)) return false;
            for (String n : FILES)
                if (Files.isRegularFile(dir.resolve(n)) || Files.isRegularFile(dir.resolve(n + ".gz"))) return true;
            return false;
        }

        /** {@code name} or {@code name.gz} in the directory. */
        public Path file(String name) {
            if (!Files.isDirectory(dir))
                throw new DataException(dir, 0, 0, "not a directory; expected one holding " + String.join(", ", FILES)
                        + " (each plain or .gz; examples/mnist/fetch.sh downloads them)");
            for (String n : List.of(name, name + ".gz")) {
                Path p = dir.resolve(n);
                if (Files.isRegularFile(p)) return p;
            }
            throw new DataException(dir, 0, 0, "no " + name + " (or " + name + ".gz) in this directory; it should hold "
                    + String.join(", ", FILES) + " (examples/mnist/fetch.sh downloads them)");
        }
    }

    /** {@code kind} is moons, spirals or blobs; {@code noise} is blobs' {@code std}. */
    record Generated(String kind, int n, int classes, double noise, long seed) implements DataSpec {
        public LabeledPoints points() {
            return switch (kind) {
                case "moons" -> Generators.moons(n, noise, seed);
                case "spirals" -> Generators.spirals(n, classes, noise, seed);
                default -> Generators.blobs(n, classes, noise, seed);
            };
        }

        @Override public Dataset load(ModelSignature sig) { return points().toDataset(sig); }

        @Override
        public String toString() {
            String cls = kind.equals("moons") ? "" : ", classes = " + classes;
            String noiseName = kind.equals("blobs") ? "std" : "noise";
            return kind + "(n = " + n + cls + ", " + noiseName + " = " + noise + ", seed = " + seed + ")";
        }
    }

    Set<String> KINDS = Set.of("csv", "idx", "moons", "spirals", "blobs");

    static DataSpec parse(String text, Path baseDir) {
        String t = text.strip();
        if (t.isEmpty()) throw new SpecException("empty data spec; expected csv(\"file.csv\"), idx(...), moons(...), spirals(...), blobs(...) or a path");
        int end = 0;
        while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_')) end++;
        String head = t.substring(0, end);
        String rest = t.substring(end).stripLeading();
        boolean call = rest.isEmpty() || rest.startsWith("(") || rest.startsWith(":");
        if (call && !head.isEmpty() && !rest.isEmpty() && !KINDS.contains(head)
                && !java.nio.file.Files.exists(baseDir.resolve(t))) {
            // `spiral(n = 10)` or `spiral:n=10`: a misspelt generator, not a file name
            throw new SpecException("data `" + t + "`: unknown generator `" + head
                    + "`; expected csv(\"file.csv\"), idx(...), moons(...), spirals(...), blobs(...) or the path of a CSV file or directory");
        }
        if (!call || !KINDS.contains(head)) {
            Path p = baseDir.resolve(t);
            return IdxDirectory.holdsMnist(p) ? new IdxDirectory(p) : new Csv(p);
        }
        Spec.Call c = Spec.parse(t, "data");
        switch (c.name()) {
            case "csv": {
                Spec.Args a = c.bind("data", "file");
                return new Csv(baseDir.resolve(a.string("file")));
            }
            case "idx": {
                Spec.Args a = c.bind("data", "images", "labels");
                if (!a.has("images")) throw new SpecException(a.context() + ": give the images and labels files, or a directory of the four MNIST files");
                Path images = baseDir.resolve(a.string("images"));
                return a.has("labels") ? new IdxPair(images, baseDir.resolve(a.string("labels"))) : new IdxDirectory(images);
            }
            case "moons": {
                Spec.Args a = c.bind("data", "n", "noise", "seed");
                return new Generated("moons", count(a, 100), 2, noise(a, "noise", 0.1), a.wholeLong("seed", 0));
            }
            case "spirals": {
                Spec.Args a = c.bind("data", "n", "classes", "noise", "seed");
                return new Generated("spirals", count(a, 300), classes(a, 3), noise(a, "noise", 0.2), a.wholeLong("seed", 0));
            }
            default: {
                Spec.Args a = c.bind("data", "n", "classes", "std", "seed", "noise");
                if (a.has("std") && a.has("noise")) throw new SpecException(a.context() + ": give `std` or `noise`, not both");
                double std = a.has("noise") ? noise(a, "noise", 1.0) : noise(a, "std", 1.0);
                return new Generated("blobs", count(a, 100), classes(a, 2), std, a.wholeLong("seed", 0));
            }
        }
    }

    private static int count(Spec.Args a, int fallback) {
        int n = a.integer("n", fallback);
        if (n < 1) throw new SpecException(a.context() + ": `n` must be at least 1, not " + n);
        return n;
    }

    private static int classes(Spec.Args a, int fallback) {
        int k = a.integer("classes", fallback);
        if (k < 2) throw new SpecException(a.context() + ": `classes` must be at least 2, not " + k);
        return k;
    }

    private static double noise(Spec.Args a, String key, double fallback) {
        double d = a.number(key, fallback);
        if (d < 0) throw new SpecException(a.context() + ": `" + key + "` must not be negative, not " + d);
        return d;
    }
}
