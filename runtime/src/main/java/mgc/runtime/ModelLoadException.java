package mgc.runtime;

/** A compiled model (jar or signature) that cannot be loaded; the message is a plain sentence for users. */
public class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
