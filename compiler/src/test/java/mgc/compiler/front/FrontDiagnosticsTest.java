package mgc.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed model gets exactly the diagnostics written here: position, message, the source
 * line, the caret under the span and the hint. One case per kind of mistake a model author makes.
 */
class FrontDiagnosticsTest {

    record Case(String name, String source, String expected) {
        @Override public String toString() { return name; }
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedModelGetsExactDiagnostics(Case c) {
        CompileError e = assertThrows(CompileError.class, () -> FrontEnd.check(new Source("m.mg", c.source())));
        assertEquals(c.expected(), e.render());
    }

    private static final List<Case> CASES = List.of(
            new Case("syntax_missing_paren", """
            model m
            input x[2]
            target y
            param W[2, 2] = 0
            h = tanh(W @ x
            loss = sum(h) - y
            """, """
            m.mg:6:1: error: expected ',' or ')' but found 'loss'
             6 | loss = sum(h) - y
               | ^~~~
            """),
            new Case("syntax_doubled_operator", """
            model m
            input x[2]
            target y
            param W[2, 2] = 0
            h = W @ @ x
            loss = sum(h) - y
            """, """
            m.mg:5:9: error: expected an expression but found '@'
             5 | h = W @ @ x
               |         ^
            """),
            new Case("syntax_unexpected_character", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w $ y
            """, """
            m.mg:5:10: error: unexpected character '$'
             5 | loss = w $ y
               |          ^
            """),
            new Case("syntax_unterminated_string", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * y
            train {
              data = csv("moons.csv)
            }
            """, """
            m.mg:7:14: error: unterminated string
             7 |   data = csv("moons.csv)
               |              ^
            """),
            new Case("syntax_missing_equals", """
            model m
            input x[2]
            target y
            param w = 0
            loss (w - y)^2
            """, """
            m.mg:5:6: error: expected '=' but found '('
             5 | loss (w - y)^2
               |      ^
            """),
            new Case("syntax_several_errors", """
            model m
            input x[2]
            target y
            param w = 0
            a = w +* 2
            b = ) 3
            loss = w
            """, """
            m.mg:5:8: error: expected an expression but found '*'
             5 | a = w +* 2
               |        ^
            m.mg:6:5: error: expected an expression but found ')'
             6 | b = ) 3
               |     ^
            """),
            new Case("syntax_unexpected_end", """
            model m
            input x[2]
            target y
            param w = 0
            loss = (w - y
            """, """
            m.mg:6:1: error: expected ')' but found end of file
             6 |
               | ^
            """),
            new Case("syntax_keyword_as_name", """
            model m
            input x[2]
            target y
            param loss = 0
            """, """
            m.mg:4:7: error: expected a name but found 'loss'
             4 | param loss = 0
               |       ^~~~
            """),
            new Case("syntax_missing_operator", """
            model m
            input x[2]
            target y
            param w = 0
            loss = (w y)
            """, """
            m.mg:5:11: error: expected ')' but found 'y'
             5 | loss = (w y)
               |           ^
            """),
            new Case("syntax_comma_in_parentheses", """
            model m
            input x[2]
            target y
            param w = 0
            loss = (w, y)
            """, """
            m.mg:5:10: error: expected ')' or an operator but found ','
             5 | loss = (w, y)
               |          ^
            """),
            new Case("syntax_missing_train_value", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * y
            train {
              steps = ,
            }
            """, """
            m.mg:7:11: error: expected a value but found ','
             7 |   steps = ,
               |           ^
            """),
            new Case("unknown_name_did_you_mean", """
            model m
            input x[2]
            target y
            param W1[2, 2] ~ uniform(-1, 1)
            h = W3 @ x
            loss = sum(h) - y
            """, """
            m.mg:5:5: error: unknown name `W3`
             5 | h = W3 @ x
               |     ^~
            hint: did you mean `W1`?
            """),
            new Case("unknown_name_no_hint", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * zebra
            """, """
            m.mg:5:12: error: unknown name `zebra`
             5 | loss = w * zebra
               |            ^~~~~
            """),
            new Case("unknown_function", """
            model m
            input x[2]
            target y
            param w[2] = 0
            loss = sum(tahn(w * x)) - y
            """, """
            m.mg:5:12: error: unknown function `tahn`
             5 | loss = sum(tahn(w * x)) - y
               |            ^~~~
            hint: did you mean `tanh`?
            """),
            new Case("duplicate_name", """
            model m
            input x[2]
            target y
            param w = 0
            param w = 1
            loss = w * y
            """, """
            m.mg:5:7: error: `w` is already defined
             5 | param w = 1
               |       ^
            hint: first defined at line 4
            """),
            new Case("duplicate_loss", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * y
            loss = w - y
            """, """
            m.mg:6:1: error: `loss` is already defined
             6 | loss = w - y
               | ^~~~
            hint: first defined at line 5
            """),
            new Case("use_before_definition", """
            model m
            input x[2]
            target y
            param w = 0
            a = b + 1
            b = w * y
            loss = a
            """, """
            m.mg:5:5: error: `b` is used before its definition
             5 | a = b + 1
               |     ^
            hint: `b` is defined at line 6; move this use below it
            """),
            new Case("used_in_own_definition", """
            model m
            input x[2]
            target y
            param w = 0
            h = h + w
            loss = h
            """, """
            m.mg:5:5: error: `h` is used in its own definition
             5 | h = h + w
               |     ^
            """),
            new Case("shape_mismatch", """
            model m
            input x[2]
            target y
            param w[3] = 0
            h = x + w
            loss = sum(h) - y
            """, """
            m.mg:5:5: error: shapes [2] and [3] do not match for `+`
             5 | h = x + w
               |     ^~~~~
            hint: elementwise operations need equal shapes, or a scalar on one side
            """),
            new Case("matmul_inner_mismatch", """
            model m
            input x[2]
            target y
            param W[16, 3] ~ uniform(-1, 1)
            h = W @ x
            loss = sum(h) - y
            """, """
            m.mg:5:5: error: cannot multiply [16, 3] @ [2]: inner dimensions 3 and 2 differ
             5 | h = W @ x
               |     ^~~~~
            """),
            new Case("matmul_two_vectors", """
            model m
            input x[2]
            target y
            param w[2] = 0
            loss = w @ x - y
            """, """
            m.mg:5:8: error: `@` needs a matrix on at least one side, but got [2] @ [2]
             5 | loss = w @ x - y
               |        ^~~~~
            hint: use `dot(a, b)` for the dot product of two vectors
            """),
            new Case("index_out_of_bounds", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * x[2] - y
            """, """
            m.mg:5:14: error: index 2 is out of bounds for dimension 0 of size 2
             5 | loss = w * x[2] - y
               |              ^
            hint: indices start at 0; the last is 1
            """),
            new Case("too_many_indices", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * x[0, 1] - y
            """, """
            m.mg:5:12: error: too many indices: 2 for a tensor of shape [2]
             5 | loss = w * x[0, 1] - y
               |            ^~~~~~~
            """),
            new Case("index_not_integer", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * x[0.5] - y
            """, """
            m.mg:5:14: error: an index must be an integer, but this is 0.5
             5 | loss = w * x[0.5] - y
               |              ^~~
            """),
            new Case("fn_wrong_arity", """
            model m
            input x[2]
            target y
            param w = 0
            fn sq(a) = a * a
            loss = sq(w, y)
            """, """
            m.mg:6:8: error: `sq` takes 1 argument but 2 were given
             6 | loss = sq(w, y)
               |        ^~~~~~~~
            hint: `sq` is defined at line 5
            """),
            new Case("fn_argument_shape", """
            model m
            input x[2]
            target y
            param w[3] = 0
            fn norm2(v[2]) = dot(v, v)
            loss = norm2(w) - y
            """, """
            m.mg:6:14: error: argument 1 of `norm2` has shape [3] but parameter `v` is declared [2]
             6 | loss = norm2(w) - y
               |              ^
            """),
            new Case("fn_body_uses_model_tensor", """
            model m
            input x[2]
            target y
            param w = 0
            fn f(a) = a * w
            loss = f(y)
            """, """
            m.mg:5:15: error: the body of `f` cannot use param `w`
             5 | fn f(a) = a * w
               |               ^
            hint: a function sees only its parameters and consts; pass `w` as an argument
            """),
            new Case("fn_recursive", """
            model m
            input x[2]
            target y
            param w = 0
            fn f(a) = f(a) + 1
            loss = f(w) - y
            """, """
            m.mg:5:11: error: `f` is used in its own definition
             5 | fn f(a) = f(a) + 1
               |           ^
            hint: functions cannot call themselves
            """),
            new Case("builtin_arity", """
            model m
            input x[2]
            target y
            param w = 0
            loss = tanh(w, y)
            """, """
            m.mg:5:8: error: `tanh` takes 1 argument but 2 were given
             5 | loss = tanh(w, y)
               |        ^~~~~~~~~~
            """),
            new Case("unknown_initialiser", """
            model m
            input x[2]
            target y
            param w[2] ~ unifrom(-1, 1)
            loss = dot(w, x) - y
            """, """
            m.mg:4:14: error: unknown initialiser `unifrom`
             4 | param w[2] ~ unifrom(-1, 1)
               |              ^~~~~~~
            hint: did you mean `uniform`?
            """),
            new Case("initialiser_arity", """
            model m
            input x[2]
            target y
            param w[2] ~ uniform(1)
            loss = dot(w, x) - y
            """, """
            m.mg:4:12: error: `uniform` takes 2 arguments but 1 was given
             4 | param w[2] ~ uniform(1)
               |            ^~~~~~~~~~~~
            hint: write `~ uniform(lo, hi)`
            """),
            new Case("uniform_bounds", """
            model m
            input x[2]
            target y
            param w[2] ~ uniform(1, -1)
            loss = dot(w, x) - y
            """, """
            m.mg:4:12: error: `uniform(lo, hi)` needs lo < hi, but got uniform(1, -1)
             4 | param w[2] ~ uniform(1, -1)
               |            ^~~~~~~~~~~~~~~~
            """),
            new Case("initialiser_shape", """
            model m
            input x[2]
            target y
            param w[3] = [1, 2]
            loss = sum(w) - y
            """, """
            m.mg:4:14: error: initial value has shape [2] but `w` is declared [3]
             4 | param w[3] = [1, 2]
               |              ^~~~~~
            """),
            new Case("initialiser_not_constant", """
            model m
            input x[2]
            target y
            param w[2] = x
            loss = dot(w, x) - y
            """, """
            m.mg:4:14: error: an initial value must be a constant, but input `x` is not
             4 | param w[2] = x
               |              ^
            hint: only numbers, consts and arithmetic on them are constant
            """),
            new Case("xavier_on_vector", """
            model m
            input x[2]
            target y
            param w[2] ~ xavier
            loss = dot(w, x) - y
            """, """
            m.mg:4:14: error: `xavier` needs a matrix (it scales by fan-in and fan-out), but `w` has shape [2]
             4 | param w[2] ~ xavier
               |              ^~~~~~
            hint: initialise vectors and scalars with `= 0` or `~ uniform(lo, hi)`
            """),
            new Case("input_with_initialiser", """
            model m
            input x[2] = 0
            target y
            param w[2] = 0
            loss = dot(w, x) - y
            """, """
            m.mg:2:12: error: an input cannot have an initialiser
             2 | input x[2] = 0
               |            ^~~
            hint: only params are initialised; inputs and targets are fed per example
            """),
            new Case("param_without_initialiser", """
            model m
            input x[2]
            target y
            param w[2]
            loss = dot(w, x) - y
            """, """
            m.mg:4:7: error: param `w` has no initialiser
             4 | param w[2]
               |       ^
            hint: write e.g. `param w = 0` or `param w ~ uniform(-1, 1)`
            """),
            new Case("penalty_uses_input", """
            model m
            input x[2]
            target y
            param w[2] = 0
            h = w * x
            loss = sum(h) - y
            penalty = sum(h^2)
            """, """
            m.mg:7:15: error: `penalty` must depend on params only, but `h` depends on input `x`
             7 | penalty = sum(h^2)
               |               ^
            hint: the penalty is computed once per batch; per-example terms belong in `loss`
            """),
            new Case("penalty_uses_target", """
            model m
            input x[2]
            target y
            param w[2] = 0
            loss = dot(w, x) - y
            penalty = y * sum(w^2)
            """, """
            m.mg:6:11: error: `penalty` must depend on params only, but it uses target `y`
             6 | penalty = y * sum(w^2)
               |           ^
            hint: the penalty is computed once per batch; per-example terms belong in `loss`
            """),
            new Case("loss_not_scalar", """
            model m
            input x[2]
            target y
            param w[2] = 0
            loss = w * x - y
            """, """
            m.mg:5:8: error: `loss` must be a scalar, but this has shape [2]
             5 | loss = w * x - y
               |        ^~~~~~~~~
            hint: reduce it with `sum(...)` or `mean(...)`
            """),
            new Case("unused_param", """
            model m
            input x[2]
            target y
            param w[2] = 0
            param v = 0
            loss = dot(w, x) - y
            """, """
            m.mg:5:7: error: param `v` is not used by `loss` or `penalty`
             5 | param v = 0
               |       ^
            hint: remove it, or use it in the model
            """),
            new Case("param_only_in_output", """
            model m
            input x[2]
            target y
            param w[2] = 0
            param v = 0
            o = v * dot(w, x)
            output o
            loss = dot(w, x) - y
            """, """
            m.mg:5:7: error: param `v` is not used by `loss` or `penalty`
             5 | param v = 0
               |       ^
            hint: it only affects outputs, so training would never change it
            """),
            new Case("comparison_outside_where", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * (y > 0)
            """, """
            m.mg:5:13: error: comparison `>` can only be the condition of `where(cond, a, b)`
             5 | loss = w * (y > 0)
               |             ^~~~~
            hint: write e.g. `where(x > 0, x, 0)`
            """),
            new Case("where_condition_not_comparison", """
            model m
            input x[2]
            target y
            param w = 0
            loss = where(y, w, 0)
            """, """
            m.mg:5:14: error: the condition of `where` must be a comparison
             5 | loss = where(y, w, 0)
               |              ^
            hint: write e.g. `where(x > 0, x, 0)`
            """),
            new Case("unknown_train_key", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * y
            train {
              stpes = 100
            }
            """, """
            m.mg:7:3: error: unknown train setting `stpes`
             7 |   stpes = 100
               |   ^~~~~
            hint: did you mean `steps`?
            """),
            new Case("duplicate_train_key", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * y
            train {
              steps = 100
              steps = 200
            }
            """, """
            m.mg:8:3: error: train setting `steps` is already set
             8 |   steps = 200
               |   ^~~~~
            hint: first set at line 7
            """),
            new Case("bad_train_values", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * y
            train {
              optimizer = sgd(rate = 0.1)
              steps = 100
              epochs = 3
              batch = -5
              data = moons(n = 0)
            }
            """, """
            m.mg:7:15: error: optimizer `sgd(rate = 0.1)`: sgd has no parameter `rate`; it takes lr
             7 |   optimizer = sgd(rate = 0.1)
               |               ^~~~~~~~~~~~~~~
            m.mg:9:3: error: give `steps` or `epochs`, not both
             9 |   epochs = 3
               |   ^~~~~~
            hint: a run is measured in one of them
            m.mg:10:11: error: `batch` must be at least 1, not -5
             10 |   batch = -5
                |           ^~
            m.mg:11:10: error: data `moons(n = 0)`: `n` must be at least 1, not 0
             11 |   data = moons(n = 0)
                |          ^~~~~~~~~~~~
            """),
            new Case("bad_learning_rate", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * y
            train {
              optimizer = adam(lr = 0.01)
              lr = -0.5
              lr = -0.5
            }
            """, """
            m.mg:8:8: error: optimizer `adam(lr = -0.5)`: the learning rate must be positive, not -0.5
             8 |   lr = -0.5
               |        ^~~~
            m.mg:9:3: error: train setting `lr` is already set
             9 |   lr = -0.5
               |   ^~
            hint: first set at line 8
            """),
            new Case("dimension_not_integer", """
            model m
            input x[2]
            target y
            param w[2.5] = 0
            loss = sum(w) - y
            """, """
            m.mg:4:9: error: a dimension must be a positive integer, but this is 2.5
             4 | param w[2.5] = 0
               |         ^~~
            """),
            new Case("dimension_not_constant", """
            model m
            input x[2]
            target y
            param w[y] = 0
            loss = sum(w) - y
            """, """
            m.mg:4:9: error: a dimension must be a constant, but target `y` is not
             4 | param w[y] = 0
               |         ^
            hint: only numbers, consts and arithmetic on them are constant
            """),
            new Case("const_unknown_did_you_mean", """
            model m
            const HIDDEN = 16
            input x[HIDEN]
            target y
            param w = 0
            loss = w * y
            """, """
            m.mg:3:9: error: unknown name `HIDEN`
             3 | input x[HIDEN]
               |         ^~~~~
            hint: did you mean `HIDDEN`?
            """),
            new Case("missing_loss", """
            model m
            input x[2]
            target y
            param w = 0
            h = w * y
            """, """
            m.mg: error: the model has no `loss`
            hint: add a statement such as `loss = (score - y)^2`
            """),
            new Case("builtin_name_redefined", """
            model m
            input x[2]
            target y
            param w = 0
            sum = w * y
            loss = sum
            """, """
            m.mg:5:1: error: `sum` is the name of a built-in function
             5 | sum = w * y
               | ^~~
            hint: choose another name
            m.mg:6:8: error: `sum` is a built-in function
             6 | loss = sum
               |        ^~~
            hint: call it: `sum(...)`
            """),
            new Case("softmax_of_matrix", """
            model m
            input x[2]
            target y
            param W[2, 2] = 0
            loss = sum(softmax(W)) - y
            """, """
            m.mg:5:20: error: `softmax` needs a vector, but its argument has shape [2, 2]
             5 | loss = sum(softmax(W)) - y
               |                    ^
            """),
            new Case("dot_length_mismatch", """
            model m
            input x[2]
            target y
            param w[3] = 0
            loss = dot(w, x) - y
            """, """
            m.mg:5:8: error: `dot` needs two vectors of one length, but got [3] and [2]
             5 | loss = dot(w, x) - y
               |        ^~~~~~~~~
            """),
            new Case("unknown_output", """
            model m
            input x[2]
            target y
            param w = 0
            loss = w * y
            output scroe
            score = w
            """, """
            m.mg:6:8: error: unknown name `scroe`
             6 | output scroe
               |        ^~~~~
            hint: did you mean `score`?
            """),
            new Case("several_semantic_errors", """
            model m
            input x[2]
            target y
            param W1[4, 2] ~ uniform(-1, 1)
            h = W2 @ x
            g = W1 @ y
            loss = sum(W1 + x) - y
            penalty = sum(W1) * x[0]
            """, """
            m.mg:5:5: error: unknown name `W2`
             5 | h = W2 @ x
               |     ^~
            hint: did you mean `W1`?
            m.mg:6:5: error: `@` needs vectors or matrices, but got [4, 2] @ []
             6 | g = W1 @ y
               |     ^~~~~~
            hint: use `*` to scale by a scalar
            m.mg:7:12: error: shapes [4, 2] and [2] do not match for `+`
             7 | loss = sum(W1 + x) - y
               |            ^~~~~~
            hint: elementwise operations need equal shapes, or a scalar on one side
            m.mg:8:21: error: `penalty` must depend on params only, but it uses input `x`
             8 | penalty = sum(W1) * x[0]
               |                     ^
            hint: the penalty is computed once per batch; per-example terms belong in `loss`
            """));
}
