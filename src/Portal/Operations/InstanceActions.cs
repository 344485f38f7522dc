using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Workflows.Runtime;

namespace CloudpackPlus.Portal.Operations;

/// <summary>
/// What staff do to an instance from the viewer, each with its audit entry. Cancel runs the runtime's cancel,
/// whose registered cancellation handlers make the domain compensation (tickets released per TKT-5 / WEB-3,
/// application closed, customer notified); the audit entry is written in that same step's transaction.
/// Retry re-runs the failed node of an open incident; its audit entry follows the retry's commit.
/// </summary>
public sealed class InstanceActions(IWorkflowRuntime runtime, StaffAudit audit, TimeProvider clock)
{
    public const string CancelAction = "workflow.instance.cancel";
    public const string RetryAction = "workflow.incident.retry";

    /// <summary>Cancels the instance (<paramref name="workflowActor"/>: the person id the workflow records); false when it had already ended (nothing changed).</summary>
    public Task<bool> CancelAsync(Guid instanceId, Actor actor, string workflowActor, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return runtime.CancelInstanceAsync(instanceId, workflowActor, text, scope =>
        {
            scope.GetDbContext<PortalIdentityDbContext>().AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow(), ActorUserId = actor.UserId, ActorEmail = actor.Email, Action = CancelAction,
                Detail = Trim($"instance {instanceId}{(text is null ? "" : $": {text}")}"),
            });
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Retries an open incident of the instance; false when it is not open or not this instance's.</summary>
    public async Task<bool> RetryAsync(Guid instanceId, Guid incidentId, Actor actor, string workflowActor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var incident = await runtime.FindIncidentAsync(incidentId, cancellationToken);
        if (incident is null || incident.InstanceId != instanceId || incident.ResolvedAt is not null
            || !await runtime.RetryIncidentAsync(incidentId, workflowActor, cancellationToken))
        {
            return false;
        }

        await audit.RunAsync(actor, RetryAction, null,
            () => Task.FromResult<string?>(Trim($"instance {instanceId}, incident {incidentId} at {incident.NodeId} ({incident.ActivityType})")), cancellationToken);
        return true;
    }

    private static string Trim(string detail) => detail.Length > 1000 ? detail[..1000] : detail;
}
