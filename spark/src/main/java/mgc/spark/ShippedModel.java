package mgc.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignatures;
import mgc.runtime.Models;

/**
 * A compiled model as it travels with a Spark job: its class bytes and signature, identified by a hash of
 * both. Executors define the classes once per JVM and share the instance between tasks (a generated
 * model keeps no state; each task brings its own scratch and gradient arrays).
 */
public final class ShippedModel implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, CompiledModel> DEFINED = new ConcurrentHashMap<>();

    private final String hash;
    private final String mainClass;
    private final HashMap<String, byte[]> classes;
    private final byte[] signature;

    public ShippedModel(Models.Code code) {
        this.mainClass = code.mainClass();
        this.classes = new HashMap<>(code.classes());
        ByteArrayOutputStream sig = new ByteArrayOutputStream();
        ModelSignatures.write(code.signature(), code.mainClass(), sig);
        this.signature = sig.toByteArray();
        this.hash = hash(signature, new TreeMap<>(classes));
    }

    /** The hash that names this model's definition in every JVM. */
    public String hash() {
        return hash;
    }

    /** The model, defined in this JVM on first use. */
    public CompiledModel model() {
        return DEFINED.computeIfAbsent(hash, h -> Models.define(code()));
    }

    /** How many distinct models this JVM has defined (for tests). */
    static int definedCount() {
        return DEFINED.size();
    }

    private Models.Code code() {
        ModelSignatures.Loaded loaded = ModelSignatures.read(new ByteArrayInputStream(signature));
        return new Models.Code(loaded.signature(), mainClass, classes);
    }

    private static String hash(byte[] signature, TreeMap<String, byte[]> classes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(signature);
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                md.update(c.getKey().getBytes(StandardCharsets.UTF_8));
                md.update(c.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
