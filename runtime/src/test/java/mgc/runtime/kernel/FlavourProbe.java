package mgc.runtime.kernel;

/** Prints the flavour a fresh JVM picks (KernelsTest starts it with and without the Vector API module). */
final class FlavourProbe {

    private FlavourProbe() {}

    public static void main(String[] args) {
        System.out.println(Kernels.flavour());
    }
}
