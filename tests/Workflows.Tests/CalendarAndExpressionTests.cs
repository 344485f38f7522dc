using CloudpackPlus.Workflows.Calendar;
using CloudpackPlus.Workflows.Expressions;
using CloudpackPlus.Workflows.Runtime;

namespace CloudpackPlus.Workflows.Tests;

public sealed class CalendarAndExpressionTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public void BusinessDays_SkipTheWeekend_InTokyoTime()
    {
        var fridayEvening = new DateTimeOffset(2026, 5, 15, 18, 0, 0, Jst);
        var calendar = new WeekdayCalendar();

        Assert.Equal(new DateTimeOffset(2026, 5, 19, 18, 0, 0, Jst), calendar.AddBusinessDays(fridayEvening, 2));
        Assert.Equal(new DateTimeOffset(2026, 5, 18, 19, 0, 0, Jst), calendar.DueDate(fridayEvening, 1));
    }

    [Theory]
    [InlineData("for i in 1..100000; end; 1", "loop")]
    [InlineData("include 'x'", "include")]
    [InlineData("func f; ret f; end; f", "recursion")]
    public void Sandbox_StopsRunawayOrForbiddenExpressions(string expression, string what)
    {
        var evaluator = new ExpressionEvaluator();

        var error = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(expression, new ExecutionState()));

        Assert.False(string.IsNullOrEmpty(error.Message), what);
    }

    [Fact]
    public void Sandbox_LimitsOutputSize()
    {
        var evaluator = new ExpressionEvaluator { Limits = new ExpressionLimits { OutputLimit = 100 } };

        Assert.Throws<ExpressionException>(() => evaluator.Render("{{ for i in 1..200 }}xx{{ end }}", new ExecutionState()));
    }

    [Fact]
    public void Expressions_ReadVariablesOutputsAndInput()
    {
        var state = new ExecutionState { Variables = { ["amount"] = 12L }, Input = { ["company"] = "ACME" } };
        state.Outputs["review"] = new Dictionary<string, object?> { ["approved"] = true };
        var evaluator = new ExpressionEvaluator();

        Assert.Equal(true, evaluator.Evaluate("variables.amount > 10 && outputs.review.approved", state));
        Assert.Equal("ACME: 12", evaluator.Render("{{ input.company }}: {{ variables.amount }}", state));
    }
}
