package demo;

import mgc.models.Moons;
import mgc.runtime.train.TrainResult;

/** Trains micrograd's moons network through its generated class and classifies two points. */
public final class Main {

    private Main() { }

    public static void main(String[] args) {
        Moons moons = Moons.create();                   // parameters from the model's initialisers
        TrainResult result = moons.trainer().run();     // the model's train block: data, optimizer, steps
        System.out.println("accuracy " + result.finalAccuracy());
        for (double[] point : new double[][] {{-1.0, 0.5}, {2.0, 0.0}})
            System.out.printf("score(%s, %s) = %.3f%n", point[0], point[1], moons.predict(point)[0]);
    }
}
