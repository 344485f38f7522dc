using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Identity;

namespace CloudpackPlus.Portal.Audit;

/// <summary>
/// A staff change to a company and its audit entry in one transaction (Core and identity share the
/// connection): either both are saved or neither. The change returns the entry's detail (before → after).
/// </summary>
public sealed class StaffAudit(CoreDbContext core, PortalIdentityDbContext identity, TimeProvider clock)
{
    public Task RunAsync(Actor actor, string action, Guid? companyId, Func<Task<string?>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        return SharedTransaction.RunAsync(core, identity, async () =>
        {
            var detail = await change();
            identity.AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow(), ActorUserId = actor.UserId, ActorEmail = actor.Email, Action = action, CompanyId = companyId,
                Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
            });
            await identity.SaveChangesAsync(cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <summary>
    /// Records an action that is done already, or that changes nothing here (a customer's tool action: a connection
    /// test, a download): who, what and the company.
    /// </summary>
    public async Task RecordAsync(Actor actor, string action, Guid? companyId, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        identity.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), ActorUserId = actor.UserId, ActorEmail = actor.Email, Action = action, CompanyId = companyId,
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
        });
        await identity.SaveChangesAsync(cancellationToken);
    }
}
