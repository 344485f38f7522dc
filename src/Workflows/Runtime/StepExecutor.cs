using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>
/// Runs one step in one transaction: instance state, bookmarks, tasks, journal, incidents and the
/// activities' domain writes commit together or not at all. Hangfire jobs for the new timers and
/// background steps are handed over after the commit; the bookmark rows are the outbox, so a crash
/// between commit and hand-over is repaired by the sweeper.
/// </summary>
internal sealed partial class StepExecutor(
    NpgsqlDataSource dataSource, IServiceScopeFactory scopes, PlanCache plans, FlowchartInterpreter interpreter,
    TimeProvider time, JobDispatcher dispatcher, IOptions<WorkflowOptions> options)
{
    public FlowchartInterpreter Interpreter => interpreter;

    public TimeProvider Time => time;

    private PlanCache Plans => plans;

    private long MaxJournalEntries => options.Value.MaxJournalEntriesPerInstance;

    /// <summary>How often a step broken by a lost database connection runs before its failure is recorded as an incident.</summary>
    internal const int OutageAttempts = 4;

    /// <summary>The pause before the second run of a step broken by an outage; it grows by this with each run.</summary>
    internal static readonly TimeSpan OutageRetryDelay = TimeSpan.FromSeconds(1);

    public Task<T> InStepAsync<T>(Func<Step, Task<T>> body, CancellationToken cancellationToken) =>
        InStepAsync(body, whenFaulted: null, cancellationToken);

    /// <summary>
    /// Runs <paramref name="body"/> as one step. When the step fails unexpectedly after it locked an existing
    /// instance and began running an activity (a broken connection, a value the database refuses, a failed
    /// commit), the transaction is rolled back and a fresh short transaction marks the instance Faulted with an
    /// incident carrying the error (<see cref="StepFailureRecorder"/>); the call then answers
    /// <paramref name="whenFaulted"/>(instance id), or throws <see cref="WorkflowStepFaultedException"/> without one.
    /// Any other failure (a start, a cancellation, the caller's own work) propagates and leaves nothing written.
    /// A step broken by a lost connection (<see cref="DatabaseOutage"/>) runs again, up to <see cref="OutageAttempts"/>
    /// times in all; if it is still failing then, the failure propagates unrecorded (the job is retried later).
    /// </summary>
    public async Task<T> InStepAsync<T>(Func<Step, Task<T>> body, Func<Guid, T>? whenFaulted, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (result, step, failure) = await TryStepAsync(body, cancellationToken);
            if (failure is null)
            {
                // Committed: the hand-over to Hangfire is outside the step (a failure there is the sweeper's to repair).
                if (step.ToDispatch.Count > 0)
                {
                    await dispatcher.DispatchAsync(step.ToDispatch, CancellationToken.None);
                }

                return result;
            }

            if (DatabaseOutage.IsOutage(failure) && attempt < OutageAttempts)
            {
                // The server went away under the step (a restart, a failover): the transaction is rolled back, so the
                // step says nothing about the instance. Run it again instead of turning a passing outage into an
                // incident (the sweeper never fires the timers of a Faulted instance). The pool's other connections
                // died with the server, so they are dropped first; while the server is still down, opening the
                // connection fails outside the step and the caller (a Hangfire job, the sweeper) retries later.
                dataSource.Clear();
                await Task.Delay(OutageRetryDelay * attempt, CancellationToken.None);
                continue;
            }

            if (DatabaseOutage.IsOutage(failure) && await StillAwayAsync(failure))
            {
                // Still away after the last attempt (a longer restart, a full disk): the step was rolled back and says
                // nothing about the instance, so it is not marked Faulted; the job fails and Hangfire's retry or the
                // sweeper's re-dispatch (Workflows:RedispatchAfter) runs it again once the database is back. A server
                // that answers again while the step keeps losing its connection (an activity that breaks it) is the
                // step's own failure: recorded below.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            var faulted = await new StepFailureRecorder(dataSource, time).RecordAsync(step.FailureTarget!, failure);
            if (faulted is null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            return whenFaulted is null ? throw new WorkflowStepFaultedException(faulted.Value, failure) : whenFaulted(faulted.Value);
        }
    }

    /// <summary>
    /// Whether the database is still unusable for the step: out of disk space (the server answers, but cannot write), or
    /// not answering a fresh connection at all.
    /// </summary>
    private async Task<bool> StillAwayAsync(Exception failure)
    {
        if (DatabaseOutage.IsDiskFull(failure))
        {
            return true;
        }

        try
        {
            dataSource.Clear();
            await using var probe = dataSource.CreateCommand("SELECT 1");
            await probe.ExecuteScalarAsync(CancellationToken.None);
            return false;
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            return true;
        }
    }

    /// <summary>One run of the step: its result when it committed (or rolled back on purpose), or the failure the step kept.</summary>
    private async Task<(T Result, Step Step, Exception? Failure)> TryStepAsync<T>(Func<Step, Task<T>> body, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        Step step;
        T result = default!;
        Exception? failure = null;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            var resources = new StepResources(connection, scope.ServiceProvider);
            step = new Step(this, resources, scope.ServiceProvider, cancellationToken);
            try
            {
                result = await body(step);
                if (step.RolledBack)
                {
                    if (resources.BegunTransaction is { } begun)
                    {
                        await begun.RollbackAsync(cancellationToken);
                    }

                    return (result, step, null);
                }

                if (step.FinalBatch is { } final)
                {
                    // The step's only write: one batch, one round trip, atomic without a transaction block (the
                    // statements up to the batch's Sync form one implicit transaction).
                    await using (final)
                    {
                        await final.ExecuteNonQueryAsync(cancellationToken);
                    }
                }
                else
                {
                    await step.SaveTrackedAsync();
                    await resources.NpgsqlTransaction.CommitAsync(cancellationToken);
                }
            }
            catch (Exception e) when (step.FailureTarget is not null && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                failure = e;
                if (resources.BegunTransaction is { } begun)
                {
                    await StepFailureRecorder.TryRollbackAsync(begun);
                }
            }
            finally
            {
                if (resources.BegunTransaction is { } begun)
                {
                    await begun.DisposeAsync();
                }
            }
        }

        return (result, step, failure);
    }
}
