package mgc.compiler.tensor;

import java.util.Arrays;

/**
 * Which nodes the back end treats as one unit: an elementwise chain with the contraction or reduction
 * that feeds it ({@code relu(W @ x + b)}), or an elementwise chain alone. Each group is named by its
 * root, the one node whose value leaves the group; every other member is used once, by a member, so
 * it needs no buffer of its own. {@code root[n]} is n's group's root, or -1 for nodes in no group
 * (leaves, views, dead nodes). Made by the {@code tensor-group} pass; any pass that rebuilds the graph
 * drops it.
 */
public record TGroups(int[] root) {

    public static final TGroups NONE = new TGroups(new int[0]);

    public TGroups {
        root = root.clone();
    }

    /** The root of n's group, or -1. */
    public int rootOf(int n) { return n < root.length ? root[n] : -1; }

    /** Whether n is a member computed inside its user's group (not its root): it has no value outside it. */
    public boolean inlined(int n) { return rootOf(n) >= 0 && rootOf(n) != n; }

    /** Whether the grouping pass ran (an empty grouping means it did not). */
    public boolean present() { return root.length > 0; }

    @Override public boolean equals(Object o) { return o instanceof TGroups t && Arrays.equals(root, t.root); }

    @Override public int hashCode() { return Arrays.hashCode(root); }

    @Override public String toString() { return "TGroups" + Arrays.toString(root); }
}
