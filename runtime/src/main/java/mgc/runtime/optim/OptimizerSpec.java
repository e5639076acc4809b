package mgc.runtime.optim;

import mgc.runtime.spec.Spec;
import mgc.runtime.spec.SpecException;

/**
 * An optimiser and its learning-rate schedule as written in a {@code train { }} block or on the command
 * line. Forms (named or positional arguments, in this order):
 * <pre>
 * sgd(lr = 0.1)
 * momentum(lr = 0.1, mu = 0.9, nesterov = false)
 * adam(lr = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 1e-8)
 * adamw(lr = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, wd = 0.01)
 * </pre>
 * and the short form {@code adam:lr=0.01}. Every {@code lr} accepts a schedule (see {@link LearningRate}).
 * The values shown are the defaults.
 */
public record OptimizerSpec(String kind, LearningRate lr, double mu, boolean nesterov,
                            double beta1, double beta2, double eps, double weightDecay, String text) {

    private static final String KINDS = "sgd(...), momentum(...), adam(...) or adamw(...)";

    public static OptimizerSpec parse(String text) {
        Spec.Call call = Spec.parse(text, "optimizer");
        return switch (call.name()) {
            case "sgd" -> {
                Spec.Args a = call.bind("optimizer", "lr");
                yield new OptimizerSpec("sgd", rate(a, 0.1), 0, false, 0, 0, 0, 0, call.text());
            }
            case "momentum" -> {
                Spec.Args a = call.bind("optimizer", "lr", "mu", "nesterov");
                double mu = a.number("mu", 0.9);
                if (mu < 0 || mu >= 1) throw new SpecException(a.context() + ": `mu` must be in [0, 1), not " + mu);
                yield new OptimizerSpec("momentum", rate(a, 0.1), mu, a.bool("nesterov", false), 0, 0, 0, 0, call.text());
            }
            case "adam", "adamw" -> {
                boolean w = call.name().equals("adamw");
                Spec.Args a = w ? call.bind("optimizer", "lr", "beta1", "beta2", "eps", "wd")
                        : call.bind("optimizer", "lr", "beta1", "beta2", "eps");
                double b1 = beta(a, "beta1", 0.9);
                double b2 = beta(a, "beta2", 0.999);
                double wd = w ? a.number("wd", 0.01) : 0;
                if (wd < 0) throw new SpecException(a.context() + ": `wd` must not be negative");
                yield new OptimizerSpec(call.name(), rate(a, 0.001), 0, false, b1, b2, a.positive("eps", 1e-8), wd,
                        call.text());
            }
            default -> throw new SpecException("unknown optimizer `" + call.name() + "`; expected " + KINDS);
        };
    }

    /** A fresh optimiser for {@code size} parameters. */
    public Optimizer create(int size) {
        return switch (kind) {
            case "sgd" -> new Sgd();
            case "momentum" -> new Momentum(size, mu, nesterov);
            default -> new Adam(size, beta1, beta2, eps, weightDecay);
        };
    }

    @Override
    public String toString() {
        return text;
    }

    private static double beta(Spec.Args a, String key, double fallback) {
        double b = a.number(key, fallback);
        if (b < 0 || b >= 1) throw new SpecException(a.context() + ": `" + key + "` must be in [0, 1), not " + b);
        return b;
    }

    private static LearningRate rate(Spec.Args a, double fallback) {
        Spec.Value v = a.get("lr");
        String expected = a.context() + ": `lr` must be a number, `A to B`, `cosine(A, B)` or `step(A, factor, every)`";
        if (v == null) return new LearningRate.Constant(fallback);
        if (v instanceof Spec.Num n) return new LearningRate.Constant(positive(a, n.value()));
        if (v instanceof Spec.Range r) return new LearningRate.Linear(positive(a, r.from()), nonNegative(a, r.to()));
        if (v instanceof Spec.Call c && c.name().equals("cosine")) {
            Spec.Args s = c.bind("schedule", "from", "to");
            requireAll(s, "from", "to");
            return new LearningRate.Cosine(positive(a, s.number("from", 0)), nonNegative(a, s.number("to", 0)));
        }
        if (v instanceof Spec.Call c && c.name().equals("step")) {
            Spec.Args s = c.bind("schedule", "lr", "factor", "every");
            requireAll(s, "lr", "factor", "every");
            int every = s.integer("every", 1);
            if (every < 1) throw new SpecException(s.context() + ": `every` must be at least 1");
            return new LearningRate.StepDecay(positive(a, s.number("lr", 0)), s.positive("factor", 1), every);
        }
        throw new SpecException(expected + ", not `" + v.text() + "`");
    }

    private static void requireAll(Spec.Args s, String... keys) {
        for (String k : keys)
            if (!s.has(k)) throw new SpecException(s.context() + ": `" + k + "` is missing; expected " + String.join(", ", keys));
    }

    private static double positive(Spec.Args a, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new SpecException(a.context() + ": the learning rate must be positive, not " + lr);
        return lr;
    }

    private static double nonNegative(Spec.Args a, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new SpecException(a.context() + ": the final learning rate must not be negative, not " + lr);
        return lr;
    }

    /**
     * {@code lr} (a train key and {@code --lr}) replaces the rate of an optimiser spec, named or
     * positional (the rate is the first argument): {@code sgd(lr = 1)} + {@code 0.5} gives
     * {@code sgd(lr = 0.5)}; the other arguments keep their text.
     */
    public static String withRate(String optimizerSpec, String rate) {
        Spec.Call call = Spec.parse(optimizerSpec, "optimizer");
        java.util.List<String> parts = new java.util.ArrayList<>();
        boolean positionalRate = false;
        for (int i = 0; i < call.args().size(); i++) {
            Spec.Arg a = call.args().get(i);
            if (i == 0 && a.name() == null) {
                parts.add(rate);
                positionalRate = true;
            } else if (!"lr".equals(a.name())) {
                parts.add(a.name() == null ? a.value().text() : a.name() + " = " + a.value().text());
            }
        }
        if (!positionalRate) parts.add(0, "lr = " + rate);
        return call.name() + "(" + String.join(", ", parts) + ")";
    }
}
