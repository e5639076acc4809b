package mgc.runtime.spec;

/** A malformed optimiser, schedule, data or training setting; the message is a plain sentence for users. */
public class SpecException extends IllegalArgumentException {
    public SpecException(String message) {
        super(message);
    }
}
