package mgc.compiler.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import mgc.compiler.front.CompileError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;

/**
 * The {@code mgc} command. Exit codes: 0 success, 1 errors in the model (diagnostics on stderr),
 * 2 usage errors, 3 internal errors and parts not implemented yet.
 */
@Command(name = "mgc", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "A symbolic differentiation compiler for the JVM: compiles .mg models to bytecode.",
        synopsisSubcommandLabel = "[COMMAND]",
        footer = {"", "`mgc MODEL.mg` is short for `mgc compile MODEL.mg`.",
                "Exit codes: 0 ok, 1 errors in the model, 2 usage errors, 3 internal errors."},
        subcommands = {CompileCommand.class, EmitCommand.class, CheckCommand.class, EvalCommand.class,
                TrainCommand.class, PredictCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    public static final String VERSION = "mgc 0.1.0";
    static final String REPORT_URL = "https://github.com/mgc-compiler/mgc/issues";

    public static final int EXIT_MODEL_ERROR = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INTERNAL = 3;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of internal errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String... args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs {@code mgc args}, writing to the given streams, and returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(o);
        cl.setErr(e);
        cl.setColorScheme(Help.defaultColorScheme(out == System.out && System.console() != null
                ? Help.Ansi.AUTO : Help.Ansi.OFF));
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> handle(ex, e, debug));
        try {
            return cl.execute(withDefaultCommand(cl, args));
        } catch (RuntimeException | Error ex) {
            return handle(ex, e, debug);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** {@code mgc model.mg ...} means {@code mgc compile model.mg ...}. */
    private static String[] withDefaultCommand(CommandLine cl, String[] args) {
        if (args.length == 0) return args;
        List<String> standalone = List.of("-h", "--help", "-V", "--version");
        for (String a : args) if (cl.getSubcommands().containsKey(a) || standalone.contains(a)) return args;
        String[] withCompile = new String[args.length + 1];
        withCompile[0] = "compile";
        System.arraycopy(args, 0, withCompile, 1, args.length);
        return withCompile;
    }

    private static int handle(Throwable ex, PrintWriter err, boolean debug) {
        if (ex instanceof CompileError c) {
            err.print(c.render());
            err.flush();
            return EXIT_MODEL_ERROR;
        }
        if (ex instanceof NotImplementedYet n) {
            err.println("mgc: error: " + n.getMessage() + " is not implemented yet");
            return EXIT_INTERNAL;
        }
        err.println("mgc: internal error: " + (ex.getMessage() != null ? ex.getMessage() : ex.getClass().getName()));
        err.println("please report this at " + REPORT_URL + (debug ? "" : " (run with --debug for details)"));
        if (debug) ex.printStackTrace(err);
        err.flush();
        return EXIT_INTERNAL;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("mgc: error: missing model or command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }
}
