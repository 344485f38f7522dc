namespace CloudpackPlus.Workflows.Activities.Builtin;

/// <summary>The entry point of a workflow.</summary>
[Activity("Start", DisplayNameJa = "開始", DisplayNameEn = "Start", Category = "Flow", Description = "Where the workflow begins.")]
public sealed class Start : Activity
{
    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done());
}

/// <summary>Ends the instance: it finishes and every other wait is cancelled.</summary>
[Activity("End", DisplayNameJa = "終了", DisplayNameEn = "End", Category = "Flow", Description = "Finishes the workflow; open tasks and timers are cancelled.", Outcomes = [])]
public sealed class End : Activity
{
    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.EndInstance());
}

/// <summary>Chooses the True or False branch from a condition.</summary>
[Activity("Decision", DisplayNameJa = "分岐", DisplayNameEn = "Decision", Category = "Flow",
    Description = "Follows True or False depending on a condition expression.", Outcomes = ["True", "False"])]
public sealed class Decision : Activity
{
    /// <summary>The condition, usually an expression such as <c>{"expr": "variables.amount &gt; 10"}</c>.</summary>
    [Input(Description = "Condition (expression)", Required = true, Editor = "expression")]
    public bool Condition { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Outcome(Condition ? "True" : "False"));
}

/// <summary>Starts parallel branches: every connection from Done runs.</summary>
[Activity("Fork", DisplayNameJa = "並列分岐", DisplayNameEn = "Fork", Category = "Flow",
    Description = "Runs every outgoing branch in parallel.")]
public sealed class Fork : Activity
{
    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done());
}

/// <summary>Waits until every inbound branch has arrived, then continues once.</summary>
[Activity("Join", DisplayNameJa = "合流", DisplayNameEn = "Join", Category = "Flow",
    Description = "Continues when all inbound branches have arrived.")]
public sealed class Join : Activity
{
    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done());
}

/// <summary>Sets a variable to a value or expression result.</summary>
[Activity("SetVariable", DisplayNameJa = "変数の設定", DisplayNameEn = "Set variable", Category = "Data",
    Description = "Sets a workflow variable.")]
public sealed class SetVariable : Activity
{
    /// <summary>The variable to set.</summary>
    [Input(Description = "Variable name", Required = true)]
    public string Name { get; set; } = "";

    /// <summary>The value (literal or expression).</summary>
    [Input(Description = "Value (literal or expression)")]
    public object? Value { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Variables[Name] = Runtime.PlainValues.Normalize(Value);
        return ValueTask.FromResult(ActivityResult.Done());
    }
}
