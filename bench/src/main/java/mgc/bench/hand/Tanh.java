package mgc.bench.hand;

/**
 * A fast, accurate tanh (Cephes' algorithm: a rational approximation below 0.625, {@code exp} above).
 * {@code Math.tanh} is a ~19 ns native call on JDK 17, while {@code Math.exp} is an intrinsic, so an
 * expert writing the hand-tuned baseline would use something like this. Error within a few ulps
 * (checked against {@code Math.tanh} in the tests).
 */
public final class Tanh {

    private Tanh() {}

    public static double tanh(double x) {
        double z = Math.abs(x);
        if (z >= 0.625) {
            double r = 1.0 - 2.0 / (Math.exp(2.0 * z) + 1.0);
            return x < 0 ? -r : r;
        }
        double s = x * x;
        double p = (-9.64399179425052238628E-1 * s - 9.92877231001918586564E1) * s - 1.61468768441708447952E3;
        double q = ((s + 1.12811678491632931402E2) * s + 2.23548839060100448583E3) * s + 4.84406305325125486048E3;
        return x + x * s * (p / q);
    }
}
