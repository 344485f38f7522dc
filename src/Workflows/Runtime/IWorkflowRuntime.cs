using CloudpackPlus.Workflows.Persistence;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>Starts, resumes, cancels and repairs workflow instances.</summary>
public interface IWorkflowRuntime
{
    /// <summary>
    /// Starts the published version of a definition and runs it to its first wait. Idempotent per
    /// correlation id: a second call with the same id returns the existing instance.
    /// </summary>
    Task<StartResult> StartWorkflowAsync(string definitionId, IReadOnlyDictionary<string, object?>? input,
        string? correlationId, string? startedBy = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a workflow after <paramref name="prepare"/> has made the caller's domain writes in the
    /// same transaction (e.g. the application row and its ticket reservation) and returned the
    /// instance's input. Everything commits together or not at all; if an instance with this
    /// correlation id exists, nothing is prepared and the existing instance is returned.
    /// </summary>
    Task<StartResult> StartWorkflowAsync(string definitionId, string correlationId, string? startedBy,
        Func<IWorkflowStepScope, Task<IReadOnlyDictionary<string, object?>>> prepare, CancellationToken cancellationToken = default);

    /// <summary>Resumes a bookmark once; a second resume of the same bookmark returns <see cref="ResumeOutcome.AlreadyResumed"/>.</summary>
    Task<ResumeResult> ResumeBookmarkAsync(Guid bookmarkId, IReadOnlyDictionary<string, object?>? payload,
        string actor, CancellationToken cancellationToken = default);

    /// <summary>Delivers a named external message to the instance's open wait for it.</summary>
    Task<ResumeResult> SignalAsync(Guid instanceId, string signalName, IReadOnlyDictionary<string, object?>? payload,
        string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers a named message by correlation id (the application id) for portal code that knows the
    /// application, not the instance: the oldest open wait for <paramref name="signalName"/> among the
    /// running instances with that correlation id (of <paramref name="definitionId"/>, when given) is resumed.
    /// </summary>
    Task<ResumeResult> SignalByCorrelationAsync(string? definitionId, string correlationId, string signalName,
        IReadOnlyDictionary<string, object?>? payload, string actor, CancellationToken cancellationToken = default);

    /// <summary>Incidents, newest first, filtered and paged.</summary>
    Task<IncidentPage> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken = default);

    /// <summary>One incident, or null.</summary>
    Task<IncidentRow?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default);

    /// <summary>Cancels a running, suspended or faulted instance: its waits and tasks are cancelled. False when already ended.</summary>
    Task<bool> CancelInstanceAsync(Guid instanceId, string actor, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels an instance and runs <paramref name="alsoInStep"/> in the same transaction (e.g. releasing
    /// the ticket reservation). An exception from it refuses the cancellation and undoes everything.
    /// </summary>
    Task<bool> CancelInstanceAsync(Guid instanceId, string actor, string? reason,
        Func<IWorkflowStepScope, Task> alsoInStep, CancellationToken cancellationToken = default);

    /// <summary>Runs the failed activity of an open incident again (attempts start over). False when the incident is not open.</summary>
    Task<bool> RetryIncidentAsync(Guid incidentId, string actor, CancellationToken cancellationToken = default);

    /// <summary>The instance with its variables, or null.</summary>
    Task<InstanceView?> GetInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>Journal lines after a sequence number, oldest first.</summary>
    Task<IReadOnlyList<JournalEntry>> GetJournalAsync(Guid instanceId, long afterSequence = 0, int limit = 200, CancellationToken cancellationToken = default);
}

/// <summary>An instance as the viewer shows it.</summary>
public sealed record InstanceView(
    Guid Id, string DefinitionId, int Version, InstanceStatus Status, string? CorrelationId,
    IReadOnlyDictionary<string, object?> Variables, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt, IReadOnlyList<Incident> OpenIncidents);

/// <summary>An open step's transaction, lent to a caller whose domain writes must commit or roll back with the workflow's.</summary>
public interface IWorkflowStepScope
{
    /// <summary>A module DbContext bound to the step's connection and transaction; its pending changes are saved before the step goes on.</summary>
    TContext GetDbContext<TContext>() where TContext : Microsoft.EntityFrameworkCore.DbContext;

    /// <summary>The instance being started or cancelled.</summary>
    Guid InstanceId { get; }

    /// <summary>The step's clock reading.</summary>
    DateTimeOffset Now { get; }
}

/// <summary>Filters of the incident list.</summary>
/// <param name="Open">true: open only; false: resolved only; null: both.</param>
/// <param name="DefinitionId">Only instances of this definition.</param>
/// <param name="ActivityType">Only incidents of this activity type.</param>
/// <param name="Since">Only incidents raised at or after this instant.</param>
/// <param name="Page">1-based page.</param>
/// <param name="PageSize">Rows per page (1–200).</param>
public sealed record IncidentQuery(bool? Open = null, string? DefinitionId = null, string? ActivityType = null,
    DateTimeOffset? Since = null, int Page = 1, int PageSize = 50);

/// <summary>One incident as the list shows it.</summary>
public sealed record IncidentRow(Guid Id, Guid InstanceId, string DefinitionId, int Version, InstanceStatus InstanceStatus,
    string NodeId, string ActivityType, string Error, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt, string? Resolution, string? ResolvedBy);

/// <summary>A page of incidents.</summary>
public sealed record IncidentPage(IReadOnlyList<IncidentRow> Items, int Page, int PageSize, int Total);
