using System.Collections;

namespace CloudpackPlus.Workflows.Activities.Builtin;

/// <summary>
/// Runs its body once per item of a list. Outcome <c>Iterate</c> leads into the body; the body's last
/// connection leads back to this node, which counts the iteration as done; outcome <c>Done</c> runs once
/// every iteration is back. Inside the body the item and its index are visible as
/// <c>variables.&lt;itemVariable&gt;</c> and <c>variables.&lt;indexVariable&gt;</c> (default <c>item</c>, <c>index</c>)
/// per iteration: parallel iterations each see their own. At most <c>maxParallel</c> iterations run at once
/// (1 = one after another). The runtime does the iterating; this class binds the inputs.
/// </summary>
[Activity("ForEach", DisplayNameJa = "繰り返し", DisplayNameEn = "For each", Category = "Flow",
    Description = "Runs the Iterate branch once per item (sequentially or up to maxParallel at once), then Done.", Outcomes = [IterateOutcome, ActivityResult.DefaultOutcome])]
public sealed class ForEach : Activity
{
    /// <summary>The outcome that leads into the body.</summary>
    public const string IterateOutcome = "Iterate";

    /// <summary>The list, e.g. <c>{"expr": "variables.accounts"}</c>.</summary>
    [Input(Description = "Items (list expression)", Required = true)]
    public object? Items { get; set; }

    /// <summary>Variable name the current item is visible under in the body.</summary>
    [Input(Description = "Item variable name (default item)")]
    public string? ItemVariable { get; set; }

    /// <summary>Variable name the current index is visible under in the body.</summary>
    [Input(Description = "Index variable name (default index)")]
    public string? IndexVariable { get; set; }

    /// <summary>Iterations at once (default 1: sequential).</summary>
    [Input(Description = "Iterations run at once (default 1)")]
    public int? MaxParallel { get; set; }

    /// <summary>How many items there were.</summary>
    [Output(Description = "Number of items")]
    public long Count { get; set; }

    /// <summary>The items as a list of plain values.</summary>
    internal List<object?> List { get; private set; } = [];

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        List = Items switch
        {
            null => [],
            string or IDictionary => throw new InvalidOperationException("ForEach items must be a list."),
            IEnumerable list => list.Cast<object?>().Select(Runtime.PlainValues.Normalize).ToList(),
            _ => throw new InvalidOperationException("ForEach items must be a list."),
        };
        if (MaxParallel is < 1)
        {
            throw new InvalidOperationException("ForEach maxParallel must be at least 1.");
        }

        Count = List.Count;
        return ValueTask.FromResult(ActivityResult.Outcome(IterateOutcome));
    }
}
