package mgc.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.List;
import mgc.runtime.testing.Linear;
import mgc.runtime.testing.Softmax;
import org.junit.jupiter.api.Test;

class PredictorTest {

    @Test
    void predictsEveryExample() {
        Dataset d = new Dataset(2, 2, 0, new double[] {1, 2, 3, 4}, new double[0]);
        assertArrayEquals(new double[] {1 * 1 + 2 * 10 + 0.5, 3 * 1 + 4 * 10 + 0.5},
                Predictor.predict(new Linear(), new double[] {1, 10, 0.5}, d), 0);
    }

    @Test
    void csvHasOutputElementNames() {
        StringWriter scalar = new StringWriter();
        Predictor.writeCsv(scalar, new Linear().signature(), new double[] {0.1, -2});
        assertEquals("score\n0.1\n-2.0\n", scalar.toString());
        assertEquals(List.of("probs_0", "probs_1", "probs_2"), Predictor.header(new Softmax(3).signature()));
        StringWriter vector = new StringWriter();
        Predictor.writeCsv(vector, new Softmax(2).signature(), new double[] {0.25, 0.75, 1, 0});
        assertEquals("probs_0,probs_1\n0.25,0.75\n1.0,0.0\n", vector.toString());
    }
}
