package mgc.compiler.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the whole pipeline with Jazzer. Under {@code mvn verify} this replays
 * the corpus in {@code src/test/resources/mgc/compiler/fuzz/PipelineFuzzerInputs/fuzzPipeline/}
 * (regression mode); {@code JAZZER_FUZZ=1 mvn -pl compiler -am test -Dtest=PipelineFuzzer} fuzzes for
 * real and writes any crashing input there, where it stays as a regression case.
 *
 * <p>Not every file libFuzzer writes there is a finding: {@code slow-unit-*} is an input that took over
 * 10 s (its {@code -report_slow_units} default), which on a loaded 2-core machine the residual example
 * and its variants do; {@code jazzer-flagged-residual-variant} is most likely one (it replays in seconds).
 * A real finding is a {@code crash-*} file and a failed test. Memory stays bounded while fuzzing: the
 * hidden model classes unload (measured over 275,000 executions; see the README's "Long-running").
 */
class PipelineFuzzer {

    @FuzzTest(maxDuration = "5m")
    void fuzzPipeline(byte[] input) {
        PipelineTarget.run(input, true, true);
    }
}
