using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>The incident list query (staff console): filters, newest first, paged.</summary>
internal static class IncidentList
{
    public const int MaxPageSize = 200;

    public static async Task<IncidentPage> ListAsync(WorkflowDbContext db, IncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Paging.Page(query.Page, size);
        var rows = from x in db.Incidents.AsNoTracking()
                   join i in db.Instances.AsNoTracking() on x.InstanceId equals i.Id
                   select new { x, i };
        if (query.Open is { } open)
        {
            rows = open ? rows.Where(r => r.x.ResolvedAt == null) : rows.Where(r => r.x.ResolvedAt != null);
        }

        if (!string.IsNullOrEmpty(query.DefinitionId))
        {
            rows = rows.Where(r => r.i.DefinitionId == query.DefinitionId);
        }

        if (!string.IsNullOrEmpty(query.ActivityType))
        {
            rows = rows.Where(r => r.x.ActivityType == query.ActivityType);
        }

        if (query.Since is { } since)
        {
            var utc = since.ToUniversalTime();
            rows = rows.Where(r => r.x.CreatedAt >= utc);
        }

        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(r => r.x.CreatedAt).ThenByDescending(r => r.x.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(r => new IncidentRow(r.x.Id, r.i.Id, r.i.DefinitionId, r.i.Version, r.i.Status, r.x.NodeId, r.x.ActivityType,
                r.x.Error, r.x.Attempts, r.x.CreatedAt, r.x.ResolvedAt, r.x.Resolution, r.x.ResolvedBy))
            .ToListAsync(cancellationToken);
        return new IncidentPage(items, page, size, total);
    }

    public static Task<IncidentRow?> FindAsync(WorkflowDbContext db, Guid id, CancellationToken cancellationToken) =>
        (from x in db.Incidents.AsNoTracking()
         join i in db.Instances.AsNoTracking() on x.InstanceId equals i.Id
         where x.Id == id
         select new IncidentRow(x.Id, i.Id, i.DefinitionId, i.Version, i.Status, x.NodeId, x.ActivityType,
             x.Error, x.Attempts, x.CreatedAt, x.ResolvedAt, x.Resolution, x.ResolvedBy)).SingleOrDefaultAsync(cancellationToken);
}

/// <summary>Errors the runtime itself records on incidents.</summary>
public static class IncidentErrors
{
    /// <summary>Nothing queued, nothing awaited and no End reached: the instance faults instead of counting as finished.</summary>
    public const string OutOfWork = "The workflow ran out of work without reaching End.";
}
