package mgc.examples;

import java.nio.file.Path;
import mgc.compiler.Compiler;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.data.Dataset;
import mgc.runtime.data.Generators;
import mgc.runtime.train.PlainLogListener;
import mgc.runtime.train.TrainConfig;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.Trainer;

/**
 * micrograd's demo through the Java API: compile {@code moons.mg}, make the two-moons data, train
 * with the model's own {@code train { }} settings, print the accuracy.
 *
 * <pre>mvn -q -pl examples -am package -DskipTests && java -cp "examples/target/classes:compiler/target/mgc-compiler-0.1.0.jar:compiler/target/lib/*" mgc.examples.TrainMoons</pre>
 */
public final class TrainMoons {
    public static void main(String[] args) {
        CompiledModel model = Compiler.load(Path.of(args.length > 0 ? args[0] : "examples/moons.mg"));
        Dataset data = Generators.moons(100, 0.1, 1).toDataset(model.signature());
        TrainConfig config = TrainConfig.builder().setAll(model.signature().trainDefaults()).build();
        double[] params = Initializers.initialize(model.signature(), config.seed());
        TrainResult result = new Trainer().train(model, params, data, null, config, new PlainLogListener(System.out, 10));
        System.out.println("accuracy " + result.finalAccuracy() + " after " + result.steps() + " steps");
    }
}
