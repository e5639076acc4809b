/** Training: the data-parallel trainer, its configuration and listener, metrics, and checkpoints. */
package mgc.runtime.train;
