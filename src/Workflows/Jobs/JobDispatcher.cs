using CloudpackPlus.Workflows.Activities;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudpackPlus.Workflows.Jobs;

/// <summary>
/// Hands committed timer, retry and background bookmarks to Hangfire (enqueued when due, scheduled
/// otherwise) and records the hand-over. A failure here loses nothing: the sweeper re-dispatches
/// bookmarks that were never handed over, and the job is idempotent.
/// </summary>
internal sealed partial class JobDispatcher(IServiceProvider services, NpgsqlDataSource dataSource, TimeProvider time, ILogger<JobDispatcher> logger)
{
    /// <summary>The bookmark kinds a Hangfire job resumes: what the step hands over and the sweeper re-dispatches.</summary>
    public static readonly BookmarkKind[] JobBackedKinds = [BookmarkKind.Timer, BookmarkKind.Job, BookmarkKind.Retry, BookmarkKind.ChildWorkflow];

    public async Task DispatchAsync(IReadOnlyCollection<(Guid Id, DateTimeOffset? DueAt)> bookmarks, CancellationToken cancellationToken)
    {
        var client = services.GetService<IBackgroundJobClient>();
        if (client is null || bookmarks.Count == 0)
        {
            return;
        }

        var dispatched = new List<Guid>(bookmarks.Count);
        try
        {
            foreach (var (id, due) in bookmarks)
            {
                var delay = (due ?? time.GetUtcNow()) - time.GetUtcNow();
                if (delay <= TimeSpan.Zero)
                {
                    client.Enqueue<WorkflowJobs>(j => j.RunBookmarkAsync(id));
                }
                else
                {
                    client.Schedule<WorkflowJobs>(j => j.RunBookmarkAsync(id), delay);
                }

                dispatched.Add(id);
            }
        }
        catch (Exception e)
        {
            LogDispatchFailed(e, bookmarks.Count - dispatched.Count);
        }

        if (dispatched.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            "UPDATE wf.bookmarks SET dispatched_at = @now, dispatch_count = dispatch_count + 1 WHERE id = ANY(@ids)");
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("ids", dispatched.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand {Count} workflow job(s) to Hangfire; the sweeper will retry")]
    private partial void LogDispatchFailed(Exception e, int count);
}
