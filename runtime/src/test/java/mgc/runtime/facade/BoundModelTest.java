package mgc.runtime.facade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mgc.runtime.Initializers;
import mgc.runtime.TensorView;
import mgc.runtime.data.Dataset;
import mgc.runtime.testing.Linear;
import mgc.runtime.train.Checkpoint;
import mgc.runtime.train.TrainConfig;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.Trainer;
import mgc.runtime.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundModelTest {

    @Test
    void predictLossAndGradientAreTheModelsOnOneExample() {
        BoundModel m = new BoundModel(new Linear(), new double[] {1, 2, 3});   // score = x0 + 2 x1 + 3
        assertArrayEquals(new double[] {6}, m.predict(new double[] {1, 1}));
        assertArrayEquals(new double[][] {{6}, {3}}, m.predict(new double[][] {{1, 1}, {0, 0}}));
        assertEquals(16, m.loss(new double[] {1, 1}, new double[] {2}));
        double[] grad = {100, 0, 0};
        assertEquals(16, m.lossAndGradient(new double[] {1, 1}, new double[] {2}, grad));
        assertArrayEquals(new double[] {108, 8, 8}, grad, "added into grad: 2 (score - y) * (x, 1)");
        assertEquals("model `linear` takes 2 inputs values; got 3",
                assertThrows(IllegalArgumentException.class, () -> m.predict(new double[3])).getMessage());
        assertEquals("row 1 has 1 inputs; expected 2",
                assertThrows(IllegalArgumentException.class, () -> m.predict(new double[][] {{1, 1}, {1}})).getMessage());
    }

    @Test
    void parameterViewsShareTheArray() {
        double[] p = {1, 2, 3};
        TensorView w = new BoundModel(new Linear(), p).param("w");
        assertArrayEquals(new int[] {2}, w.shape());
        w.set(9, 1);
        assertEquals(9, p[1]);
        assertEquals(3, new BoundModel(new Linear(), p).param("b").get());
        assertThrows(IllegalArgumentException.class, () -> new BoundModel(new Linear(), p).param("v"));
    }

    @Test
    void packConcatenatesNamedTensorsInDeclarationOrder() {
        var specs = new Linear(3).signature().params();   // w[3], b
        assertArrayEquals(new double[] {1, 2, 3, 4}, BoundModel.pack(specs, new double[] {1, 2, 3}, new double[] {4}));
        assertEquals("w[3] has 3 elements; got 2", assertThrows(IllegalArgumentException.class,
                () -> BoundModel.pack(specs, new double[] {1, 2}, new double[] {4})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BoundModel.pack(List.of(), new double[] {1}));
    }

    private static Dataset line(int n) {
        double[] x = new double[2 * n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i / (double) n;
            x[2 * i + 1] = 1 - i / (double) n;
            y[i] = 3 * x[2 * i] - x[2 * i + 1] + 0.5;
        }
        return new Dataset(n, 2, 1, x, y);
    }

    @Test
    void theTrainerRunsTheTrainBlockAsTheTrainerWould() {
        Map<String, String> block = Map.of("optimizer", "sgd(lr = 0.5)", "steps", "40", "seed", "3", "batch", "4");
        Linear model = new Linear(2, block);
        BoundModel bound = BoundModel.initialized(model);
        assertArrayEquals(Initializers.initialize(model.signature(), 3), bound.params());
        TrainResult viaFacade = bound.trainer().data(line(20), null).run();

        double[] params = Initializers.initialize(model.signature(), 3);
        TrainConfig config = TrainConfig.builder().setAll(block).threads(1).build();
        TrainResult direct = new Trainer().train(model, params, line(20), null, config, TrainingListener.NONE);
        assertArrayEquals(direct.params(), bound.params(), 0);
        assertEquals(direct.finalLoss(), viaFacade.finalLoss());
        assertEquals(40, bound.trainer().config().steps());
        assertEquals(7, bound.trainer().set("steps", "7").config().steps());
    }

    @Test
    void withoutDataInTheBlockTheTrainerAsksForIt() {
        BoundModel bound = BoundModel.initialized(new Linear());
        assertEquals("model `linear` names no data in its train block; pass a data set with data(train, validation)",
                assertThrows(IllegalStateException.class, () -> bound.trainer().run()).getMessage());
    }

    @Test
    void theBlocksGeneratedDataIsUsed() {
        Linear model = new Linear(2, Map.of("data", "moons(n = 30, seed = 2)", "steps", "5", "optimizer", "sgd(lr = 0.1)"));
        TrainResult r = BoundModel.initialized(model).trainer().run();
        assertEquals(5, r.steps());
        assertTrue(Double.isFinite(r.finalLoss()));
    }

    @Test
    void saveAndLoadKeepParametersAndAfterTrainingTheRunsState(@TempDir Path dir) {
        Map<String, String> block = Map.of("optimizer", "adam(lr = 0.1)", "steps", "6", "seed", "1");
        Linear model = new Linear(2, block);
        BoundModel fresh = BoundModel.initialized(model);
        Path untrained = dir.resolve("a.ckpt");
        fresh.save(untrained);
        assertArrayEquals(fresh.params(), BoundModel.fromCheckpoint(model, untrained).params(), 0);

        fresh.trainer().data(line(10), null).run();
        Path trained = dir.resolve("b.ckpt");
        fresh.save(trained);
        var state = Checkpoint.load(trained, model.signature());
        assertEquals(6, state.step());
        assertEquals("adam", state.optimizer());
        assertArrayEquals(fresh.params(), state.params(), 0);
        BoundModel loaded = BoundModel.fromCheckpoint(model, trained);
        loaded.save(dir.resolve("c.ckpt"));
        assertEquals(state, Checkpoint.load(dir.resolve("c.ckpt"), model.signature()));
    }
}
