/** What generated models implement and what users call. Knows nothing of the compiler. */
package mgc.runtime;
