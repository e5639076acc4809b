package mgc.compiler.front;

import java.util.List;
import java.util.Map;
import mgc.runtime.ModelSignature;

/**
 * A model that passed every front-end check: its statements in source order with a shape on every
 * expression and every name resolved, the parts grouped by kind, and its runtime signature.
 *
 * @param statements every statement, in source order (what {@link AstPrinter} prints)
 * @param penalty    null when the model declares none
 * @param train      the {@code train} block: key to value source text, in source order (empty if none)
 */
public record CheckedModel(Source source,
                           String name,
                           List<Stmt> statements,
                           List<Stmt.Const> consts,
                           List<Stmt.Decl> params,
                           List<Stmt.Decl> inputs,
                           List<Stmt.Decl> targets,
                           List<Stmt.Fn> fns,
                           List<Stmt.Assign> assignments,
                           List<Stmt.Output> outputs,
                           Expr loss,
                           Expr penalty,
                           Map<String, String> train,
                           ModelSignature signature) {

    public CheckedModel {
        statements = List.copyOf(statements);
        consts = List.copyOf(consts);
        params = List.copyOf(params);
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        fns = List.copyOf(fns);
        assignments = List.copyOf(assignments);
        outputs = List.copyOf(outputs);
        train = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(train));
    }
}
