package mgc.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What one model's last compilation depended on (the source's hash, the options, the compiler's
 * fingerprint) and the files it wrote. A model is up to date when the key is unchanged and every
 * file is still there. Stored as text: the key on the first line, then one output path per line.
 */
record Stamp(String key, List<Path> outputs) {

    static String key(byte[] source, String options, String compiler) {
        return "sha256=" + sha256(source) + " " + options + " compiler=" + compiler;
    }

    boolean upToDate(String currentKey) {
        return key.equals(currentKey) && outputs.stream().allMatch(Files::isRegularFile);
    }

    /** The stamp at {@code file}, or null if there is none (or it cannot be read: then the model is recompiled). */
    static Stamp read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) return null;
            List<Path> outputs = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) outputs.add(Path.of(l));
            return new Stamp(lines.get(0), outputs);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder(key).append('\n');
        for (Path p : outputs) sb.append(p).append('\n');
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /**
     * The fingerprint of the code that produces a model: the jars holding {@code classes} (the compiler,
     * the runtime, this plugin), hashed, so that a rebuilt compiler recompiles every model even at the same
     * version. A class loaded from a directory (a test run) contributes its directory's path.
     */
    static String fingerprint(Class<?>... classes) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Class<?> c : classes) {
            Path where;
            try {
                where = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (java.net.URISyntaxException | RuntimeException e) {
                sb.append(c.getName()).append(';');
                continue;
            }
            sb.append(Files.isRegularFile(where) ? sha256(Files.readAllBytes(where)) : where.toString()).append(';');
        }
        return sha256(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }
}
