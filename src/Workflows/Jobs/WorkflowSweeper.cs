using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Workflows.Jobs;

/// <summary>
/// Repairs what a crash can leave behind and enforces journal retention: bookmarks whose job was
/// never handed to Hangfire (crash between commit and dispatch), and due ones whose job vanished
/// (killed worker) are dispatched again. Only bookmarks of Running or Suspended instances count: a
/// Faulted instance waits for staff, so its open bookmarks are not polled. One host sweeps at a time:
/// a pass runs in a transaction that first takes a PostgreSQL advisory lock, and a host that does not
/// get it skips the pass.
/// </summary>
public sealed partial class WorkflowSweeper(IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkflowOptions> options, ILogger<WorkflowSweeper> logger)
    : BackgroundService
{
    /// <summary>The advisory lock key of the sweep (any bigint no other code uses; this one spells "wfsweep").</summary>
    public const long SweepLockKey = 0x7766_7377_6565_70;

    /// <summary>
    /// One pass; returns how many bookmarks were dispatched again, or -1 when another host holds the
    /// sweep lock (then this pass does nothing).
    /// </summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({SweepLockKey}) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return -1;
        }

        var now = time.GetUtcNow();
        var neverDispatchedBefore = now - TimeSpan.FromSeconds(5);
        var stale = now - options.Value.RedispatchAfter;
        var lost = await db.Bookmarks.AsNoTracking()
            .Where(b => JobDispatcher.JobBackedKinds.Contains(b.Kind) && b.ResumedAt == null && b.CancelledAt == null
                && (b.LeaseExpiresAt == null || b.LeaseExpiresAt < now) // a live lease: its worker is running it
                && ((b.DispatchedAt == null && b.CreatedAt < neverDispatchedBefore)
                    || (b.DueAt < stale && b.DispatchedAt < stale)
                    || (b.LeaseExpiresAt < now && b.DispatchedAt < b.LeaseStartedAt)) // its worker died: take it over
                && db.Instances.Any(i => i.Id == b.InstanceId && (i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Suspended)))
            .OrderBy(b => b.DueAt).Take(500).Select(b => new { b.Id, b.DueAt }).ToListAsync(cancellationToken);
        if (lost.Count > 0)
        {
            LogRedispatch(lost.Count);
            await scope.ServiceProvider.GetRequiredService<JobDispatcher>()
                .DispatchAsync(lost.Select(b => (b.Id, b.DueAt)).ToList(), cancellationToken);
        }

        var cutoff = now - options.Value.JournalRetention;
        await db.Journal.Where(j => db.Instances.Any(i => i.Id == j.InstanceId && i.FinishedAt != null && i.FinishedAt < cutoff))
            .ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return lost.Count;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.SweepInterval, stoppingToken);
                await SweepOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogSweepFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-dispatching {Count} workflow bookmark(s) whose job was lost or never handed over")]
    private partial void LogRedispatch(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow sweep failed")]
    private partial void LogSweepFailed(Exception e);
}
