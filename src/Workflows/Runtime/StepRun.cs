namespace CloudpackPlus.Workflows.Runtime;

/// <summary>Everything one step works on.</summary>
internal sealed record StepRun(
    ExecutionPlan Plan, ExecutionState State, StepEffects Effects, StepResources? Resources,
    IServiceProvider Services, CancellationToken CancellationToken)
{
    /// <summary>The ForEach iteration (frame id) the node being run belongs to; null at the top level.</summary>
    public string? Frame { get; set; }

    /// <summary>The last node executed in this step (names the incident when the instance runs out of work).</summary>
    public string? LastNodeId { get; set; }

    /// <summary>Adds a journal line with the instance's next sequence number.</summary>
    public void Journal(DateTimeOffset at, string kind, string? nodeId, string? activityType, string? actor, string? data) =>
        Effects.Journal.Add(new JournalRecord(++State.Flow.JournalSeq, at, kind, nodeId, activityType, actor, data));
}
