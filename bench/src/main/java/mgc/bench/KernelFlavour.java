package mgc.bench;

import mgc.runtime.kernel.Kernels;

/** Forcing the kernels' flavour for one benchmark fork. */
public final class KernelFlavour {
    private KernelFlavour() {}

    /**
     * Makes {@code flavour} ("superword" or "vector") the one the kernels use; fails when the kernels already
     * loaded with another (the flavour is fixed when {@link Kernels} is initialised: one fork per flavour).
     */
    public static void force(String flavour) {
        System.setProperty(Kernels.FLAVOUR_PROPERTY, flavour);
        if (!Kernels.flavour().equals(flavour))
            throw new IllegalStateException("wanted the " + flavour + " kernels, got " + Kernels.flavour());
    }
}
