using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>
/// CallWorkflow's effects inside a step: start the child (same transaction as the parent's wait), tell the
/// parent when the child ends (outbox: the parent's bookmark becomes due with the child's result and a job
/// resumes it), and cancel running children when the parent is cancelled or ends.
/// </summary>
internal static class ChildWorkflows
{
    /// <summary>Children started in one step at most (a workflow that calls itself stops here).</summary>
    public const int MaxPerStep = 50;

    public static async Task StartAsync(StepExecutor.Step step, FlowchartInterpreter interpreter, WorkflowInstance parent, Guid bookmarkId, ChildWorkflowRequest request)
    {
        if (++step.ChildrenStarted > MaxPerStep)
        {
            await ResumeParentAsync(step, new ParentLink(parent.Id, bookmarkId), Result(request.ChildId, request.DefinitionId, request.Version,
                InstanceStatus.Faulted, new Dictionary<string, object?> { ["error"] = $"more than {MaxPerStep} child workflows in one step" }));
            return;
        }

        var child = new WorkflowInstance
        {
            Id = request.ChildId, DefinitionVersionId = request.VersionId, DefinitionId = request.DefinitionId, Version = request.Version,
            Status = InstanceStatus.Running, CreatedAt = step.Now, UpdatedAt = step.Now, StartedBy = $"workflow:{parent.Id}", Input = request.InputJson,
        };
        step.Db.Instances.Add(child);
        var run = await step.LoadAsync(child);
        foreach (var variable in run.Plan.Graph.Variables)
        {
            run.State.Variables[variable.Name] = variable.Default is { } d ? PlainValues.FromJson(d) : null;
        }

        foreach (var (key, value) in run.State.Input)
        {
            run.State.Variables[key] = value;
        }

        run.State.Flow.Parent = new ParentLink(parent.Id, bookmarkId);
        run.State.Flow.Queue.Add(run.Plan.StartNodeId);
        step.Journal(run, JournalKinds.InstanceStarted, null, child.StartedBy, PlainValues.ToJson(new Dictionary<string, object?>
        {
            ["parent"] = parent.Id.ToString(), ["version"] = (long)request.Version,
        }));
        await interpreter.RunAsync(run);
        await step.ApplyAsync(child, run);
    }

    /// <summary>The child ended: its result goes into the parent's bookmark, which becomes due; the job (or the sweeper) resumes the parent.</summary>
    public static Task NotifyParentAsync(StepExecutor.Step step, WorkflowInstance child, StepRun run) =>
        ResumeParentAsync(step, run.State.Flow.Parent!, Result(child.Id, child.DefinitionId, child.Version, child.Status, run.State.Variables));

    private static Dictionary<string, object?> Result(Guid id, string definitionId, int version, InstanceStatus status, Dictionary<string, object?> variables) => new()
    {
        ["instanceId"] = id.ToString(), ["definitionId"] = definitionId, ["version"] = (long)version,
        ["status"] = status.ToString(), ["variables"] = variables,
    };

    private static async Task ResumeParentAsync(StepExecutor.Step step, ParentLink parent, Dictionary<string, object?> result)
    {
        var payload = PlainValues.ToJson(result);
        var now = step.Now;
        if (step.Db.Bookmarks.Local.FirstOrDefault(b => b.Id == parent.BookmarkId) is { } added)
        {
            // The parent's wait was created in this very step (the child ended in its first step).
            var entry = step.Db.Entry(added);
            entry.Property(b => b.Payload).CurrentValue = payload;
            entry.Property(b => b.DueAt).CurrentValue = now;
        }
        else
        {
            await step.Db.Bookmarks.Where(b => b.Id == parent.BookmarkId && b.ResumedAt == null && b.CancelledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Payload, payload).SetProperty(b => b.DueAt, now).SetProperty(b => b.DispatchedAt, (DateTimeOffset?)null),
                    step.CancellationToken);
        }

        step.ToDispatch.Add((parent.BookmarkId, now));
    }

    /// <summary>The parent was cancelled or ended: each running child is cancelled in the same step (and so on down).</summary>
    public static async Task CancelChildrenAsync(StepExecutor.Step step, FlowState parentFlow, string actor)
    {
        var children = parentFlow.Children!.Values.ToList();
        parentFlow.Children = null;
        foreach (var childId in children)
        {
            var child = await step.LockInstanceAsync(childId);
            if (child is null || child.Status is InstanceStatus.Finished or InstanceStatus.Cancelled)
            {
                continue;
            }

            var run = await step.LoadAsync(child);
            await step.CancelOpenWaitsAsync(childId, step.Now);
            await step.Db.Incidents.Where(i => i.InstanceId == childId && i.ResolvedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ResolvedAt, step.Now).SetProperty(i => i.Resolution, "cancelled").SetProperty(i => i.ResolvedBy, actor), step.CancellationToken);
            run.State.Flow.Waits.Clear();
            run.State.Flow.Queue.Clear();
            run.State.Flow.Parent = null; // the parent is ending: nothing to tell it
            step.Journal(run, JournalKinds.InstanceCancelled, null, actor, "{\"reason\":\"parent workflow ended\"}");
            run.Effects.Cancelled = true;
            await step.ApplyAsync(child, run);
        }
    }
}
