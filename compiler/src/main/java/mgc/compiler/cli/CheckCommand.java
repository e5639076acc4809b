package mgc.compiler.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mgc.compiler.front.CheckedModel;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mgc check MODEL.mg}: runs the front end only and summarises the model's signature. */
@Command(name = "check", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Checks a model for errors without compiling it.")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CheckedModel m = ModelFiles.check(model);
        ModelSignature s = m.signature();
        spec.commandLine().getOut().printf("%s: ok: model %s, params %s (%d values), inputs %s, targets %s, outputs %s%s%n",
                model, s.modelName(), names(s.params()), s.paramSize(), names(s.inputs()), names(s.targets()),
                names(s.outputs()), s.hasPenalty() ? ", with penalty" : "");
        return 0;
    }

    private static String names(List<TensorSpec> specs) {
        if (specs.isEmpty()) return "none";
        StringBuilder sb = new StringBuilder();
        for (TensorSpec t : specs) sb.append(sb.length() > 0 ? " " : "").append(t.name()).append(t.shapeText());
        return sb.toString();
    }
}
