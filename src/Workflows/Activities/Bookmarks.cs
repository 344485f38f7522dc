namespace CloudpackPlus.Workflows.Activities;

/// <summary>The kinds of wait a bookmark stands for.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<BookmarkKind>))]
public enum BookmarkKind
{
    /// <summary>A human task row; resumed by completing the task.</summary>
    HumanTask,

    /// <summary>A durable timer (Hangfire scheduled job keyed by the bookmark).</summary>
    Timer,

    /// <summary>A background activity's Hangfire job; resumed with its outputs.</summary>
    Job,

    /// <summary>The next attempt of a failed instant activity (Hangfire scheduled job).</summary>
    Retry,

    /// <summary>An external message (signal) by name.</summary>
    Signal,

    /// <summary>A child instance (CallWorkflow); resumed by a job once the child's ending step has committed.</summary>
    ChildWorkflow,
}

/// <summary>A wait an activity asks for.</summary>
public sealed record BookmarkRequest
{
    /// <summary>What is awaited.</summary>
    public required BookmarkKind Kind { get; init; }

    /// <summary>For timers: when the wait ends (UTC).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>For signals: the message name.</summary>
    public string? SignalName { get; init; }

    /// <summary>For human tasks: the task to create.</summary>
    public HumanTaskRequest? Task { get; init; }

    /// <summary>For child workflows: the instance to start in the same step.</summary>
    public ChildWorkflowRequest? Child { get; init; }

    /// <summary>Timer until an instant.</summary>
    public static BookmarkRequest Timer(DateTimeOffset dueAt) => new() { Kind = BookmarkKind.Timer, DueAt = dueAt.ToUniversalTime() };

    /// <summary>Wait for a named external message.</summary>
    public static BookmarkRequest Signal(string name) => new() { Kind = BookmarkKind.Signal, SignalName = name };
}

/// <summary>What resumed a bookmark.</summary>
/// <param name="Kind">The bookmark's kind.</param>
/// <param name="Payload">Data given with the resume (form data, message body), normalised to plain values.</param>
/// <param name="Actor">Who resumed it (user id, or <c>system</c>).</param>
public sealed record BookmarkResume(BookmarkKind Kind, IReadOnlyDictionary<string, object?> Payload, string Actor);

/// <summary>A human task to create with a <see cref="BookmarkKind.HumanTask"/> bookmark.</summary>
public sealed record HumanTaskRequest
{
    /// <summary>Title shown in the inbox.</summary>
    public required string Title { get; init; }

    /// <summary>Form schema (JSON) the completion data is validated against.</summary>
    public string FormSchema { get; init; } = "{\"fields\":[]}";

    /// <summary>Role that may take the task (csm, customer-representative, customer-user), when not assigned.</summary>
    public string? Role { get; init; }

    /// <summary>A specific user the task is assigned to.</summary>
    public string? Assignee { get; init; }

    /// <summary>The customer company the task belongs to.</summary>
    public Guid? CompanyId { get; init; }

    /// <summary>Due instant (computed on the business calendar), if any.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>English title, when the task is shown to English readers.</summary>
    public string? TitleEn { get; init; }

    /// <summary>Values the form opens with (JSON object), if any.</summary>
    public string? Prefill { get; init; }
}

/// <summary>A child instance to start with a <see cref="BookmarkKind.ChildWorkflow"/> bookmark.</summary>
/// <param name="ChildId">The child instance's id (chosen by the caller, so the parent can record it).</param>
/// <param name="DefinitionId">The child's definition.</param>
/// <param name="VersionId">The pinned version row.</param>
/// <param name="Version">The pinned version number.</param>
/// <param name="InputJson">The child's start input (JSON object).</param>
public sealed record ChildWorkflowRequest(Guid ChildId, string DefinitionId, Guid VersionId, int Version, string InputJson);
