using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Identity;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Audit;

/// <summary>The audit log viewer's filter: company, actor (part of the e-mail), kind (the action), and a date range (Tokyo dates, inclusive).</summary>
public sealed record AuditFilter(Guid? CompanyId, string? Actor, string? Kind, DateOnly? From, DateOnly? To);

/// <summary>Reads the audit log for staff: filtered, newest first, a page at a time or every row for the CSV export.</summary>
public sealed class AuditQuery(PortalIdentityDbContext identity)
{
    public Task<Paged<AuditEntry>> PageAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken) =>
        Paging.OfAsync(Filtered(filter), page, pageSize, cancellationToken);

    public IAsyncEnumerable<AuditEntry> AllAsync(AuditFilter filter) => Filtered(filter).AsAsyncEnumerable();

    /// <summary>The kinds of entry there are, for the filter's choice.</summary>
    public async Task<IReadOnlyList<string>> KindsAsync(CancellationToken cancellationToken) =>
        await identity.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);

    /// <summary>E-mails of the target users of some entries.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> EmailsAsync(IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return await identity.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", cancellationToken);
    }

    private IQueryable<AuditEntry> Filtered(AuditFilter filter)
    {
        var query = identity.AuditEntries.AsNoTracking();
        if (filter.CompanyId is { } company)
        {
            query = query.Where(a => a.CompanyId == company);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = "%" + filter.Actor.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(a => EF.Functions.ILike(a.ActorEmail, actor));
        }

        if (!string.IsNullOrWhiteSpace(filter.Kind))
        {
            query = query.Where(a => a.Action == filter.Kind);
        }

        if (filter.From is { } from)
        {
            var start = Core.Time.Tokyo.StartOfDay(from);
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = Core.Time.Tokyo.StartOfDay(to.AddDays(1));
            query = query.Where(a => a.At < end);
        }

        return query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
    }
}
