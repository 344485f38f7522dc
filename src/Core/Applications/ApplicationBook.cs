using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Applications;

/// <summary>An application as lists show it.</summary>
public sealed record ApplicationSummary(
    Guid Id, string Number, string ServiceId, string ServiceNameJa, string ServiceNameEn, ApplicationStatus Status,
    DateTimeOffset AppliedAt, string AppliedByName, DateTimeOffset? ScheduledAt, Guid CompanyId, string CompanyName, Guid WorkflowInstanceId);

/// <summary>Reads applications (the tenant filter limits customers to their own company).</summary>
public sealed class ApplicationBook(CoreDbContext db)
{
    public Task<ServiceApplication?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>
    /// One page of a company's applications (staff: every company's, <paramref name="companyId"/> null), newest first,
    /// narrowed by status and by a search in the number, the service (id or name) and, for staff, the company (code or name).
    /// </summary>
    public Task<Paged<ApplicationSummary>> PageAsync(Guid? companyId, ApplicationStatus? status, string? search, int page, int pageSize = Paging.ListPageSize, CancellationToken cancellationToken = default) =>
        PageAsync(companyId, status, search, page, null, pageSize, cancellationToken);

    /// <summary>
    /// As above; <paramref name="counts"/> (from <see cref="CountByStatusAsync"/> for the same company) give the total
    /// when there is no search, which saves the count query.
    /// </summary>
    public Task<Paged<ApplicationSummary>> PageAsync(Guid? companyId, ApplicationStatus? status, string? search, int page,
        IReadOnlyDictionary<ApplicationStatus, int>? counts, int pageSize = Paging.ListPageSize, CancellationToken cancellationToken = default)
    {
        int? knownTotal = counts is null || Paging.Term(search) is not null ? null
            : status is { } only ? counts.GetValueOrDefault(only) : counts.Values.Sum();
        var query = db.Applications.AsNoTracking()
            .Where(a => companyId == null || a.CompanyId == companyId)
            .Where(a => status == null || a.Status == status);
        if (Paging.Term(search) is { } term)
        {
            var pattern = Paging.ContainsPattern(term);
            query = companyId is null
                ? query.Where(a => EF.Functions.ILike(a.Number, pattern) || EF.Functions.ILike(a.ServiceId, pattern)
                    || db.Catalogue.Any(c => c.Id == a.ServiceId && (EF.Functions.ILike(c.NameJa, pattern) || EF.Functions.ILike(c.NameEn, pattern)))
                    || db.Companies.Any(c => c.Id == a.CompanyId && (EF.Functions.ILike(c.Code, pattern) || EF.Functions.ILike(c.Name, pattern))))
                : query.Where(a => EF.Functions.ILike(a.Number, pattern) || EF.Functions.ILike(a.ServiceId, pattern)
                    || db.Catalogue.Any(c => c.Id == a.ServiceId && (EF.Functions.ILike(c.NameJa, pattern) || EF.Functions.ILike(c.NameEn, pattern))));
        }

        return Paging.OfAsync(Summaries(query.OrderByDescending(a => a.AppliedAt).ThenByDescending(a => a.Id)), page, pageSize, cancellationToken, knownTotal);
    }

    /// <summary>The workflow instances of the applications whose number, or whose company's code or name, matches the ILIKE <paramref name="pattern"/> (staff search).</summary>
    public async Task<IReadOnlyList<Guid>> InstancesMatchingAsync(string pattern, CancellationToken cancellationToken = default) =>
        await InstancesMatching(pattern).ToListAsync(cancellationToken);

    /// <summary>The query of <see cref="InstancesMatchingAsync"/>, for composing into a larger query (one round trip).</summary>
    public IQueryable<Guid> InstancesMatching(string pattern) =>
        db.Applications.AsNoTracking()
            .Where(a => EF.Functions.ILike(a.Number, pattern)
                || db.Companies.Any(c => c.Id == a.CompanyId && (EF.Functions.ILike(c.Code, pattern) || EF.Functions.ILike(c.Name, pattern))))
            .Select(a => a.WorkflowInstanceId);

    /// <summary>The applications of workflow instances (for the task inbox), by instance id.</summary>
    public async Task<IReadOnlyDictionary<Guid, ApplicationSummary>> ForInstancesAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken = default) =>
        await Summaries(db.Applications.AsNoTracking().Where(a => instanceIds.Contains(a.WorkflowInstanceId)))
            .ToDictionaryAsync(s => s.WorkflowInstanceId, cancellationToken);

    private IQueryable<ApplicationSummary> Summaries(IQueryable<ServiceApplication> applications) =>
        applications.Select(a => new ApplicationSummary(
            a.Id, a.Number, a.ServiceId,
            db.Catalogue.Where(c => c.Id == a.ServiceId).Select(c => c.NameJa).FirstOrDefault() ?? a.ServiceId,
            db.Catalogue.Where(c => c.Id == a.ServiceId).Select(c => c.NameEn).FirstOrDefault() ?? a.ServiceId,
            a.Status, a.AppliedAt,
            db.People.IgnoreQueryFilters().Where(p => p.Id == a.AppliedBy).Select(p => p.DisplayName).FirstOrDefault() ?? "",
            a.ScheduledAt, a.CompanyId,
            db.Companies.IgnoreQueryFilters().Where(c => c.Id == a.CompanyId).Select(c => c.Name).FirstOrDefault() ?? "",
            a.WorkflowInstanceId));

    /// <summary>Counts per status for the filter tabs.</summary>
    public async Task<IReadOnlyDictionary<ApplicationStatus, int>> CountByStatusAsync(Guid? companyId, CancellationToken cancellationToken = default) =>
        await db.Applications.AsNoTracking().Where(a => companyId == null || a.CompanyId == companyId)
            .GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>Display names of people by id (for timelines and conversations).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Distinct().ToList();
        return await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => wanted.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
    }

    /// <summary>The next application number of the fiscal year, e.g. <c>A-2026-00042</c>.</summary>
    public static async Task<string> NextNumberAsync(CoreDbContext db, int fiscalYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var next = await db.Database.SqlQuery<long>($"SELECT nextval('core.application_numbers') AS \"Value\"").SingleAsync(cancellationToken);
        return $"A-{fiscalYear}-{next:D5}";
    }
}
