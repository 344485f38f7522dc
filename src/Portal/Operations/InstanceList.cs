using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Operations;

/// <summary>Who an instance waits on: an open human task for the customer, or one for staff.</summary>
public enum WaitingOn
{
    Customer,
    Staff,
}

/// <summary>The instance list's filters (all optional); <paramref name="MinAgeDays"/>: started at least that many days ago.</summary>
public sealed record InstanceFilter(
    string? DefinitionId = null, Guid? CompanyId = null, InstanceStatus? Status = null, int? Version = null,
    bool HasIncident = false, WaitingOn? Waiting = null, int? MinAgeDays = null);

/// <summary>One line of the instance list.</summary>
public sealed record InstanceLine(
    Guid Id, string DefinitionId, int Version, InstanceStatus Status, string? CorrelationId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int OpenIncidents, int OpenTasks);

/// <summary>
/// The operations console's instance list: filters, newest first, paged. Every filter is an indexed
/// predicate or an EXISTS on an indexed child table (tasks and incidents by instance), so a page stays
/// fast on a large instance table; the company filter goes through the company's applications.
/// </summary>
public sealed class InstanceList(WorkflowDbContext db, Core.Data.CoreDbContext core, TimeProvider clock)
{
    public const int PageSize = 50;

    private static readonly string[] CustomerRoles = [TaskRoles.CustomerRepresentative, TaskRoles.CustomerUser];

    public async Task<Paged<InstanceLine>> ListAsync(InstanceFilter filter, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var rows = db.Instances.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.DefinitionId))
        {
            rows = rows.Where(i => i.DefinitionId == filter.DefinitionId);
        }

        if (filter.CompanyId is { } company)
        {
            // Applications are the Core module's: the company's instance ids, then an indexed ANY() on the instances.
            var ids = await core.Applications.AsNoTracking().Where(a => a.CompanyId == company)
                .Select(a => a.WorkflowInstanceId).ToListAsync(cancellationToken);
            rows = rows.Where(i => ids.Contains(i.Id));
        }

        if (filter.Status is { } status)
        {
            rows = rows.Where(i => i.Status == status);
        }

        if (filter.Version is { } version)
        {
            rows = rows.Where(i => i.Version == version);
        }

        if (filter.HasIncident)
        {
            rows = rows.Where(i => db.Incidents.Any(x => x.InstanceId == i.Id && x.ResolvedAt == null));
        }

        var open = new[] { WorkflowTaskStatus.Open, WorkflowTaskStatus.Claimed };
        if (filter.Waiting == WaitingOn.Customer)
        {
            rows = rows.Where(i => db.Tasks.Any(t => t.InstanceId == i.Id && open.Contains(t.Status) && CustomerRoles.Contains(t.Role!)));
        }
        else if (filter.Waiting == WaitingOn.Staff)
        {
            rows = rows.Where(i => db.Tasks.Any(t => t.InstanceId == i.Id && open.Contains(t.Status) && (t.Role == null || !CustomerRoles.Contains(t.Role))));
        }

        if (filter.MinAgeDays is { } days)
        {
            var before = clock.GetUtcNow().AddDays(-days);
            rows = rows.Where(i => i.CreatedAt <= before);
        }

        var lines = rows.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Select(i => new InstanceLine(
            i.Id, i.DefinitionId, i.Version, i.Status, i.CorrelationId, i.CreatedAt, i.UpdatedAt,
            db.Incidents.Count(x => x.InstanceId == i.Id && x.ResolvedAt == null),
            db.Tasks.Count(t => t.InstanceId == i.Id && open.Contains(t.Status))));
        return await Paging.OfAsync(lines, page, PageSize, cancellationToken);
    }

    /// <summary>Definition ids and their versions that have instances, for the filter choices.</summary>
    public async Task<IReadOnlyList<string>> DefinitionIdsAsync(CancellationToken cancellationToken) =>
        await db.Definitions.AsNoTracking().Select(d => d.DefinitionId).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);

    /// <summary>How many incidents are open now (the staff home's figure).</summary>
    public Task<int> OpenIncidentCountAsync(CancellationToken cancellationToken) =>
        db.Incidents.AsNoTracking().CountAsync(x => x.ResolvedAt == null, cancellationToken);
}
