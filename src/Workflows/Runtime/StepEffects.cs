using CloudpackPlus.Workflows.Activities;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>What a step produced besides the new state; the store writes it in the step's transaction.</summary>
internal sealed class StepEffects
{
    public List<NewBookmark> Bookmarks { get; } = [];

    public List<JournalRecord> Journal { get; } = [];

    public IncidentRecord? Incident { get; set; }

    /// <summary>Cancel every open wait of the instance (End reached or instance cancelled).</summary>
    public bool CancelOpenWaits { get; set; }

    /// <summary>Staff cancelled the instance in this step: it ends as Cancelled, not Finished.</summary>
    public bool Cancelled { get; set; }

    public int ActivitiesRun { get; set; }

    /// <summary>Open bookmarks (and their tasks) this step cancels: boundary timers whose wait resumed, a wait an interrupting boundary ended.</summary>
    public List<Guid> CancelBookmarks => _cancelBookmarks ??= [];

    public bool HasCancelBookmarks => _cancelBookmarks is { Count: > 0 };

    private List<Guid>? _cancelBookmarks;
}

/// <summary>A bookmark created in this step; Hangfire-backed kinds are dispatched after commit.</summary>
internal sealed record NewBookmark(Guid Id, string NodeId, BookmarkRequest Request, string? Payload);

/// <summary>One journal line.</summary>
internal sealed record JournalRecord(long Sequence, DateTimeOffset At, string Kind, string? NodeId, string? ActivityType, string? Actor, string? Data);

/// <summary>A failure that used up its attempts.</summary>
internal sealed record IncidentRecord(string NodeId, string ActivityType, string Error, int Attempts);

/// <summary>Journal entry kinds.</summary>
public static class JournalKinds
{
    /// <summary>Instance started.</summary>
    public const string InstanceStarted = "instance-started";
    /// <summary>Activity started.</summary>
    public const string ActivityStarted = "activity-started";
    /// <summary>Activity completed.</summary>
    public const string ActivityCompleted = "activity-completed";
    /// <summary>Activity faulted.</summary>
    public const string ActivityFaulted = "activity-faulted";
    /// <summary>Bookmark created.</summary>
    public const string BookmarkCreated = "bookmark-created";
    /// <summary>Bookmark resumed.</summary>
    public const string BookmarkResumed = "bookmark-resumed";
    /// <summary>Task completed.</summary>
    public const string TaskCompleted = "task-completed";
    /// <summary>Instance finished.</summary>
    public const string InstanceFinished = "instance-finished";
    /// <summary>Instance faulted.</summary>
    public const string InstanceFaulted = "instance-faulted";
    /// <summary>Instance cancelled.</summary>
    public const string InstanceCancelled = "instance-cancelled";
    /// <summary>Incident retried.</summary>
    public const string IncidentRetried = "incident-retried";
    /// <summary>A background activity's result arrived under a lost lease (taken over, or the instance ended) and was not applied.</summary>
    public const string ActivityResultDiscarded = "activity-result-discarded";
    /// <summary>A boundary timer fired.</summary>
    public const string BoundaryFired = "boundary-fired";
}
