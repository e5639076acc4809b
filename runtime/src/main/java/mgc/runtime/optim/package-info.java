/** Optimisers (SGD, momentum, Adam, AdamW), learning-rate schedules, and the spec that names them. */
package mgc.runtime.optim;
