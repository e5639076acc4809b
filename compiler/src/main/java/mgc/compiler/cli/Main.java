package mgc.compiler.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import mgc.compiler.front.CompileError;
import mgc.compiler.ir.GraphTooLargeException;
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
                TrainCommand.class, PredictCommand.class, TestCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
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
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof CommandLine.ParameterException p) return usageError(p, e);
            return handle(ex, e, debug);
        });
        cl.setParameterExceptionHandler((ex, badArgs) -> usageError(ex, e));
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

    /** A usage error: one line saying what is wrong and where to look, no wall of usage text. */
    static int usageError(CommandLine.ParameterException ex, PrintWriter err) {
        err.println("mgc: error: " + ex.getMessage());
        String name = ex.getCommandLine().getCommandSpec().qualifiedName(" ");
        err.println("run `" + name + " --help` for usage");
        err.flush();
        return EXIT_USAGE;
    }

    static int handle(Throwable ex, PrintWriter err, boolean debug) {
        if (ex instanceof CompileError c) {
            err.print(c.render());
            err.flush();
            return EXIT_MODEL_ERROR;
        }
        if (ex instanceof GraphTooLargeException g) {
            err.println("mgc: error: " + g.getMessage() + "; use smaller tensors");
            return EXIT_MODEL_ERROR;
        }
        if (ex instanceof mgc.runtime.data.DataException || ex instanceof mgc.runtime.spec.SpecException
                || ex instanceof mgc.runtime.train.CheckpointException || ex instanceof mgc.runtime.ModelLoadException) {
            String m = ex.getMessage();
            err.println(m.contains(": error: ") ? m : "mgc: error: " + m);
            return EXIT_MODEL_ERROR;
        }
        if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
            Throwable io = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
            String what = io instanceof java.nio.file.NoSuchFileException f ? "no such file: " + f.getFile()
                    : io instanceof java.nio.file.AccessDeniedException a ? "permission denied: " + a.getFile()
                    : io instanceof java.nio.file.FileSystemException f ? f.getFile() + ": " + f.getReason()
                    : String.valueOf(io.getMessage());
            err.println("mgc: error: " + what);
            return EXIT_MODEL_ERROR;
        }
        if (ex instanceof OutOfMemoryError) {
            err.println("mgc: error: out of memory; the model may be too large (see --max-nodes), or give the JVM more"
                    + " heap, e.g. MGC_JAVA_OPTS=-Xmx8g");
            return EXIT_MODEL_ERROR;
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
