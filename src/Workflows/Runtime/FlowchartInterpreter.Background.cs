using System.Text.Json;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Background;
using CloudpackPlus.Workflows.Expressions;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>The background (job bookmark) half of the interpreter: run detached, then apply the result in a step.</summary>
internal sealed partial class FlowchartInterpreter
{
    /// <summary>
    /// Runs a background activity outside any step: bound from the bookmark's input snapshot, with the
    /// state read when the lease was claimed, no transaction and no lock. Never throws for the
    /// activity's own failure: it comes back in the outcome, for <see cref="CompleteBackgroundAsync"/>.
    /// </summary>
    public async Task<BackgroundOutcome> ExecuteDetachedAsync(
        ExecutionPlan plan, ExecutionState state, Guid bookmarkId, string nodeId, string? snapshot, IServiceProvider services, BackgroundSession session)
    {
        var (_, descriptor) = plan.Get(nodeId);
        Activity activity;
        try
        {
            activity = BindFromSnapshot(services, descriptor, snapshot);
        }
        catch (Exception e) when (e is ExpressionException or FormatException or InvalidCastException or JsonException or OverflowException or ArgumentException)
        {
            return new BackgroundOutcome(null, null, e);
        }

        var flow = state.Flow;
        // Inside a ForEach iteration the node's attempts and activations are counted per iteration (its token).
        var token = Scopes.Token(nodeId, flow.WaitFrames?.GetValueOrDefault(bookmarkId));
        var context = new ActivityContext(state, nodeId, descriptor.TypeName, flow.Attempts.GetValueOrDefault(token) + 1, services, time, calendar,
            null, flow.ActivationKey(state.InstanceId, token), session.Token, session);
        try
        {
            return new BackgroundOutcome(activity, await activity.ExecuteAsync(context), null);
        }
        catch (Exception e)
        {
            return new BackgroundOutcome(activity, null, e);
        }
    }

    /// <summary>
    /// Applies a background activity's result inside the step that claimed its bookmark: the writes it
    /// asked to commit with it, then its outputs and outcomes (or its failure, under the retry policy),
    /// then whatever became ready.
    /// </summary>
    public async Task CompleteBackgroundAsync(StepRun run, Guid bookmarkId, string nodeId, string? snapshot,
        BackgroundOutcome outcome, IReadOnlyList<Func<IWorkflowStepScope, Task>> commitWork)
    {
        run.State.Flow.Waits.Remove(bookmarkId);
        Journal(run, JournalKinds.BookmarkResumed, nodeId, null, "job", $"{{\"bookmark\":\"{bookmarkId}\",\"kind\":\"{BookmarkKind.Job}\"}}");
        run.Frame = TakeWaitFrame(run, bookmarkId);
        var saved = EnterFrame(run);
        try
        {
            ApplyBackground(run, nodeId, snapshot, outcome, await CommitResultWorkAsync(run, outcome, commitWork));
        }
        finally
        {
            LeaveFrame(run, saved);
            run.Frame = null;
        }

        await RunAsync(run);
    }

    private async Task<Exception?> CommitResultWorkAsync(StepRun run, BackgroundOutcome outcome, IReadOnlyList<Func<IWorkflowStepScope, Task>> commitWork)
    {
        run.Effects.ActivitiesRun++;
        var error = outcome.Error;
        if (error is null && commitWork.Count > 0 && run.Resources is { } resources)
        {
            resources.BeginActivity();
            try
            {
                var scope = new ResultScope(resources, run.State.InstanceId, time.GetUtcNow());
                foreach (var work in commitWork)
                {
                    await work(scope);
                }

                await resources.CompleteActivityAsync(run.CancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !run.CancellationToken.IsCancellationRequested)
            {
                await resources.FailActivityAsync(run.CancellationToken);
                error = e;
            }
        }

        return error;
    }

    private void ApplyBackground(StepRun run, string nodeId, string? snapshot, BackgroundOutcome outcome, Exception? error)
    {
        var (_, descriptor) = run.Plan.Get(nodeId);
        if (error is not null)
        {
            // The retry re-creates the activity from the same inputs the failed attempt had.
            Fail(run, nodeId, descriptor, error, outcome.Activity is { } failed ? InputSnapshot(descriptor, failed) : snapshot);
        }
        else
        {
            Handle(run, nodeId, descriptor, outcome.Activity!, outcome.Result!);
        }
    }

    /// <summary>The result step's transaction, lent to a background activity's <see cref="ActivityContext.CommitWithResult"/> work.</summary>
    private sealed class ResultScope(StepResources resources, Guid instanceId, DateTimeOffset now) : IWorkflowStepScope
    {
        public Guid InstanceId => instanceId;

        public DateTimeOffset Now => now;

        public TContext GetDbContext<TContext>() where TContext : Microsoft.EntityFrameworkCore.DbContext => resources.GetDbContext<TContext>();
    }
}

/// <summary>What a detached background execution produced: the activity (outputs), its result, or its failure.</summary>
internal sealed record BackgroundOutcome(Activity? Activity, ActivityResult? Result, Exception? Error);
