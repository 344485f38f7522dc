namespace CloudpackPlus.Workflows.Persistence;

/// <summary>One version of a workflow definition (one row per version).</summary>
public sealed class WorkflowDefinitionVersion
{
    /// <summary>Row id; instances pin to it.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Stable definition id across versions.</summary>
    public required string DefinitionId { get; init; }

    /// <summary>1, 2, … per definition.</summary>
    public int Version { get; init; }

    /// <summary>Display name (Japanese, as the shipped definitions are written).</summary>
    public string Name { get; set; } = "";

    /// <summary>English display name; null when the definition has none (English readers then see the definition id).</summary>
    public string? NameEn { get; set; }

    /// <summary>The name in the reader's language: the English name, else the id, for English readers.</summary>
    public string NameIn(bool japanese) => japanese ? Name : string.IsNullOrWhiteSpace(NameEn) ? DefinitionId : NameEn;

    /// <summary>The graph (jsonb).</summary>
    public required string Graph { get; set; }

    /// <summary>The one version new instances start on (at most one per definition, enforced by a partial unique index).</summary>
    public bool IsPublished { get; set; }

    /// <summary>The newest version (at most one per definition).</summary>
    public bool IsLatest { get; set; }

    /// <summary>Where the version came from: staff, file, import.</summary>
    public string Source { get; set; } = DefinitionSources.Staff;

    /// <summary>SHA-256 of the file a file import came from.</summary>
    public string? SourceHash { get; set; }

    /// <summary>Created at (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who created it.</summary>
    public string CreatedBy { get; init; } = "";

    /// <summary>When it was first published; a version once published is never edited again.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Who published it.</summary>
    public string? PublishedBy { get; set; }

    /// <summary>xmin, for optimistic concurrency.</summary>
    public uint RowVersion { get; set; }
}

/// <summary>Where a definition version came from.</summary>
public static class DefinitionSources
{
    /// <summary>Edited by staff in the designer.</summary>
    public const string Staff = "staff";

    /// <summary>Imported from src/Workflows/Definitions on start.</summary>
    public const string File = "file";

    /// <summary>Imported from an uploaded JSON file.</summary>
    public const string Import = "import";
}

/// <summary>Status of an instance.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<InstanceStatus>))]
public enum InstanceStatus
{
    /// <summary>Has work ready to run.</summary>
    Running,

    /// <summary>Waits on bookmarks (tasks, timers, jobs, signals).</summary>
    Suspended,

    /// <summary>Done.</summary>
    Finished,

    /// <summary>An activity failed after its last attempt; see its incident.</summary>
    Faulted,

    /// <summary>Cancelled by staff.</summary>
    Cancelled,
}

/// <summary>A running or past workflow instance, pinned to the definition version it started on.</summary>
public sealed class WorkflowInstance
{
    /// <summary>Instance id.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The pinned version row.</summary>
    public Guid DefinitionVersionId { get; init; }

    /// <summary>Definition id (denormalised for queries).</summary>
    public required string DefinitionId { get; init; }

    /// <summary>Version number (denormalised).</summary>
    public int Version { get; init; }

    /// <summary>Status.</summary>
    public InstanceStatus Status { get; set; }

    /// <summary>The application id the instance belongs to; unique per definition.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Start input (jsonb).</summary>
    public string Input { get; init; } = "{}";

    /// <summary>Variables (jsonb).</summary>
    public string Variables { get; set; } = "{}";

    /// <summary>Flowchart position (jsonb).</summary>
    public string State { get; set; } = "{}";

    /// <summary>Started at.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last step at.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Finished, faulted terminally or cancelled at.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Who started it.</summary>
    public string? StartedBy { get; init; }

    /// <summary>xmin, for optimistic concurrency.</summary>
    public uint RowVersion { get; set; }
}

/// <summary>A wait: resumed at most once (claimed by a conditional update).</summary>
public sealed class Bookmark
{
    /// <summary>Id; Hangfire jobs are keyed by it.</summary>
    public Guid Id { get; init; }

    /// <summary>The instance.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>The waiting node.</summary>
    public required string NodeId { get; init; }

    /// <summary>What is awaited.</summary>
    public Activities.BookmarkKind Kind { get; init; }

    /// <summary>Signal name for signal bookmarks.</summary>
    public string? SignalName { get; init; }

    /// <summary>Due instant for timers, jobs and retries.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Snapshot of a background activity's inputs (jsonb).</summary>
    public string? Payload { get; init; }

    /// <summary>Created at.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set once, by the one resume that wins.</summary>
    public DateTimeOffset? ResumedAt { get; set; }

    /// <summary>Who resumed it.</summary>
    public string? ResumedBy { get; set; }

    /// <summary>Set when the instance ended or was cancelled before this wait was resumed.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>When a Hangfire job was last handed this bookmark.</summary>
    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>How many times a job was handed this bookmark (re-dispatch after crashes).</summary>
    public int DispatchCount { get; set; }

    /// <summary>Background jobs: the worker holding the lease (host and process).</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Background jobs: the current claim; a result is committed only under the token it was claimed with.</summary>
    public Guid? LeaseToken { get; set; }

    /// <summary>Background jobs: when the current lease was claimed (the activity started running).</summary>
    public DateTimeOffset? LeaseStartedAt { get; set; }

    /// <summary>Background jobs: the lease is alive until then; heartbeats extend it, another worker may take over after it.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>Background jobs: the last heartbeat of the worker.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    /// <summary>Background jobs: how many times a lease was claimed (more than once after a takeover).</summary>
    public int LeaseCount { get; set; }

    /// <summary>Background jobs: the last progress the activity reported (jsonb: done, total, message, at).</summary>
    public string? Progress { get; set; }
}

/// <summary>An activity that failed after its last attempt.</summary>
public sealed class Incident
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The instance.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>The failed node.</summary>
    public required string NodeId { get; init; }

    /// <summary>Its activity type.</summary>
    public required string ActivityType { get; init; }

    /// <summary>The last error.</summary>
    public required string Error { get; init; }

    /// <summary>Attempts made.</summary>
    public int Attempts { get; init; }

    /// <summary>Raised at.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Retried or cancelled at.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>retried or cancelled.</summary>
    public string? Resolution { get; set; }

    /// <summary>Staff member who resolved it.</summary>
    public string? ResolvedBy { get; set; }
}

/// <summary>One line of an instance's journal.</summary>
public sealed class JournalEntry
{
    /// <summary>Id.</summary>
    public long Id { get; init; }

    /// <summary>The instance.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>Order within the instance.</summary>
    public long Sequence { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>What (see <see cref="Runtime.JournalKinds"/>).</summary>
    public required string Kind { get; init; }

    /// <summary>Node.</summary>
    public string? NodeId { get; init; }

    /// <summary>Activity type.</summary>
    public string? ActivityType { get; init; }

    /// <summary>Who (user id) when a person acted.</summary>
    public string? Actor { get; init; }

    /// <summary>Details (jsonb).</summary>
    public string? Data { get; init; }
}
