using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.Jobs;

/// <summary>
/// The Hangfire job behind timers, retries and background activities. It takes a bookmark id and is
/// idempotent: the bookmark is claimed once, so a job delivered twice (at-least-once) changes nothing
/// the second time.
/// </summary>
public sealed class WorkflowJobs
{
    private readonly IWorkflowRuntime _runtime;
    private readonly WorkflowDbContext _db;
    private readonly TimeProvider _time;
    private readonly IBackgroundJobClient? _client;

    /// <summary>Created by Hangfire's activator.</summary>
    public WorkflowJobs(IWorkflowRuntime runtime, WorkflowDbContext db, TimeProvider time, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _runtime = runtime;
        _db = db;
        _time = time;
        _client = services.GetService(typeof(IBackgroundJobClient)) as IBackgroundJobClient;
    }

    /// <summary>Fires a timer or retry, or runs a background activity, for the bookmark.</summary>
    [AutomaticRetry(Attempts = 10)]
    public async Task<string> RunBookmarkAsync(Guid bookmarkId)
    {
        var bookmark = await _db.Bookmarks.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookmarkId);
        if (bookmark is null || bookmark.ResumedAt is not null || bookmark.CancelledAt is not null)
        {
            return "nothing to do: already resumed, cancelled or gone";
        }

        if (bookmark.Kind == BookmarkKind.ChildWorkflow && bookmark.DueAt is null)
        {
            return "the child workflow has not ended yet";
        }

        var now = _time.GetUtcNow();
        if (bookmark.DueAt is { } due && due > now)
        {
            // Fired early (clock skew, or a re-dispatch): come back when due.
            _client?.Schedule<WorkflowJobs>(j => j.RunBookmarkAsync(bookmarkId), due - now);
            return "not due yet: rescheduled";
        }

        var result = await _runtime.ResumeBookmarkAsync(bookmarkId, null, bookmark.Kind switch { BookmarkKind.Job => "job", BookmarkKind.ChildWorkflow => "child-workflow", _ => "timer" });
        return result.Message;
    }
}
