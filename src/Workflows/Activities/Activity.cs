namespace CloudpackPlus.Workflows.Activities;

/// <summary>
/// Base class of every activity. The runtime creates a fresh instance per execution, sets its
/// <see cref="InputAttribute"/> properties, calls <see cref="ExecuteAsync"/> (or, for a blocking
/// activity's wait, <see cref="ResumeAsync"/>), then reads its <see cref="OutputAttribute"/> properties.
/// </summary>
public abstract class Activity
{
    /// <summary>
    /// Runs the activity. Instant activities run in the step transaction; background activities in a
    /// Hangfire job (also inside a transaction that commits with the resumed step); blocking
    /// activities usually return <see cref="ActivityResult.Suspend"/>.
    /// </summary>
    public abstract ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>Called when a bookmark this activity created is resumed. Default: outcome Done.</summary>
    public virtual ValueTask<ActivityResult> ResumeAsync(ActivityContext context, BookmarkResume resume) =>
        ValueTask.FromResult(ActivityResult.Done());
}

/// <summary>What an activity's execution asks the runtime to do next.</summary>
public sealed class ActivityResult
{
    /// <summary>The outcome of an activity that declares none.</summary>
    public const string DefaultOutcome = "Done";

    private ActivityResult(ResultKind kind, IReadOnlyList<string> outcomes, BookmarkRequest? bookmark)
    {
        Kind = kind;
        Outcomes = outcomes;
        Bookmark = bookmark;
    }

    internal ResultKind Kind { get; }

    internal IReadOnlyList<string> Outcomes { get; }

    internal BookmarkRequest? Bookmark { get; }

    private static readonly ActivityResult DoneResult = new(ResultKind.Completed, [DefaultOutcome], null);

    /// <summary>Completed with the default outcome.</summary>
    public static ActivityResult Done() => DoneResult;

    /// <summary>Completed with the given outcomes (several outcomes fork).</summary>
    public static ActivityResult Outcome(params string[] outcomes) => new(ResultKind.Completed, outcomes, null);

    /// <summary>Waits: the runtime stores the bookmark and resumes this activity later.</summary>
    public static ActivityResult Suspend(BookmarkRequest bookmark) => new(ResultKind.Suspended, [], bookmark);

    /// <summary>Ends the whole instance: finished, any other waits cancelled.</summary>
    public static ActivityResult EndInstance() => new(ResultKind.Ended, [], null);

    internal enum ResultKind
    {
        Completed,
        Suspended,
        Ended,
    }
}
