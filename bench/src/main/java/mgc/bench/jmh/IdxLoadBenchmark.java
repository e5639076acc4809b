package mgc.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import mgc.runtime.data.Idx;

/**
 * Reading MNIST's 60,000 training images (47 MB, examples/mnist/fetch.sh) into scaled doubles, against
 * the floor of reading the same bytes ({@code Files.readAllBytes}); the file is in the page cache.
 * {@code -p file=...} points elsewhere (a .gz file measures decompression too).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class IdxLoadBenchmark {

    @Param("examples/mnist/data/train-images-idx3-ubyte")
    public String file;

    @Benchmark
    public double idxReadImages() {
        return Idx.readImages(Path.of(file)).pixels()[12345];
    }

    @Benchmark
    public byte readAllBytes() throws IOException {
        return Files.readAllBytes(Path.of(file))[12345];
    }
}
