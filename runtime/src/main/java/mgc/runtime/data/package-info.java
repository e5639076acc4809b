/** Data sets in the flat layout the compiled models read: CSV files, generators, and prediction output. */
package mgc.runtime.data;
