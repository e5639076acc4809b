package mgc.compiler.front;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A model's text and the name diagnostics call it by (the path as the user wrote it). */
public record Source(String name, String text) {

    /** Reads a UTF-8 file; a missing file, a directory or bytes that are not UTF-8 become a {@link CompileError}. */
    public static Source read(Path path) {
        String name = path.toString();
        Source none = new Source(name, "");
        if (Files.isDirectory(path)) throw fileError(none, "is a directory, not a model file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw fileError(none, "no such file");
        } catch (IOException | SecurityException e) {
            throw fileError(none, "cannot read: " + e.getMessage());
        }
        return decode(name, bytes);
    }

    /** Decodes UTF-8 bytes (a leading BOM is dropped); bytes that are not UTF-8 become a {@link CompileError}. */
    public static Source decode(String name, byte[] bytes) {
        Source none = new Source(name, "");
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            return new Source(name, text);
        } catch (CharacterCodingException e) {
            throw fileError(none, "is not valid UTF-8 text");
        }
    }

    private static CompileError fileError(Source source, String message) {
        return new CompileError(source, List.of(Diagnostic.error(Pos.NONE, message, null)));
    }

    /** The text of 1-based line {@code n} without its line terminator, or "" past the end. */
    public String line(int n) {
        List<String> lines = lines();
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
    }

    private List<String> lines() {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }
}
