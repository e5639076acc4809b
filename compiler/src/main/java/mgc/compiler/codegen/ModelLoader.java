package mgc.compiler.codegen;

import java.lang.invoke.MethodHandles;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;

/**
 * Defines a generated class in this process as a hidden class whose class data is the model's
 * signature. Not {@code STRONG}: once the returned model is unreachable, the class can be unloaded.
 */
public final class ModelLoader {
    private ModelLoader() {}

    public static CompiledModel define(GeneratedClass generated, ModelSignature signature) {
        String pkg = ModelLoader.class.getPackageName();
        String name = generated.className();
        if (!name.substring(0, Math.max(0, name.lastIndexOf('.'))).equals(pkg)) {
            throw new IllegalArgumentException("a hidden model class must be in package " + pkg + ", not " + name);
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup()
                    .defineHiddenClassWithClassData(generated.bytes(), signature, true);
            return (CompiledModel) lookup.findConstructor(lookup.lookupClass(),
                    java.lang.invoke.MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("could not define " + name, t);
        }
    }
}
