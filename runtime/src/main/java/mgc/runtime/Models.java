package mgc.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Loads a model jar written by {@code mgc compile} (the generated class plus {@code META-INF/mgc/model.sig}),
 * or a model that a build put on the class path (the Maven plugin: the class plus
 * {@code META-INF/mgc/models/NAME.sig}, one signature per model, so that one jar carries several).
 */
public final class Models {

    /** Where the signature lives in a model jar. */
    public static final String SIGNATURE_ENTRY = "META-INF/mgc/model.sig";

    /** Where the signature of the model called {@code name} lives on a class path. */
    public static String signatureResource(String modelName) {
        return "META-INF/mgc/models/" + modelName + ".sig";
    }

    private Models() { }

    /**
     * A model as bytes, to ship to another JVM (a Spark executor) and {@link #define} there: the signature,
     * the name of the class that implements it, and the classes (binary name to class bytes).
     */
    public record Code(ModelSignature signature, String mainClass, Map<String, byte[]> classes) {
        public Code {
            classes = Map.copyOf(classes);
            if (!classes.containsKey(mainClass))
                throw new ModelLoadException("the model class " + mainClass + " is not among the classes");
        }
    }

    /** Reads a model jar's signature and classes without loading them. */
    public static Code read(Path jar) {
        ModelSignatures.Loaded loaded = readSignature(jar);
        Map<String, byte[]> classes = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(file.entries())) {
                String name = e.getName();
                if (!name.endsWith(".class") || e.isDirectory()) continue;
                try (InputStream in = file.getInputStream(e)) {
                    classes.put(name.substring(0, name.length() - 6).replace('/', '.'), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new ModelLoadException(jar + " is not a jar file (" + e.getMessage() + ")", e);
        }
        if (!classes.containsKey(loaded.className()))
            throw new ModelLoadException(jar + " names the model class " + loaded.className() + " in " + SIGNATURE_ENTRY
                    + ", but the jar does not hold it");
        return new Code(loaded.signature(), loaded.className(), classes);
    }

    /**
     * Defines {@code code}'s classes in a new class loader whose parent is the runtime's and instantiates
     * the model, with the same checks as {@link #load}.
     */
    public static CompiledModel define(Code code) {
        ClassLoader loader = new ClassLoader("mgc-model", Models.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = code.classes().get(name);
                if (b == null) throw new ClassNotFoundException(name);
                return defineClass(name, b, 0, b.length);
            }
        };
        return instantiate("the model " + code.signature().modelName(), SIGNATURE_ENTRY, loader,
                new ModelSignatures.Loaded(code.signature(), code.mainClass()));
    }

    /**
     * Opens {@code jar}, reads its signature, loads the class named there with a class loader whose parent
     * is the runtime's, and instantiates it through its public no-argument constructor. The class loader
     * stays open for the model's lifetime. Every failure is a {@link ModelLoadException} with a plain message.
     */
    public static CompiledModel load(Path jar) {
        ModelSignatures.Loaded loaded = readSignature(jar);
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (IOException e) {
            throw new ModelLoadException("cannot open " + jar + ": " + e.getMessage(), e);
        }
        return instantiate(jar.toString(), SIGNATURE_ENTRY, new URLClassLoader(new URL[] {url}, Models.class.getClassLoader()),
                loaded);
    }

    /**
     * Loads the model called {@code modelName} from {@code loader}'s class path: reads
     * {@link #signatureResource} and instantiates the class it names through that loader.
     */
    public static CompiledModel load(String modelName, ClassLoader loader) {
        String resource = signatureResource(modelName);
        ModelSignatures.Loaded loaded;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null)
                throw new ModelLoadException("no model `" + modelName + "` on the class path: " + resource
                        + " is missing (does the build run mgc-maven-plugin?)");
            try {
                loaded = ModelSignatures.read(in);
            } catch (ModelLoadException e) {
                throw new ModelLoadException(resource + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        return instantiate(ON_CLASS_PATH, resource, loader, loaded);
    }

    /**
     * Writes {@code classes} as class files under {@code dir} and the signature as {@link #signatureResource}:
     * the class-path layout that {@link #load(String, ClassLoader)} reads (a build's {@code target/classes}).
     */
    public static void writeDirectory(Path dir, ModelSignature sig, String mainClass, Map<String, byte[]> classes)
            throws IOException {
        if (!classes.containsKey(mainClass))
            throw new IllegalArgumentException("the model class " + mainClass + " is not among the classes to write");
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            Path file = dir.resolve(c.getKey().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, ch -> {
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(c.getValue());
                while (bytes.hasRemaining()) ch.write(bytes);
            });
        }
        Path sigFile = dir.resolve(signatureResource(sig.modelName()));
        Files.createDirectories(sigFile.getParent());
        AtomicFiles.write(sigFile, ch -> {
            var out = Channels.newOutputStream(ch);
            ModelSignatures.write(sig, mainClass, out);
            out.flush();
        });
    }

    private static ModelSignatures.Loaded readSignature(Path jar) {
        if (!Files.exists(jar)) throw new ModelLoadException("no such file: " + jar);
        if (!Files.isRegularFile(jar)) throw new ModelLoadException(jar + " is not a file");
        ModelSignatures.Loaded loaded;
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry(SIGNATURE_ENTRY);
            if (entry == null)
                throw new ModelLoadException(jar + " is not a model jar: it has no " + SIGNATURE_ENTRY
                        + " (write one with `mgc compile`)");
            try (InputStream in = file.getInputStream(entry)) {
                loaded = ModelSignatures.read(in);
            } catch (ModelLoadException e) {
                throw new ModelLoadException(jar + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new ModelLoadException(jar + " is not a jar file (" + e.getMessage() + ")", e);
        }
        return loaded;
    }

    /**
     * Writes a model jar that {@link #load} reads: {@code classes} (binary name to class bytes, e.g.
     * {@code gen.Moons}) and the signature naming {@code mainClass}, atomically ({@link AtomicFiles}).
     */
    public static void writeJar(Path jar, ModelSignature sig, String mainClass, Map<String, byte[]> classes)
            throws IOException {
        if (!classes.containsKey(mainClass))
            throw new IllegalArgumentException("the model class " + mainClass + " is not among the classes to write");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Created-By", "mgc");
        AtomicFiles.write(jar, ch -> {
            JarOutputStream out = new JarOutputStream(Channels.newOutputStream(ch), manifest);
            out.putNextEntry(new JarEntry(SIGNATURE_ENTRY));
            ModelSignatures.write(sig, mainClass, out);
            out.closeEntry();
            for (Map.Entry<String, byte[]> c : new TreeMap<>(classes).entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
                out.write(c.getValue());
                out.closeEntry();
            }
            out.finish(); // not close: the channel stays open to be forced
            out.flush();
        });
    }

    private static final String ON_CLASS_PATH = "the class path";

    /** {@code jar} names where the classes come from in messages, {@code sigName} where the signature was read. */
    private static CompiledModel instantiate(String jar, String sigName, ClassLoader loader, ModelSignatures.Loaded loaded) {
        String name = loaded.className();
        Class<?> cls;
        try {
            cls = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new ModelLoadException(jar + " names the model class " + name + " in " + sigName
                    + ", but " + (jar.equals(ON_CLASS_PATH) ? "it does" : "the jar does") + " not hold it", e);
        } catch (LinkageError e) {
            throw new ModelLoadException("the model class " + name + " in " + jar + " cannot be loaded: " + e, e);
        }
        if (!CompiledModel.class.isAssignableFrom(cls))
            throw new ModelLoadException("the class " + name + " in " + jar + " does not implement "
                    + CompiledModel.class.getName() + " (is the jar from another mgc version?)");
        if (!Modifier.isPublic(cls.getModifiers()) || Modifier.isAbstract(cls.getModifiers()))
            throw new ModelLoadException("the model class " + name + " in " + jar + " is not a public concrete class");
        CompiledModel model;
        try {
            Constructor<?> ctor = cls.getConstructor();
            model = (CompiledModel) ctor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ModelLoadException("the model class " + name + " in " + jar + " has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new ModelLoadException("the model class " + name + " in " + jar + " failed to start: " + e.getCause(), e);
        } catch (ReflectiveOperationException e) {
            throw new ModelLoadException("the model class " + name + " in " + jar + " cannot be instantiated: " + e, e);
        }
        ModelSignature sig = model.signature();
        if (!sig.params().equals(loaded.signature().params()))
            throw new ModelLoadException("the model class " + name + " in " + jar
                    + " does not match the parameters listed in " + sigName);
        return model;
    }
}
