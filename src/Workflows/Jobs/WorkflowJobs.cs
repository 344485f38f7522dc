using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Background;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.Jobs;

/// <summary>
/// The Hangfire job behind timers, retries and background activities. It takes a bookmark id and is
/// idempotent: the bookmark is claimed once, so a job delivered twice (at-least-once) changes nothing
/// the second time. A background activity runs under a lease outside any transaction
/// (<see cref="BackgroundActivityRunner"/>); a second delivery while the lease is alive does nothing.
/// </summary>
public sealed class WorkflowJobs
{
    private readonly IWorkflowRuntime _runtime;
    private readonly WorkflowDbContext _db;
    private readonly TimeProvider _time;
    private readonly IBackgroundJobClient? _client;
    private readonly BackgroundActivityRunner _background;

    /// <summary>Created by Hangfire's activator.</summary>
    public WorkflowJobs(IWorkflowRuntime runtime, WorkflowDbContext db, TimeProvider time, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _runtime = runtime;
        _db = db;
        _time = time;
        _client = services.GetService(typeof(IBackgroundJobClient)) as IBackgroundJobClient;
        _background = (BackgroundActivityRunner)services.GetService(typeof(BackgroundActivityRunner))!;
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

        if (bookmark.Kind == BookmarkKind.Job)
        {
            return await _background.RunAsync(bookmarkId);
        }

        var result = await _runtime.ResumeBookmarkAsync(bookmarkId, null, bookmark.Kind == BookmarkKind.ChildWorkflow ? "child-workflow" : "timer");
        return result.Message;
    }
}
