package mgc.compiler.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import mgc.compiler.Compiler;

/**
 * Coverage-guided fuzzing of the whole pipeline with Jazzer. Under {@code mvn verify} this replays
 * the corpus in {@code src/test/resources/mgc/compiler/fuzz/PipelineFuzzerInputs/fuzzPipeline/}
 * (regression mode); {@code JAZZER_FUZZ=1 mvn -pl compiler -am test -Dtest=PipelineFuzzer} fuzzes for
 * real and writes any crashing input there, where it stays as a regression case.
 */
class PipelineFuzzer {

    @FuzzTest(maxDuration = "5m")
    void fuzzPipeline(byte[] input) {
        PipelineTarget.run(input, Compiler.Stage.BYTECODE, true);
    }
}
