using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Workflows.Background;

/// <summary>
/// Runs a background activity for its job bookmark in three parts: (1) a short statement claims a
/// lease on the bookmark; (2) the activity executes with no transaction and no instance lock open,
/// while a keeper extends the lease, writes progress and cancels the activity's token when its result
/// can no longer be applied; (3) a short step locks the instance, re-checks that the bookmark is open
/// and the lease still ours, and applies the result through the interpreter, or discards and journals it.
/// </summary>
internal sealed partial class BackgroundActivityRunner(
    StepExecutor executor, LeaseStore leases, PlanCache plans, IServiceScopeFactory scopes, IServiceProvider root,
    TimeProvider time, IOptions<WorkflowOptions> options, ILogger<BackgroundActivityRunner> logger)
{
    /// <summary>Who holds the leases this process claims.</summary>
    public static readonly string Owner = $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task<string> RunAsync(Guid bookmarkId)
    {
        var settings = options.Value;
        var claim = await leases.ClaimAsync(bookmarkId, Owner, time.GetUtcNow(), settings.LeaseDuration, CancellationToken.None);
        if (claim is null)
        {
            return "not claimed: the job is done, cancelled or not due, its instance is not active, or a live worker holds its lease";
        }

        if (claim.LeaseCount > 1)
        {
            LogTakeover(claim.BookmarkId, claim.LeaseCount);
        }

        var hostStopping = root.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var session = new BackgroundSession(hostStopping);
        using var stopKeeper = new CancellationTokenSource();
        var keeper = KeepLeaseAsync(claim, session, stopKeeper.Token);
        BackgroundOutcome outcome;
        string activityType;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var plan = await plans.GetAsync(claim.DefinitionVersionId, scope.ServiceProvider.GetRequiredService<WorkflowDbContext>(), CancellationToken.None);
            activityType = plan.Get(claim.NodeId).Node.Type;
            var state = new ExecutionState
            {
                InstanceId = claim.InstanceId, CorrelationId = claim.CorrelationId, Input = PlainValues.ParseObject(claim.Input),
                Variables = PlainValues.ParseObject(claim.Variables), Flow = FlowState.Parse(claim.State),
            };
            outcome = await executor.Interpreter.ExecuteDetachedAsync(plan, state, claim.BookmarkId, claim.NodeId, claim.Snapshot, scope.ServiceProvider, session);
        }
        finally
        {
            await stopKeeper.CancelAsync();
            await keeper;
        }

        if (hostStopping.IsCancellationRequested && session.LostReason is null)
        {
            // Not the activity's failure: give the lease up so another worker takes it over at once.
            await leases.ReleaseAsync(claim, time.GetUtcNow());
            return "host stopping: lease released for another worker";
        }

        return await CommitAsync(claim, activityType, session, outcome);
    }

    private Task<string> CommitAsync(LeaseClaim claim, string activityType, BackgroundSession session, BackgroundOutcome outcome) =>
        executor.InStepAsync(async step =>
        {
            var instance = await step.LockInstanceAsync(claim.InstanceId);
            if (instance is null)
            {
                step.Rollback();
                return "result discarded: the instance is gone";
            }

            var progress = session.LastProgress();
            var accepted = instance.Status is InstanceStatus.Running or InstanceStatus.Suspended && await step.Db.Bookmarks
                .Where(b => b.Id == claim.BookmarkId && b.ResumedAt == null && b.CancelledAt == null && b.LeaseToken == claim.Token)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ResumedAt, step.Now).SetProperty(b => b.ResumedBy, "job")
                    .SetProperty(b => b.Progress, b => progress ?? b.Progress), step.CancellationToken) == 1;
            if (!accepted)
            {
                var reason = await DiscardReasonAsync(step, instance, claim);
                await step.AppendJournalAsync(instance, JournalKinds.ActivityResultDiscarded, claim.NodeId, activityType, PlainValues.ToJson(new Dictionary<string, object?>
                {
                    ["bookmark"] = claim.BookmarkId.ToString(), ["reason"] = reason, ["owner"] = Owner, ["lease"] = (long)claim.LeaseCount,
                    ["result"] = outcome.Error is { } e ? $"failed: {e.GetType().Name}: {e.Message}" : "completed",
                }));
                LogDiscarded(claim.BookmarkId, reason);
                return $"result discarded: {reason}";
            }

            var run = await step.LoadAsync(instance);
            await executor.Interpreter.CompleteBackgroundAsync(run, claim.BookmarkId, claim.NodeId, claim.Snapshot, outcome, session.CommitWork);
            await step.ApplyAsync(instance, run);
            return "result applied";
        }, CancellationToken.None);

    private static async Task<string> DiscardReasonAsync(StepExecutor.Step step, WorkflowInstance instance, LeaseClaim claim)
    {
        var now = await step.Db.Bookmarks.AsNoTracking().Where(b => b.Id == claim.BookmarkId)
            .Select(b => new { b.ResumedAt, b.CancelledAt, b.LeaseToken }).SingleAsync(step.CancellationToken);
        var status = instance.Status.ToString().ToLowerInvariant();
        return now.LeaseToken != claim.Token ? $"lease taken over by another worker{(now.ResumedAt is not null ? ", whose result was applied" : "")}"
            : now.CancelledAt is not null ? $"wait cancelled (instance {status})"
            : $"instance {status}";
    }

    /// <summary>
    /// Every <see cref="WorkflowOptions.LeaseCheckInterval"/>: checks that the result can still be
    /// applied (else cancels the activity's token), writes new progress, and every
    /// <see cref="WorkflowOptions.HeartbeatInterval"/> extends the lease.
    /// </summary>
    private async Task KeepLeaseAsync(LeaseClaim claim, BackgroundSession session, CancellationToken stop)
    {
        var settings = options.Value;
        var lastBeat = time.GetUtcNow();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.LeaseCheckInterval, time, stop);
                var now = time.GetUtcNow();
                var beat = now - lastBeat >= settings.HeartbeatInterval;
                if (!await leases.CheckAsync(claim, now, beat ? now + settings.LeaseDuration : null, session.TakeProgress(), stop))
                {
                    session.Lose("lease lost: the instance was cancelled or ended, or another worker took the activity over");
                    return;
                }

                lastBeat = beat ? now : lastBeat;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                // The lease may expire meanwhile; then the result step discards this result.
                LogKeeperFailed(e, claim.BookmarkId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Background job {BookmarkId}: lease claimed again (claim {LeaseCount}); the previous worker's lease had expired")]
    private partial void LogTakeover(Guid bookmarkId, int leaseCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background job {BookmarkId}: result discarded ({Reason})")]
    private partial void LogDiscarded(Guid bookmarkId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background job {BookmarkId}: lease check failed; retrying at the next tick")]
    private partial void LogKeeperFailed(Exception e, Guid bookmarkId);
}
