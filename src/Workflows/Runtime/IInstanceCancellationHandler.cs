namespace CloudpackPlus.Workflows.Runtime;

/// <summary>An instance being cancelled, as cancellation handlers see it.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="DefinitionId">Its definition.</param>
/// <param name="CorrelationId">Its correlation id (e.g. the application id), if any.</param>
/// <param name="Actor">Who cancels it (a person id, or a name such as <c>system</c>).</param>
/// <param name="Reason">The reason given, if any.</param>
public sealed record InstanceCancellation(Guid InstanceId, string DefinitionId, string? CorrelationId, string Actor, string? Reason);

/// <summary>
/// Domain compensation for a cancelled instance (e.g. tickets released, application closed). Every
/// registered handler runs inside the cancel step's transaction, whichever caller cancels the instance
/// (the raw API, an incident cancel, a domain service), after the caller's own <c>alsoInStep</c>. An
/// exception refuses the cancellation and undoes everything. Handlers must ignore instances that are
/// not theirs and must be idempotent (the caller's own step may already have compensated).
/// </summary>
public interface IInstanceCancellationHandler
{
    /// <summary>Makes the domain writes for the cancellation through <paramref name="scope"/>.</summary>
    Task OnCancellingAsync(InstanceCancellation cancellation, IWorkflowStepScope scope, CancellationToken cancellationToken);
}
