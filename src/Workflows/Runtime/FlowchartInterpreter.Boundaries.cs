using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Model;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>Boundary timers: extra timer bookmarks created with a blocking node's wait.</summary>
internal sealed partial class FlowchartInterpreter
{
    private const int MaxDaysBack = 400;

    /// <summary>Creates the node's boundary timers next to its main wait <paramref name="main"/>.</summary>
    private void AddBoundaries(StepRun run, string nodeId, Guid main, BookmarkRequest request)
    {
        var boundaries = run.Plan.Get(nodeId).Node.Boundary;
        if (boundaries is not { Count: > 0 } || request.Kind is BookmarkKind.Job or BookmarkKind.Retry)
        {
            return;
        }

        var now = time.GetUtcNow();
        var due = request.Task?.DueAt ?? request.DueAt;
        foreach (var boundary in boundaries)
        {
            var at = BoundaryInstant(boundary, now, due);
            var id = AddBookmark(run, nodeId, run.Plan.Get(nodeId).Node.Type, BookmarkRequest.Timer(at), null);
            (run.State.Flow.Boundaries ??= [])[id] = new BoundaryWait(main, boundary.Id, boundary.Interrupting);
        }
    }

    /// <summary>When a boundary fires: after the wait starts, or before/after its due date, by business days or a duration.</summary>
    internal DateTimeOffset BoundaryInstant(BoundaryTimer boundary, DateTimeOffset now, DateTimeOffset? due)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        var anchored = boundary.Before is not null || boundary.After is not null;
        if (anchored && due is null)
        {
            // Faulting here would leave the main wait created; a boundary without a due date fires at once instead, and says so.
            return now;
        }

        var from = anchored ? due!.Value : now;
        if (boundary.Before is not null)
        {
            return boundary.BusinessDays is { } back ? BusinessDaysBefore(from, back) : from - (boundary.Duration ?? TimeSpan.Zero);
        }

        return boundary.BusinessDays is { } days ? calendar.AddBusinessDays(from, days) : from + (boundary.Duration ?? TimeSpan.Zero);
    }

    /// <summary>The earliest instant (same time of day) from which <paramref name="days"/> business days later is still at or after <paramref name="due"/>.</summary>
    private DateTimeOffset BusinessDaysBefore(DateTimeOffset due, int days)
    {
        var at = due;
        for (var i = 0; i < MaxDaysBack && calendar.AddBusinessDays(at.AddDays(-1), days) >= due; i++)
        {
            at = at.AddDays(-1);
        }

        return at;
    }

    /// <summary>A boundary timer fired: follow its outcome; an interrupting one also cancels the main wait and its siblings.</summary>
    private bool BoundaryFired(StepRun run, Guid bookmarkId, string nodeId)
    {
        var flow = run.State.Flow;
        if (flow.Boundaries is null || !flow.Boundaries.Remove(bookmarkId, out var boundary))
        {
            return false;
        }

        Journal(run, JournalKinds.BoundaryFired, nodeId, run.Plan.Get(nodeId).Node.Type, null,
            $"{{\"boundary\":\"{boundary.Id}\",\"interrupting\":{(boundary.Interrupting ? "true" : "false")}}}");
        if (boundary.Interrupting)
        {
            CancelWait(run, boundary.Main);
            CancelBoundariesOf(run, boundary.Main);
        }

        ScheduleOutcome(run, nodeId, boundary.Id);
        if (flow.Boundaries is { Count: 0 })
        {
            flow.Boundaries = null;
        }

        return true;
    }

    /// <summary>The main wait resumed (or was cancelled): its boundary timers are cancelled.</summary>
    private static void CancelBoundariesOf(StepRun run, Guid main)
    {
        var flow = run.State.Flow;
        if (flow.Boundaries is null)
        {
            return;
        }

        foreach (var (id, _) in flow.Boundaries.Where(b => b.Value.Main == main).ToList())
        {
            flow.Boundaries.Remove(id);
            CancelWait(run, id);
        }

        if (flow.Boundaries.Count == 0)
        {
            flow.Boundaries = null;
        }
    }

    private static void CancelWait(StepRun run, Guid bookmarkId)
    {
        run.State.Flow.Waits.Remove(bookmarkId);
        run.State.Flow.WaitFrames?.Remove(bookmarkId);
        run.Effects.CancelBookmarks.Add(bookmarkId);
    }
}
