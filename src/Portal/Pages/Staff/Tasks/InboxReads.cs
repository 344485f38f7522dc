using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Staff.Tasks;

/// <summary>
/// Issue #14 performance: what the task inbox reads from Core around the page of tasks (which the workflow runtime reads
/// with its own context: a count and a page), one round trip before and one after, whatever the filter and search
/// (the inbox's worst case — "my companies" with a search — was 6 round trips, one per lookup).
/// </summary>
public sealed class InboxReads(CoreDbContext db, CompanyAdminService companies, ApplicationBook book)
{
    private const string SummariesSql = CoreRows.ApplicationSummarySelect + " WHERE a.workflow_instance_id = ANY($1)";

    private const string NamesSql = "SELECT id, display_name FROM core.people WHERE id = ANY($1)";

    private const string CompaniesSql = "SELECT id, name FROM core.companies WHERE id = ANY($1)";

    /// <summary>
    /// The companies the staff member looks after now (when <paramref name="me"/> is given) and the workflow instances of
    /// the applications matching the search (when <paramref name="pattern"/> is given), in one query (UNION ALL of
    /// <see cref="CompanyAdminService.CompaniesOf"/> and <see cref="ApplicationBook.InstancesMatching"/>); nothing is sent when neither is asked.
    /// </summary>
    public async Task<(IReadOnlyList<Guid> Companies, IReadOnlyList<Guid>? Instances)> FilterAsync(Guid? me, string? pattern, CancellationToken cancellationToken)
    {
        var parts = new List<IQueryable<Tagged>>();
        if (me is { } staffId)
        {
            parts.Add(companies.CompaniesOf(staffId).Select(id => new Tagged { Kind = 0, Id = id }));
        }

        if (pattern is not null)
        {
            parts.Add(book.InstancesMatching(pattern).Select(id => new Tagged { Kind = 1, Id = id }));
        }

        if (parts.Count == 0)
        {
            return ([], null);
        }

        var rows = await parts.Aggregate((a, b) => a.Concat(b)).ToListAsync(cancellationToken);
        return (rows.Where(r => r.Kind == 0).Select(r => r.Id).ToList(), pattern is null ? null : rows.Where(r => r.Kind == 1).Select(r => r.Id).ToList());
    }

    /// <summary>
    /// The applications of the shown tasks' instances (by instance), the names of the people who claimed them and the
    /// names of the tasks' companies (a basic-service cycle's task has a company but no application), in one batch.
    /// </summary>
    public async Task<PageLookups> ForPageAsync(
        IReadOnlyCollection<Guid> instanceIds, IReadOnlyCollection<Guid> claimers, IReadOnlyCollection<Guid> companyIds, CancellationToken cancellationToken)
    {
        if (instanceIds.Count == 0 && claimers.Count == 0 && companyIds.Count == 0)
        {
            return new PageLookups(new Dictionary<Guid, ApplicationSummary>(), new Dictionary<Guid, string>(), new Dictionary<Guid, string>());
        }

        var batch = new OneBatch();
        var summaries = batch.Add(SummariesSql, CoreRows.ApplicationSummary, instanceIds.Distinct().ToArray());
        var names = batch.Add(NamesSql, r => (Id: r.GetGuid(0), Name: r.GetString(1)), claimers.Distinct().ToArray());
        var companyNames = batch.Add(CompaniesSql, r => (Id: r.GetGuid(0), Name: r.GetString(1)), companyIds.Distinct().ToArray());
        await batch.RunAsync(db, cancellationToken);
        return new PageLookups(summaries.Rows.ToDictionary(s => s.WorkflowInstanceId), names.Rows.ToDictionary(n => n.Id, n => n.Name),
            companyNames.Rows.ToDictionary(c => c.Id, c => c.Name));
    }

    /// <summary>What <see cref="ForPageAsync"/> read: applications by instance, people's names and companies' names by id.</summary>
    public sealed record PageLookups(
        IReadOnlyDictionary<Guid, ApplicationSummary> Applications, IReadOnlyDictionary<Guid, string> Names, IReadOnlyDictionary<Guid, string> Companies);

    /// <summary>A row of the filter's UNION ALL: 0 = a company, 1 = an instance.</summary>
    private sealed class Tagged
    {
        public int Kind { get; init; }

        public Guid Id { get; init; }
    }
}
