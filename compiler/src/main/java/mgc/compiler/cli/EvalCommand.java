package mgc.compiler.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mgc eval MODEL.mg}: outputs, loss, penalty (and gradients) at one point. */
@Command(name = "eval", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Evaluates a model's outputs, loss and gradients at one point.", "Prints `output NAME = v`, `loss = v`, `penalty = v`",
                "(and with --grad `grad NAME[i,j] = v` per parameter element), each number with Double.toString.",
                "Parameters take their initial values (under --seed) unless given; inputs and targets default to 0."})
public final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Option(names = "--param", paramLabel = "NAME=v1,v2,...", description = "A parameter's values, row-major (repeatable).")
    List<String> params = new ArrayList<>();

    @Option(names = "--input", paramLabel = "NAME=v1,v2,...", description = "An input's values (repeatable).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "NAME=v1,v2,...", description = "A target's values (repeatable).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of the initialisers (default 0).")
    long seed;

    @Option(names = "--grad", description = "Also print the gradient of the loss (`grad`) and of the penalty (`grad_penalty`).")
    boolean grad;

    @Option(names = "--input-grad", description = "Also print the gradient of the loss with respect to the inputs (`grad_input`).")
    boolean inputGrad;

    @Option(names = "--interpret", description = "Use the IR interpreter instead of generated code.")
    boolean interpret;

    @Mixin
    CompileFlags flags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        ModelSession s = ModelSession.open(model, flags.options(cl).withInputGradients(inputGrad), interpret);
        ModelSignature sig = s.signature();
        double[] p = Initializers.initialize(sig, seed);
        double[] x = new double[sig.inputSize()];
        double[] y = new double[sig.targetSize()];
        assign(cl, "--param", params, sig.params(), p);
        assign(cl, "--input", inputs, sig.inputs(), x);
        assign(cl, "--target", targets, sig.targets(), y);

        CompiledModel m = s.model();
        double[] scratch = m.newScratch();
        double[] out = new double[sig.outputSize()];
        m.forward(p, x, 0, 1, out, scratch);
        double[] g = new double[sig.paramSize()];
        double loss = m.lossAndGradient(p, x, y, 0, 1, g, scratch);
        double[] pg = new double[sig.paramSize()];
        double penalty = m.penaltyAndGradient(p, pg, scratch);

        var w = cl.getOut();
        for (TensorSpec o : sig.outputs()) {
            for (int i = 0; i < o.size(); i++) w.println("output " + o.elementName(i) + " = " + out[o.offset() + i]);
        }
        w.println("loss = " + loss);
        w.println("penalty = " + penalty);
        if (grad) {
            for (TensorSpec t : sig.params())
                for (int i = 0; i < t.size(); i++) w.println("grad " + t.elementName(i) + " = " + g[t.offset() + i]);
            if (sig.hasPenalty()) {
                for (TensorSpec t : sig.params())
                    for (int i = 0; i < t.size(); i++) w.println("grad_penalty " + t.elementName(i) + " = " + pg[t.offset() + i]);
            }
        }
        if (inputGrad) {
            Graph joint = s.compilation().graph();
            double[] v = Interpreter.run(joint, p, x, y, null);
            for (Output o : joint.outputs(OutputKind.GRAD_INPUT)) w.println("grad_input " + o.name() + " = " + v[o.node()]);
        }
        w.flush();
        return 0;
    }

    /** Parses NAME=v1,v2,... assignments into {@code into}, refusing unknown names and wrong lengths. */
    static void assign(CommandLine cl, String flag, List<String> given, List<TensorSpec> specs, double[] into) {
        Map<String, TensorSpec> byName = new LinkedHashMap<>();
        for (TensorSpec t : specs) byName.put(t.name(), t);
        for (String a : given) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new CommandLine.ParameterException(cl, flag + " expects NAME=v1,v2,..., not `" + a + "`");
            String name = a.substring(0, eq).strip();
            TensorSpec t = byName.get(name);
            if (t == null) {
                throw new CommandLine.ParameterException(cl, flag + ": no " + flag.substring(2) + " named `" + name + "`; "
                        + (byName.isEmpty() ? "the model has none" : "the model has " + String.join(", ", byName.keySet())));
            }
            String[] parts = a.substring(eq + 1).split(",", -1);
            if (parts.length != t.size()) {
                throw new CommandLine.ParameterException(cl, flag + " " + name + ": expected " + t.size() + " value"
                        + (t.size() == 1 ? "" : "s") + " (shape " + t.shapeText() + "), got " + parts.length);
            }
            for (int i = 0; i < parts.length; i++) {
                try {
                    double v = Double.parseDouble(parts[i].strip());
                    if (!Double.isFinite(v)) throw new NumberFormatException();
                    into[t.offset() + i] = v;
                } catch (NumberFormatException e) {
                    throw new CommandLine.ParameterException(cl, flag + " " + name + ": value " + (i + 1) + " `" + parts[i].strip()
                            + "` is not a finite number");
                }
            }
        }
    }
}
