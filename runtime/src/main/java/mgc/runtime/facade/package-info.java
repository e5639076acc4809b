/**
 * What the typed classes that mgc-maven-plugin generates per model call (usable by hand too):
 * a {@link mgc.runtime.facade.BoundModel} is a compiled model with its parameters, a
 * {@link mgc.runtime.facade.Training} a trainer run preconfigured with the model's {@code train { }} block.
 */
package mgc.runtime.facade;
