using System.Collections;
using CloudpackPlus.Workflows.Expressions;

namespace CloudpackPlus.Workflows.Activities.Builtin;

/// <summary>
/// Chooses outcomes by case: each case has a <c>name</c> (its outcome) and a <c>condition</c>
/// (<c>{"expr": "..."}</c> or a boolean literal). Mode <c>first</c> (default) follows the first case whose
/// condition holds; <c>all</c> follows every case that holds. No case holds: outcome <c>Default</c>.
/// </summary>
[Activity("Switch", DisplayNameJa = "条件分岐（複数）", DisplayNameEn = "Switch", Category = "Flow",
    Description = "Follows the outcome of the first (or every) case whose condition holds, else Default.", Outcomes = [DefaultOutcomeName])]
public sealed class Switch(ExpressionEvaluator expressions) : Activity
{
    /// <summary>The outcome when no case holds.</summary>
    public const string DefaultOutcomeName = "Default";

    /// <summary>Cases: <c>[{"name": "big", "condition": {"expr": "variables.amount &gt; 100"}}, …]</c>; conditions are evaluated in order.</summary>
    [Input(Description = "Cases (name + condition expression), in order", Required = true)]
    public object? Cases { get; set; }

    /// <summary><c>first</c> (default) or <c>all</c>.</summary>
    [Input(Description = "first (first matching case) or all (every matching case)")]
    public string? Mode { get; set; }

    /// <summary>The outcomes taken.</summary>
    [Output(Description = "Matched cases")]
    public IReadOnlyList<string> Matched { get; set; } = [];

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var all = string.Equals(Mode, "all", StringComparison.OrdinalIgnoreCase);
        var matched = new List<string>();
        foreach (var (name, condition) in Read(Cases))
        {
            var holds = condition switch
            {
                bool b => b,
                IDictionary<string, object?> d when d.TryGetValue("expr", out var e) && e is string code => expressions.Evaluate(code, context.State) is true,
                _ => throw new InvalidOperationException($"Switch case '{name}': the condition must be a boolean or {{\"expr\": \"...\"}}."),
            };
            if (holds)
            {
                matched.Add(name);
                if (!all)
                {
                    break;
                }
            }
        }

        Matched = matched;
        return ValueTask.FromResult(matched.Count == 0 ? ActivityResult.Outcome(DefaultOutcomeName) : ActivityResult.Outcome([.. matched]));
    }

    /// <summary>The cases of a <c>cases</c> value in order; throws <see cref="InvalidOperationException"/> when malformed.</summary>
    internal static IEnumerable<(string Name, object? Condition)> Read(object? cases)
    {
        if (cases is not IEnumerable list || cases is string || cases is IDictionary)
        {
            throw new InvalidOperationException("Switch cases must be a list of {name, condition}.");
        }

        foreach (var item in list)
        {
            if (item is not IDictionary<string, object?> d || !d.TryGetValue("name", out var n) || n is not string { Length: > 0 } name)
            {
                throw new InvalidOperationException("Every Switch case needs a name.");
            }

            yield return (name, d.TryGetValue("condition", out var condition) ? condition : null);
        }
    }
}
