package mgc.compiler.front;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import mgc.runtime.data.DataSpec;
import mgc.runtime.train.TrainConfig;

/**
 * Resolution, shape checking and constant folding, in one pass over the statements in source order.
 *
 * <p>Scoping rules: every top-level name (const, input, target, param, fn, assignment) is defined once
 * and only after its definition may it be used. Built-in function names are reserved. A {@code fn}
 * body sees its own parameters, the consts and the fns defined before it, nothing else (functions are
 * pure, and so cannot recurse); a parameter may reuse the name of an input, param or assignment, not
 * that of a const or fn. An expression whose checking failed gets a null shape, which silences
 * errors that would only repeat the first one.
 */
final class Checker {

    /** Largest tensor (in elements) a model may declare: everything is unrolled into scalars. */
    static final long MAX_ELEMENTS = 1 << 24;

    static final List<String> TRAIN_KEYS = List.of("data", "test", "optimizer", "steps", "epochs", "batch", "seed",
            "threads", "split", "lr", "clip", "log");

    private final Source source;
    private final Diagnostics diag;
    /** Names defined so far: a Symbol or a Stmt.Fn. */
    private final Map<String, Object> globals = new LinkedHashMap<>();
    /** Each top-level name's (first) definition, to tell "defined later" from "unknown". */
    private final Map<String, Stmt> definitions = new LinkedHashMap<>();
    /** The tensors that each assignment depends on, computed when it is defined. */
    private final Map<Stmt.Assign, Set<Stmt.Decl>> assignDeps = new IdentityHashMap<>();

    private Map<String, Stmt.FnParam> locals;
    private String currentFn;
    private String defining;

    Checker(Source source, Diagnostics diag) {
        this.source = source;
        this.diag = diag;
    }

    CheckedModel check(List<Stmt> stmts) {
        for (Stmt s : stmts) {
            if (s instanceof Symbol sym) definitions.putIfAbsent(sym.name(), s);
            else if (s instanceof Stmt.Fn f) definitions.putIfAbsent(f.name(), f);
        }
        String modelName = defaultModelName();
        List<Stmt> out = new ArrayList<>();
        List<Stmt.Const> consts = new ArrayList<>();
        List<Stmt.Decl> params = new ArrayList<>(), inputs = new ArrayList<>(), targets = new ArrayList<>();
        List<Stmt.Fn> fns = new ArrayList<>();
        List<Stmt.Assign> assigns = new ArrayList<>();
        List<Stmt.Output> outputs = new ArrayList<>();
        Stmt.Loss loss = null;
        Stmt.Penalty penalty = null;
        Stmt.Train train = null;
        Map<String, String> trainMap = new LinkedHashMap<>();

        for (Stmt s : stmts) {
            if (s instanceof Stmt.Model m) {
                modelName = m.name();
                out.add(m);
            } else if (s instanceof Stmt.Const c) {
                defining = c.name();
                Double v = constValue(c.expr(), "a const");
                defining = null;
                Stmt.Const checked = new Stmt.Const(c.pos(), c.name(), c.expr(), v == null ? 0 : v);
                define(c.name(), c.pos(), checked);
                consts.add(checked);
                out.add(checked);
            } else if (s instanceof Stmt.Decl d) {
                Stmt.Decl checked = decl(d);
                define(d.name(), d.pos(), checked);
                (d.kind() == Stmt.Kind.PARAM ? params : d.kind() == Stmt.Kind.INPUT ? inputs : targets).add(checked);
                out.add(checked);
            } else if (s instanceof Stmt.Fn f) {
                Stmt.Fn checked = fn(f);
                define(f.name(), f.pos(), checked);
                fns.add(checked);
                out.add(checked);
            } else if (s instanceof Stmt.Assign a) {
                defining = a.name();
                Stmt.Assign checked = new Stmt.Assign(a.pos(), a.name(), expr(a.value()));
                defining = null;
                assignDeps.put(checked, deps(checked.value()));
                define(a.name(), a.pos(), checked);
                assigns.add(checked);
                out.add(checked);
            } else if (s instanceof Stmt.Output o) {
                Stmt.Output checked = output(o, outputs);
                if (checked != null) {
                    outputs.add(checked);
                    out.add(checked);
                }
            } else if (s instanceof Stmt.Loss l) {
                if (loss != null) duplicateStatement("loss", l.pos(), loss.pos());
                Stmt.Loss checked = new Stmt.Loss(l.pos(), scalar(expr(l.value()), "loss"));
                if (loss == null) loss = checked;
                out.add(checked);
            } else if (s instanceof Stmt.Penalty p) {
                if (penalty != null) duplicateStatement("penalty", p.pos(), penalty.pos());
                Stmt.Penalty checked = new Stmt.Penalty(p.pos(), scalar(expr(p.value()), "penalty"));
                if (penalty == null) {
                    penalty = checked;
                    penaltyUsesOnlyParams(checked.value());
                }
                out.add(checked);
            } else if (s instanceof Stmt.Train t) {
                if (train != null) duplicateStatement("train", t.pos(), train.pos());
                else train = t;
                trainEntries(t, trainMap);
                out.add(t);
            }
        }
        if (loss == null)
            diag.error(Pos.NONE, "the model has no `loss`", "add a statement such as `loss = (score - y)^2`");
        // Earlier errors leave dependencies incomplete: only a clean model can be judged for unused params.
        if (!diag.hasErrors()) checkParamsUsed(params, loss, penalty, outputs);
        diag.sort();
        diag.throwIfErrors();

        ModelSignature signature = new ModelSignature(modelName, specs(params, true), specs(inputs, false),
                specs(targets, false), outputSpecs(outputs), penalty != null, trainMap);
        return new CheckedModel(source, modelName, out, consts, params, inputs, targets, fns, assigns, outputs,
                loss.value(), penalty == null ? null : penalty.value(), trainMap, signature);
    }

    /** Without a {@code model} header: the file name without {@code .mg}, made a valid name as a header's would be. */
    private String defaultModelName() {
        String n = source.name().replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        if (n.endsWith(".mg")) n = n.substring(0, n.length() - 3);
        n = n.replaceAll("[^A-Za-z0-9_]", "_");
        return n.isEmpty() || Character.isDigit(n.charAt(0)) ? "_" + n : n;
    }

    // ---- names ----

    private void define(String name, Pos pos, Object symbol) {
        if (Builtin.named(name) != null) {
            diag.error(pos, "`" + name + "` is the name of a built-in function", "choose another name");
            return;
        }
        Object previous = globals.get(name);
        if (previous != null) {
            Pos p = previous instanceof Symbol s ? s.pos() : ((Stmt.Fn) previous).pos();
            diag.error(pos, "`" + name + "` is already defined", "first defined at line " + p.line());
            return;
        }
        globals.put(name, symbol);
    }

    private void duplicateStatement(String what, Pos pos, Pos first) {
        diag.error(pos, "`" + what + "` is already defined", "first defined at line " + first.line());
    }

    /** Reports a name that is not visible here: undefined, defined later, or its own definition. */
    private void unresolved(Pos pos, String id, boolean call) {
        if (id.equals(defining) || id.equals(currentFn)) {
            diag.error(pos, "`" + id + "` is used in its own definition",
                    call ? "functions cannot call themselves" : null);
            return;
        }
        Stmt later = definitions.get(id);
        if (later != null) {
            diag.error(pos, "`" + id + "` is used before its definition",
                    "`" + id + "` is defined at line " + later.pos().line() + "; move this use below it");
            return;
        }
        // Typos are matched against every name that could be meant here, defined above or below.
        Set<String> candidates = new TreeSet<>();
        if (call) candidates.addAll(Builtin.names());
        if (locals != null) candidates.addAll(locals.keySet());
        definitions.forEach((k, v) -> {
            boolean fn = v instanceof Stmt.Fn;
            if (call ? fn : !fn && (locals == null || v instanceof Stmt.Const)) candidates.add(k);
        });
        diag.error(pos, "unknown " + (call ? "function" : "name") + " `" + id + "`", Suggestions.didYouMean(id, candidates));
    }

    private Expr name(Expr.Name n) {
        if (locals != null && locals.containsKey(n.id())) {
            Stmt.FnParam p = locals.get(n.id());
            return new Expr.Name(n.pos(), n.id(), p, p.shape());
        }
        Object g = globals.get(n.id());
        if (g instanceof Stmt.Fn) {
            diag.error(n.pos(), "`" + n.id() + "` is a function", "call it: `" + n.id() + "(...)`");
        } else if (g instanceof Symbol s) {
            if (locals != null && !(s instanceof Stmt.Const)) {
                diag.error(n.pos(), "the body of `" + currentFn + "` cannot use " + what(s),
                        "a function sees only its parameters and consts; pass `" + n.id() + "` as an argument");
                return new Expr.Name(n.pos(), n.id(), null, null);
            }
            return new Expr.Name(n.pos(), n.id(), s, s.shape());
        } else if (Builtin.named(n.id()) != null) {
            diag.error(n.pos(), "`" + n.id() + "` is a built-in function", "call it: `" + n.id() + "(...)`");
        } else {
            unresolved(n.pos(), n.id(), false);
        }
        return new Expr.Name(n.pos(), n.id(), null, null);
    }

    private static String what(Symbol s) {
        if (s instanceof Stmt.Const c) return "const `" + c.name() + "`";
        if (s instanceof Stmt.Decl d) return d.kind().word() + " `" + d.name() + "`";
        if (s instanceof Stmt.FnParam p) return "parameter `" + p.name() + "`";
        return "`" + s.name() + "`";
    }

    // ---- constants ----

    /** The value of a constant expression (numbers, consts, + - * / ^), or null after reporting why not. */
    private Double constValue(Expr e, String what) {
        if (e instanceof Expr.Num n) return n.value();
        if (e instanceof Expr.Name n) {
            Object g = globals.get(n.id());
            if (g instanceof Stmt.Const c) return c.value();
            if (g instanceof Symbol s)
                diag.error(n.pos(), what + " must be a constant, but " + what(s) + " is not",
                        "only numbers, consts and arithmetic on them are constant");
            else if (g instanceof Stmt.Fn || Builtin.named(n.id()) != null)
                diag.error(n.pos(), what + " must be a constant, but `" + n.id() + "` is a function");
            else unresolved(n.pos(), n.id(), false);
            return null;
        }
        if (e instanceof Expr.Neg n) {
            Double v = constValue(n.operand(), what);
            return v == null ? null : -v;
        }
        if (e instanceof Expr.Binary b && b.op() != Expr.BinOp.MATMUL) {
            Double l = constValue(b.left(), what), r = constValue(b.right(), what);
            if (l == null || r == null) return null;
            double v = switch (b.op()) {
                case ADD -> l + r;
                case SUB -> l - r;
                case MUL -> l * r;
                case DIV -> l / r;
                default -> Math.pow(l, r);
            };
            if (!Double.isFinite(v)) {
                diag.error(b.pos(), "this constant expression has no finite value");
                return null;
            }
            return v;
        }
        diag.error(e.pos(), what + " must be a constant expression",
                "only numbers, consts and + - * / ^ on them are constant");
        return null;
    }

    /** A positive integer constant (a dimension), or -1 after reporting. */
    private int dimension(Expr e) {
        Double v = constValue(e, "a dimension");
        if (v == null) return -1;
        if (v != Math.rint(v) || v < 1) {
            diag.error(e.pos(), "a dimension must be a positive integer, but this is " + AstPrinter.number(v));
            return -1;
        }
        if (v > MAX_ELEMENTS) {
            diag.error(e.pos(), "dimension " + AstPrinter.number(v) + " is too large (the limit is " + MAX_ELEMENTS + ")");
            return -1;
        }
        return (int) (double) v;
    }

    /** The shape declared by {@code dims}, or null after reporting. */
    private Shape shape(String name, Pos pos, List<Expr> dims) {
        int[] d = new int[dims.size()];
        boolean ok = true;
        long size = 1;
        for (int i = 0; i < d.length; i++) {
            d[i] = dimension(dims.get(i));
            if (d[i] < 0) ok = false;
            else size *= d[i];
            if (size > MAX_ELEMENTS) {
                diag.error(pos, "`" + name + "` has too many elements (the limit is " + MAX_ELEMENTS + ")",
                        "mgc unrolls tensors into scalars; use smaller dimensions");
                return null;
            }
        }
        return ok ? Shape.of(d) : null;
    }

    // ---- declarations ----

    private Stmt.Decl decl(Stmt.Decl d) {
        Shape shape = shape(d.name(), d.pos(), d.dims());
        Initializer initializer = null;
        if (d.kind() != Stmt.Kind.PARAM) {
            if (d.init() != null)
                diag.error(d.init().pos(), "an " + d.kind().word() + " cannot have an initialiser",
                        "only params are initialised; inputs and targets are fed per example");
        } else if (d.init() == null) {
            diag.error(d.pos(), "param `" + d.name() + "` has no initialiser",
                    "write e.g. `param " + d.name() + " = 0` or `param " + d.name() + " ~ uniform(-1, 1)`");
        } else if (shape != null) {
            initializer = initializer(d, shape);
        }
        return new Stmt.Decl(d.pos(), d.kind(), d.name(), d.dims(), d.init(), shape, initializer);
    }

    private Initializer initializer(Stmt.Decl d, Shape shape) {
        Stmt.Init init = d.init();
        if (init.value() != null) {
            if (!(init.value() instanceof Expr.Tensor)) {
                Double v = constValue(init.value(), "an initial value");
                return v == null ? null : new Initializer.Fill(v);
            }
            List<Double> values = new ArrayList<>();
            Shape literal = constTensor(init.value(), values);
            if (literal == null) return null;
            if (!literal.equals(shape)) {
                diag.error(init.value().pos(), "initial value has shape " + literal + " but `" + d.name()
                        + "` is declared " + shape);
                return null;
            }
            return new Initializer.Values(values.stream().mapToDouble(Double::doubleValue).toArray());
        }
        String dist = init.distribution();
        List<Expr> args = init.args();
        int arity = switch (dist) {
            case "uniform", "normal" -> 2;
            case "xavier", "kaiming" -> 0;
            default -> -1;
        };
        if (arity < 0) {
            String hint = Suggestions.didYouMean(dist, List.of("uniform", "normal", "xavier", "kaiming"));
            diag.error(init.distributionPos(), "unknown initialiser `" + dist + "`", hint != null ? hint
                    : "use uniform(lo, hi), normal(mean, stddev), xavier or kaiming");
            return null;
        }
        if (args.size() != arity) {
            diag.error(init.pos(), "`" + dist + "` takes " + (arity == 2 ? "2 arguments" : "no arguments")
                    + " but " + count(args.size(), "was", "were") + " given",
                    arity == 2 ? "write `~ " + dist + (dist.equals("uniform") ? "(lo, hi)`" : "(mean, stddev)`") : null);
            return null;
        }
        if (arity == 0) {
            if (!shape.isMatrix()) {
                diag.error(init.distributionPos(), "`" + dist + "` needs a matrix (it scales by fan-in"
                        + (dist.equals("xavier") ? " and fan-out" : "") + "), but `" + d.name() + "` has shape " + shape,
                        "initialise vectors and scalars with `= 0` or `~ uniform(lo, hi)`");
                return null;
            }
            return dist.equals("xavier") ? new Initializer.Xavier() : new Initializer.Kaiming();
        }
        Double a = constValue(args.get(0), "an initialiser argument");
        Double b = constValue(args.get(1), "an initialiser argument");
        if (a == null || b == null) return null;
        if (dist.equals("uniform")) {
            if (!(a < b)) {
                diag.error(init.pos(), "`uniform(lo, hi)` needs lo < hi, but got uniform(" + AstPrinter.number(a)
                        + ", " + AstPrinter.number(b) + ")");
                return null;
            }
            return new Initializer.Uniform(a, b);
        }
        if (!(b > 0)) {
            diag.error(args.get(1).pos(), "the standard deviation of `normal` must be positive");
            return null;
        }
        return new Initializer.Normal(a, b);
    }

    /** Shape of a constant tensor literal, appending its values row-major; null after reporting. */
    private Shape constTensor(Expr e, List<Double> values) {
        if (!(e instanceof Expr.Tensor t)) {
            Double v = constValue(e, "an initial value");
            if (v == null) return null;
            values.add(v);
            return Shape.SCALAR;
        }
        Shape first = null;
        for (Expr el : t.elements()) {
            Shape s = constTensor(el, values);
            if (s == null) return null;
            if (first == null) first = s;
            else if (!first.equals(s)) {
                diag.error(el.pos(), "tensor literal elements differ in shape: " + first + " and " + s);
                return null;
            }
        }
        return first.prepend(t.elements().size());
    }

    private Stmt.Fn fn(Stmt.Fn f) {
        Map<String, Stmt.FnParam> params = new LinkedHashMap<>();
        List<Stmt.FnParam> checkedParams = new ArrayList<>();
        for (Stmt.FnParam p : f.params()) {
            Object g = globals.get(p.name());
            if (Builtin.named(p.name()) != null)
                diag.error(p.pos(), "`" + p.name() + "` is the name of a built-in function", "choose another name");
            else if (g instanceof Stmt.Const || g instanceof Stmt.Fn)
                diag.error(p.pos(), "parameter `" + p.name() + "` would hide the " + (g instanceof Stmt.Fn ? "fn" : "const")
                        + " of that name", "choose another name");
            else if (params.containsKey(p.name()))
                diag.error(p.pos(), "duplicate parameter `" + p.name() + "`");
            Stmt.FnParam checked = new Stmt.FnParam(p.pos(), p.name(), p.dims(), shape(p.name(), p.pos(), p.dims()));
            params.putIfAbsent(p.name(), checked);
            checkedParams.add(checked);
        }
        locals = params;
        currentFn = f.name();
        try {
            Expr body = expr(f.body());
            return new Stmt.Fn(f.pos(), f.name(), checkedParams, body, body.shape());
        } finally {
            locals = null;
            currentFn = null;
        }
    }

    private Stmt.Output output(Stmt.Output o, List<Stmt.Output> outputs) {
        for (Stmt.Output prev : outputs)
            if (prev.name().equals(o.name())) {
                diag.error(o.pos(), "`" + o.name() + "` is already an output", "first listed at line " + prev.pos().line());
                return null;
            }
        Object g = globals.get(o.name());
        if (g instanceof Stmt.Decl || g instanceof Stmt.Assign) {
            Symbol s = (Symbol) g;
            return s.shape() == null ? null : new Stmt.Output(o.pos(), o.name(), s);
        }
        if (g instanceof Stmt.Const || g instanceof Stmt.Fn)
            diag.error(o.pos(), "an output must be a tensor of the model, but `" + o.name() + "` is a "
                    + (g instanceof Stmt.Fn ? "fn" : "const"));
        else unresolved(o.pos(), o.name(), false);
        return null;
    }

    private void trainEntries(Stmt.Train t, Map<String, String> map) {
        Map<String, Pos> seen = new HashMap<>();
        Stmt.TrainEntry lr = null;
        for (Stmt.TrainEntry e : t.entries()) {
            if (!TRAIN_KEYS.contains(e.key())) {
                String hint = Suggestions.didYouMean(e.key(), TRAIN_KEYS);
                diag.error(e.pos(), "unknown train setting `" + e.key() + "`",
                        hint != null ? hint : "known settings: " + String.join(", ", TRAIN_KEYS));
            } else if (seen.containsKey(e.key())) {
                diag.error(e.pos(), "train setting `" + e.key() + "` is already set",
                        "first set at line " + seen.get(e.key()).line());
            } else if (e.key().equals("steps") && seen.containsKey("epochs")
                    || e.key().equals("epochs") && seen.containsKey("steps")) {
                diag.error(e.pos(), "give `steps` or `epochs`, not both", "a run is measured in one of them");
            } else {
                seen.put(e.key(), e.pos());
                map.put(e.key(), e.value());
                if (e.key().equals("lr")) lr = e;
                else trainValue(e);
            }
        }
        if (lr != null) learningRate(lr, map.get("optimizer"));
    }

    /**
     * {@code lr} replaces the rate of the block's optimizer (or of the default one), so it is parsed with it; a bad
     * optimizer was reported already and leaves the rate unchecked.
     */
    private void learningRate(Stmt.TrainEntry e, String optimizer) {
        TrainConfig.Builder b = TrainConfig.builder();
        try {
            if (optimizer != null) b.set("optimizer", optimizer);
        } catch (IllegalArgumentException reported) {
            return;
        }
        try {
            b.set("lr", e.value());
        } catch (IllegalArgumentException bad) {
            diag.error(e.valuePos(), bad.getMessage());
        }
    }

    /** Parses a train value as the runtime will, so that a bad one is reported here, with its position. */
    private void trainValue(Stmt.TrainEntry e) {
        try {
            if (e.key().equals("data") || e.key().equals("test")) DataSpec.parse(e.value(), Path.of("."));
            else TrainConfig.builder().set(e.key(), e.value());
        } catch (IllegalArgumentException bad) {
            diag.error(e.valuePos(), bad.getMessage());
        }
    }

    // ---- expressions ----

    private Expr expr(Expr e) {
        return expr(e, false);
    }

    /** The checked copy of {@code e}; {@code condition} is true only for the first argument of where. */
    private Expr expr(Expr e, boolean condition) {
        if (e instanceof Expr.Num n) return new Expr.Num(n.pos(), n.value(), Shape.SCALAR);
        if (e instanceof Expr.Name n) return name(n);
        if (e instanceof Expr.Neg n) {
            Expr x = expr(n.operand());
            return new Expr.Neg(n.pos(), x, x.shape());
        }
        if (e instanceof Expr.Binary b) {
            Expr l = expr(b.left()), r = expr(b.right());
            Shape s = b.op() == Expr.BinOp.MATMUL ? matmul(b.pos(), l.shape(), r.shape())
                    : broadcast(b.pos(), "`" + b.op().symbol + "`", l.shape(), r.shape());
            return new Expr.Binary(b.pos(), b.op(), l, r, s);
        }
        if (e instanceof Expr.Compare c) {
            if (!condition)
                diag.error(c.pos(), "comparison `" + c.op().symbol + "` can only be the condition of `where(cond, a, b)`",
                        "write e.g. `where(x > 0, x, 0)`");
            Expr l = expr(c.left()), r = expr(c.right());
            Shape s = broadcast(c.pos(), "`" + c.op().symbol + "`", l.shape(), r.shape());
            return new Expr.Compare(c.pos(), c.op(), l, r, condition ? s : null);
        }
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Index i) return index(i);
        return tensor((Expr.Tensor) e);
    }

    private Expr tensor(Expr.Tensor t) {
        List<Expr> elements = new ArrayList<>();
        Shape first = null;
        boolean ok = true;
        for (Expr el : t.elements()) {
            Expr x = expr(el);
            elements.add(x);
            if (x.shape() == null) ok = false;
            else if (first == null) first = x.shape();
            else if (ok && !first.equals(x.shape())) {
                diag.error(x.pos(), "tensor literal elements differ in shape: " + first + " and " + x.shape(),
                        "every element of a tensor literal needs the same shape");
                ok = false;
            }
        }
        return new Expr.Tensor(t.pos(), elements, ok ? first.prepend(elements.size()) : null);
    }

    private Expr index(Expr.Index i) {
        Expr target = expr(i.target());
        List<Integer> resolved = new ArrayList<>();
        Shape s = target.shape();
        for (Expr ix : i.indices()) {
            Double v = constValue(ix, "an index");
            if (v == null) s = null;
            else if (v != Math.rint(v)) {
                diag.error(ix.pos(), "an index must be an integer, but this is " + AstPrinter.number(v));
                s = null;
            } else resolved.add((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
        }
        if (s != null) {
            if (i.indices().size() > s.rank()) {
                diag.error(i.pos(), (s.isScalar() ? "cannot index a scalar" : "too many indices: "
                        + i.indices().size() + " for a tensor of shape " + s), null);
                s = null;
            } else {
                for (int k = 0; k < resolved.size(); k++) {
                    int v = resolved.get(k);
                    if (v < 0 || v >= s.dim(k)) {
                        diag.error(i.indices().get(k).pos(), "index " + v + " is out of bounds for dimension " + k
                                + " of size " + s.dim(k), "indices start at 0; the last is " + (s.dim(k) - 1));
                        s = null;
                        break;
                    }
                }
                if (s != null) s = s.dropFirst(resolved.size());
            }
        }
        return new Expr.Index(i.pos(), target, i.indices(), s == null ? null : resolved, s);
    }

    private Expr call(Expr.Call c) {
        Object g = globals.get(c.name());
        if (locals != null && locals.containsKey(c.name()) || g instanceof Symbol) {
            diag.error(c.namePos(), "`" + c.name() + "` is not a function");
            c.args().forEach(this::expr);
            return new Expr.Call(c.pos(), c.name(), c.args(), null, null);
        }
        if (g instanceof Stmt.Fn fn) return fnCall(c, fn);
        Builtin b = Builtin.named(c.name());
        if (b == null) {
            unresolved(c.namePos(), c.name(), true);
            List<Expr> args = new ArrayList<>();
            for (Expr a : c.args()) args.add(expr(a));
            return new Expr.Call(c.pos(), c.name(), args, null, null);
        }
        List<Expr> args = new ArrayList<>();
        for (int k = 0; k < c.args().size(); k++) args.add(expr(c.args().get(k), b == Builtin.WHERE && k == 0));
        Shape s = builtinShape(c, b, args);
        return new Expr.Call(c.pos(), c.name(), args, b, s);
    }

    private Expr fnCall(Expr.Call c, Stmt.Fn fn) {
        List<Expr> args = new ArrayList<>();
        for (Expr a : c.args()) args.add(expr(a));
        Shape s = fn.shape();
        if (args.size() != fn.params().size()) {
            diag.error(c.pos(), "`" + fn.name() + "` takes " + count(fn.params().size(), "argument", "arguments")
                    + " but " + count(args.size(), "was", "were") + " given", "`" + fn.name() + "` is defined at line "
                    + fn.pos().line());
            s = null;
        } else {
            for (int k = 0; k < args.size(); k++) {
                Stmt.FnParam p = fn.params().get(k);
                Shape a = args.get(k).shape();
                if (a == null || p.shape() == null) s = null;
                else if (!a.equals(p.shape())) {
                    diag.error(args.get(k).pos(), "argument " + (k + 1) + " of `" + fn.name() + "` has shape " + a
                            + " but parameter `" + p.name() + "` is declared " + p.shape(), null);
                    s = null;
                }
            }
        }
        return new Expr.Call(c.pos(), c.name(), args, fn, s);
    }

    private Shape builtinShape(Expr.Call c, Builtin b, List<Expr> args) {
        int n = args.size();
        String name = "`" + c.name() + "`";
        if (b == Builtin.MAX || b == Builtin.MIN) {
            if (n != 1 && n != 2) {
                diag.error(c.pos(), name + " takes 1 argument (a reduction) or 2 (elementwise), but "
                        + count(n, "was", "were") + " given");
                return null;
            }
        } else {
            int arity = b == Builtin.WHERE ? 3 : b == Builtin.DOT ? 2 : 1;
            if (n != arity) {
                diag.error(c.pos(), name + " takes " + count(arity, "argument", "arguments") + " but "
                        + count(n, "was", "were") + " given");
                return null;
            }
        }
        for (Expr a : args) if (a.shape() == null && !(b == Builtin.WHERE && a instanceof Expr.Compare)) return null;
        Shape x = args.get(0).shape();
        switch (b) {
            case SUM, MEAN -> { return Shape.SCALAR; }
            case MAX, MIN -> {
                return n == 1 ? Shape.SCALAR : broadcast(c.pos(), name, x, args.get(1).shape());
            }
            case WHERE -> {
                if (!(args.get(0) instanceof Expr.Compare cmp)) {
                    diag.error(args.get(0).pos(), "the condition of `where` must be a comparison",
                            "write e.g. `where(x > 0, x, 0)`");
                    return null;
                }
                if (cmp.shape() == null) return null;
                Shape ab = broadcast(c.pos(), name, args.get(1).shape(), args.get(2).shape());
                return ab == null ? null : broadcast(c.pos(), name, cmp.shape(), ab);
            }
            case DOT -> {
                Shape y = args.get(1).shape();
                if (!x.isVector() || !x.equals(y)) {
                    diag.error(c.pos(), name + " needs two vectors of one length, but got " + x + " and " + y,
                            x.isMatrix() || y.isMatrix() ? "use `@` for matrix products" : null);
                    return null;
                }
                return Shape.SCALAR;
            }
            case SOFTMAX, LOG_SOFTMAX, LOGSUMEXP -> {
                if (!x.isVector()) {
                    diag.error(args.get(0).pos(), name + " needs a vector, but its argument has shape " + x);
                    return null;
                }
                return b == Builtin.LOGSUMEXP ? Shape.SCALAR : x;
            }
            default -> { return x; }
        }
    }

    /** Elementwise result shape: equal shapes, or a scalar with anything; null after reporting. */
    private Shape broadcast(Pos pos, String op, Shape a, Shape b) {
        if (a == null || b == null) return null;
        if (a.equals(b) || b.isScalar()) return a;
        if (a.isScalar()) return b;
        diag.error(pos, "shapes " + a + " and " + b + " do not match for " + op,
                "elementwise operations need equal shapes, or a scalar on one side");
        return null;
    }

    private Shape matmul(Pos pos, Shape a, Shape b) {
        if (a == null || b == null) return null;
        if (a.isScalar() || b.isScalar() || a.rank() > 2 || b.rank() > 2) {
            diag.error(pos, "`@` needs vectors or matrices, but got " + a + " @ " + b,
                    a.isScalar() || b.isScalar() ? "use `*` to scale by a scalar" : null);
            return null;
        }
        if (a.isVector() && b.isVector()) {
            diag.error(pos, "`@` needs a matrix on at least one side, but got " + a + " @ " + b,
                    "use `dot(a, b)` for the dot product of two vectors");
            return null;
        }
        int inner = a.dim(a.rank() - 1);
        if (inner != b.dim(0)) {
            diag.error(pos, "cannot multiply " + a + " @ " + b + ": inner dimensions " + inner + " and " + b.dim(0) + " differ");
            return null;
        }
        if (a.isVector()) return Shape.of(b.dim(1));
        if (b.isVector()) return Shape.of(a.dim(0));
        return Shape.of(a.dim(0), b.dim(1));
    }

    private Expr scalar(Expr e, String what) {
        if (e.shape() != null && !e.shape().isScalar())
            diag.error(e.pos(), "`" + what + "` must be a scalar, but this has shape " + e.shape(),
                    "reduce it with `sum(...)` or `mean(...)`");
        return e;
    }

    /** {@code 1 argument}, {@code 2 arguments}; {@code 1 was}, {@code 2 were}. */
    private static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    // ---- dependencies ----

    /** The inputs, targets and params that {@code e} depends on, in order of first use. */
    private Set<Stmt.Decl> deps(Expr e) {
        Set<Stmt.Decl> out = new LinkedHashSet<>();
        collectDeps(e, out);
        return out;
    }

    private void collectDeps(Expr e, Set<Stmt.Decl> out) {
        if (e instanceof Expr.Name n) {
            if (n.symbol() instanceof Stmt.Decl d) out.add(d);
            else if (n.symbol() instanceof Stmt.Assign a) out.addAll(assignDeps.getOrDefault(a, Set.of()));
        }
        for (Expr child : children(e)) collectDeps(child, out);
    }

    /** Reports the first name in the penalty that brings in an input or a target. */
    private void penaltyUsesOnlyParams(Expr e) {
        List<Expr.Name> names = new ArrayList<>();
        collectNames(e, names);
        for (Expr.Name n : names) {
            Set<Stmt.Decl> d = new LinkedHashSet<>();
            collectDeps(n, d);
            for (Stmt.Decl decl : d) {
                if (decl.kind() == Stmt.Kind.PARAM) continue;
                String via = n.symbol() == decl ? "it uses " + decl.kind().word() + " `" + decl.name() + "`"
                        : "`" + n.id() + "` depends on " + decl.kind().word() + " `" + decl.name() + "`";
                diag.error(n.pos(), "`penalty` must depend on params only, but " + via,
                        "the penalty is computed once per batch; per-example terms belong in `loss`");
                return;
            }
        }
    }

    private void collectNames(Expr e, List<Expr.Name> out) {
        if (e instanceof Expr.Name n) out.add(n);
        for (Expr child : children(e)) collectNames(child, out);
    }

    /** The operands of an expression (an index's constant indices are not operands). */
    static List<Expr> children(Expr e) {
        if (e instanceof Expr.Neg n) return List.of(n.operand());
        if (e instanceof Expr.Binary b) return List.of(b.left(), b.right());
        if (e instanceof Expr.Compare c) return List.of(c.left(), c.right());
        if (e instanceof Expr.Call c) return c.args();
        if (e instanceof Expr.Index i) return List.of(i.target());
        if (e instanceof Expr.Tensor t) return t.elements();
        return List.of();
    }

    private void checkParamsUsed(List<Stmt.Decl> params, Stmt.Loss loss, Stmt.Penalty penalty, List<Stmt.Output> outputs) {
        if (loss == null) return;
        Set<Stmt.Decl> trained = deps(loss.value());
        if (penalty != null) trained.addAll(deps(penalty.value()));
        Set<Stmt.Decl> shown = new LinkedHashSet<>();
        for (Stmt.Output o : outputs) {
            if (o.symbol() instanceof Stmt.Decl d) shown.add(d);
            else if (o.symbol() instanceof Stmt.Assign a) shown.addAll(assignDeps.getOrDefault(a, Set.of()));
        }
        for (Stmt.Decl p : params) {
            if (trained.contains(p)) continue;
            diag.error(p.pos(), "param `" + p.name() + "` is not used by `loss` or `penalty`",
                    shown.contains(p) ? "it only affects outputs, so training would never change it"
                            : "remove it, or use it in the model");
        }
    }

    // ---- signature ----

    private static List<TensorSpec> specs(List<Stmt.Decl> decls, boolean withInit) {
        List<TensorSpec> out = new ArrayList<>();
        int offset = 0;
        for (Stmt.Decl d : decls) {
            out.add(new TensorSpec(d.name(), d.shape().dims(), offset, withInit ? d.initializer() : null));
            offset += d.shape().size();
        }
        return out;
    }

    private static List<TensorSpec> outputSpecs(List<Stmt.Output> outputs) {
        List<TensorSpec> out = new ArrayList<>();
        int offset = 0;
        for (Stmt.Output o : outputs) {
            out.add(new TensorSpec(o.name(), o.symbol().shape().dims(), offset, null));
            offset += o.symbol().shape().size();
        }
        return out;
    }
}
