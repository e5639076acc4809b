package mgc.compiler.cli;

import java.nio.file.Path;
import mgc.compiler.front.CheckedModel;
import mgc.compiler.front.FrontEnd;
import mgc.compiler.front.Source;

/** What every subcommand does first: read and check the model (a CompileError reaches {@link Main}). */
final class ModelFiles {

    private ModelFiles() {}

    static CheckedModel check(Path model) {
        return FrontEnd.check(Source.read(model));
    }
}
