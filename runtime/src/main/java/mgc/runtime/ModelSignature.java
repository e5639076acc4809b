package mgc.runtime;

import java.util.List;
import java.util.Map;

/**
 * Names, shapes and flat layout of a model's parameters, inputs, targets and outputs, plus the
 * defaults of its {@code train { }} block as written in the source (key to value text, e.g.
 * {@code optimizer -> "sgd(lr = 1.0 to 0.1)"}), so that a compiled jar can be trained without the
 * compiler. Offsets of each list are consecutive from 0 in declaration order.
 */
public record ModelSignature(String modelName,
                             List<TensorSpec> params,
                             List<TensorSpec> inputs,
                             List<TensorSpec> targets,
                             List<TensorSpec> outputs,
                             boolean hasPenalty,
                             Map<String, String> trainDefaults) {

    public ModelSignature {
        params = List.copyOf(params);
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        outputs = List.copyOf(outputs);
        trainDefaults = Map.copyOf(trainDefaults);
    }

    public int paramSize() { return total(params); }
    public int inputSize() { return total(inputs); }
    public int targetSize() { return total(targets); }
    public int outputSize() { return total(outputs); }

    private static int total(List<TensorSpec> specs) {
        int n = 0;
        for (TensorSpec s : specs) n += s.size();
        return n;
    }

    /** The parameter, input, target or output called {@code name}, or null. */
    public TensorSpec find(String name) {
        for (List<TensorSpec> l : List.of(params, inputs, targets, outputs))
            for (TensorSpec s : l) if (s.name().equals(name)) return s;
        return null;
    }
}
