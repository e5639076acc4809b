/**
 * Loop kernels the loop back end's generated code calls: {@link mgc.runtime.kernel.Kernels#contract}, a batched
 * contraction over a tile of examples in a defined summation order, with exact zero skipping, in a JDK Vector API
 * flavour and a SuperWord flavour that agree bit for bit with {@link mgc.runtime.kernel.Kernels#contractReference}.
 */
package mgc.runtime.kernel;
