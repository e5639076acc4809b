package mgc.runtime.train;

/** A checkpoint that cannot be written, read, or used for this model; the message is a plain sentence. */
public class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
