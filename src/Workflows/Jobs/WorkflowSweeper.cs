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
/// (killed worker) are dispatched again.
/// </summary>
public sealed partial class WorkflowSweeper(IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkflowOptions> options, ILogger<WorkflowSweeper> logger)
    : BackgroundService
{
    /// <summary>One pass; returns how many bookmarks were dispatched again.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var now = time.GetUtcNow();
        var neverDispatchedBefore = now - TimeSpan.FromSeconds(5);
        var stale = now - options.Value.RedispatchAfter;
        var lost = await db.Bookmarks.AsNoTracking()
            .Where(b => JobDispatcher.JobBackedKinds.Contains(b.Kind) && b.ResumedAt == null && b.CancelledAt == null
                && (b.LeaseExpiresAt == null || b.LeaseExpiresAt < now) // a live lease: its worker is running it
                && ((b.DispatchedAt == null && b.CreatedAt < neverDispatchedBefore)
                    || (b.DueAt < stale && b.DispatchedAt < stale)
                    || (b.LeaseExpiresAt < now && b.DispatchedAt < b.LeaseStartedAt))) // its worker died: take it over
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
