package mgc.compiler.ir;

/**
 * A named graph output: its kind, the element's display name ({@code W1[0,1]}; empty for the loss
 * and the penalty), the element's flat index in the array it belongs to (-1 when there is none) and
 * the node that computes it.
 */
public record Output(OutputKind kind, String name, int element, int node) {

    public Output withNode(int newNode) {
        return new Output(kind, name, element, newNode);
    }

    /** The output's line in the text form, without the node: {@code grad W1[0,1]}. */
    public String label() {
        return name.isEmpty() ? kind.text() : kind.text() + " " + name;
    }
}
