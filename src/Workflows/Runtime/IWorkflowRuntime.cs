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

    /// <summary>Resumes a bookmark once; a second resume of the same bookmark returns <see cref="ResumeOutcome.AlreadyResumed"/>.</summary>
    Task<ResumeResult> ResumeBookmarkAsync(Guid bookmarkId, IReadOnlyDictionary<string, object?>? payload,
        string actor, CancellationToken cancellationToken = default);

    /// <summary>Delivers a named external message to the instance's open wait for it.</summary>
    Task<ResumeResult> SignalAsync(Guid instanceId, string signalName, IReadOnlyDictionary<string, object?>? payload,
        string actor, CancellationToken cancellationToken = default);

    /// <summary>Cancels a running, suspended or faulted instance: its waits and tasks are cancelled. False when already ended.</summary>
    Task<bool> CancelInstanceAsync(Guid instanceId, string actor, string? reason = null, CancellationToken cancellationToken = default);

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
