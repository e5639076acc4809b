/**
 * The small call syntax shared by the {@code train { }} block and the command line:
 * {@code sgd(lr = 1.0 to 0.1)}, {@code moons(n = 100, noise = 0.1)}, and the short form
 * {@code moons:n=100,noise=0.1}.
 */
package mgc.runtime.spec;
