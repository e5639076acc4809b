package mgc.compiler.cli;

/** Thrown by a subcommand whose back half does not exist yet; {@link Main} exits with code 3. */
final class NotImplementedYet extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotImplementedYet(String what) {
        super(what, null, false, false);
    }
}
