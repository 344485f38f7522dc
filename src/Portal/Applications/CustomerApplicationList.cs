using System.Security.Claims;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Data;

namespace CloudpackPlus.Portal.Applications;

/// <summary>The customer's application list: one page of applications and the counts per status for the filter tabs.</summary>
public sealed record CustomerApplicationListView(Paged<ApplicationSummary> Applications, IReadOnlyDictionary<ApplicationStatus, int> Counts);

/// <summary>
/// APP-2, issue #17: <c>/Applications</c> in one SQL round trip (<see cref="PageBatch"/>, with the header's unread count): the
/// counts per status, the page (newest first, narrowed by status and by a search in the number and the service's id and
/// names) and, with a search, its total. A page number past the end shows the last page, in the same statement. The rows
/// are <see cref="ApplicationBook"/>'s summaries (<see cref="CoreRows.ApplicationSummarySelect"/>), of this company only.
/// </summary>
public sealed class CustomerApplicationList(PageBatch pages)
{
    private const int PageSize = Paging.ListPageSize;

    /// <summary>The company's applications ($1) with the status ($2, null for all) and the search pattern ($3, null for none).</summary>
    private const string Matching = """
        a.company_id = $1 AND ($2::text IS NULL OR a.status = $2)
        AND ($3::text IS NULL OR a.number ILIKE $3 OR a.service_id ILIKE $3 OR s.name_ja ILIKE $3 OR s.name_en ILIKE $3)
        """;

    private const string CountSql = $"SELECT count(*)::int FROM core.applications a LEFT JOIN core.catalogue_entries s ON s.id = a.service_id WHERE {Matching}";

    private const string CountsSql = "SELECT status, count(*)::int FROM core.applications WHERE company_id = $1 GROUP BY status";

    private static readonly string PageSql = CoreRows.ApplicationSummarySelect + "\n" + $"""
        WHERE {Matching}
        ORDER BY a.applied_at DESC, a.id DESC
        LIMIT {PageSize}
        OFFSET LEAST($4, GREATEST(({CountSql}) - 1, 0) / {PageSize} * {PageSize})
        """;

    public async Task<CustomerApplicationListView> ReadAsync(
        ClaimsPrincipal user, Guid companyId, ApplicationStatus? status, string? search, int page, CancellationToken cancellationToken)
    {
        var pattern = Paging.Term(search) is { } term ? Paging.ContainsPattern(term) : null;
        var statusText = status?.ToString();
        var batch = pages.Start(user);
        var counts = batch.Add(CountsSql, r => (Status: r.Enum<ApplicationStatus>(0), Count: r.GetInt32(1)), companyId);
        var rows = batch.Add(PageSql, CoreRows.ApplicationSummary, companyId, statusText, pattern, (long)Paging.Offset(page, PageSize));
        var searched = pattern is null ? null : batch.Add(CountSql, r => r.GetInt32(0), companyId, statusText, pattern);
        await pages.RunAsync(batch, cancellationToken);

        var byStatus = counts.Rows.ToDictionary(c => c.Status, c => c.Count);
        var total = searched?.FirstOrDefault ?? (status is { } only ? byStatus.GetValueOrDefault(only) : byStatus.Values.Sum());
        return new CustomerApplicationListView(new Paged<ApplicationSummary>(rows.Rows, total, Paging.Clamp(page, total, PageSize), PageSize), byStatus);
    }
}
