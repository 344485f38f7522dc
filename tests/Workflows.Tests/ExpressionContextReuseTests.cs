using CloudpackPlus.Workflows.Expressions;
using CloudpackPlus.Workflows.Runtime;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>The evaluator reuses one Scriban context per thread: nothing one evaluation does may reach the next.</summary>
public sealed class ExpressionContextReuseTests
{
    private readonly ExpressionEvaluator _evaluator = new();

    private static ExecutionState State(long n) => new() { Variables = { ["n"] = n } };

    [Fact]
    public void AssignmentInOneExpression_IsNotVisibleToTheNext()
    {
        _evaluator.Evaluate("leaked = 42", State(1));

        var next = _evaluator.Evaluate("leaked == null", State(1));

        Assert.Equal(true, next);
    }

    [Fact]
    public void Builtins_CannotBeChangedByAnExpression()
    {
        Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("string.upcase = 1", State(1)));

        var after = _evaluator.Evaluate("string.upcase 'ok'", State(1));

        Assert.Equal("OK", after);
    }

    [Fact]
    public void EachEvaluation_SeesItsOwnInstanceVariables_AndTemplatesDoNotAccumulateOutput()
    {
        var first = _evaluator.Render("n={{ variables.n }}", State(1));
        _evaluator.Evaluate("'printed by a code expression'", State(2));
        var second = _evaluator.Render("n={{ variables.n }}", State(2));

        Assert.Equal(("n=1", "n=2"), (first, second));
    }

    [Fact]
    public void FailedEvaluation_LeavesTheNextOneWorking()
    {
        Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("for i in 1..100000; end", State(1)));

        Assert.Equal(4L, _evaluator.Evaluate("variables.n + 1", State(3)));
    }
}
