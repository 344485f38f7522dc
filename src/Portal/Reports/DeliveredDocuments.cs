using System.Security.Claims;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Data;

namespace CloudpackPlus.Portal.Reports;

/// <summary>What a delivered document is (REPORT-1).</summary>
public enum DeliveredKind
{
    /// <summary>A service's report (PDF and HTML), made from a report template.</summary>
    Report,

    /// <summary>A basic-service cycle's proposal (BAS-3).</summary>
    Proposal,

    /// <summary>A basic-service cycle's work report delivered in the portal, not posted to Backlog (BAS-4).</summary>
    WorkReport,
}

/// <summary>One delivered document as the 「レポート」 list shows it; application and template version only for reports.</summary>
public sealed class DeliveredDocument
{
    public DeliveredKind Kind { get; init; }

    public Guid Id { get; init; }

    public Guid? ApplicationId { get; init; }

    public string? ApplicationNumber { get; init; }

    public string ServiceName { get; init; } = "";

    public string? Title { get; init; }

    public DateTimeOffset DeliveredAt { get; init; }

    public int? TemplateVersion { get; init; }

    /// <summary>The report's language (a service's report is made in Japanese and in English); null for the others.</summary>
    public string? Culture { get; init; }
}

/// <summary>
/// REPORT-1: every document delivered to one company, newest first, a page at a time: service reports, basic-service
/// proposals and the work reports delivered in the portal (those posted to Backlog live there). The search looks in the
/// service, the application number and the title. Issue #17: the page and its total in the page's one round trip
/// (<see cref="PageBatch"/>, with the header's unread count); a page number past the end shows the last page.
/// </summary>
public sealed class DeliveredDocuments(PageBatch pages)
{
    /// <summary>
    /// The company's documents ($1): the service's name in Japanese when $2, the basic service's name ($3) for its cycles,
    /// narrowed by the search pattern ($4, null for none).
    /// </summary>
    private const string Documents = """
        SELECT * FROM (
            SELECT 'Report' AS kind, r.id, a.id AS application_id, a.number, COALESCE(CASE WHEN $2 THEN s.name_ja ELSE s.name_en END, r.service_id) AS service_name,
                   NULL::text AS title, r.generated_at AS delivered_at, r.template_version, r.culture::text AS culture
            FROM core.reports r JOIN core.applications a ON a.id = r.application_id LEFT JOIN core.catalogue_entries s ON s.id = r.service_id
            WHERE r.company_id = $1
            UNION ALL
            SELECT 'Proposal', p.id, NULL, NULL, $3::text, p.title, p.delivered_at, NULL, NULL
            FROM core.basic_service_proposals p WHERE p.company_id = $1 AND p.delivered_at IS NOT NULL AND p.proposal IS NOT NULL
            UNION ALL
            SELECT 'WorkReport', p.id, NULL, NULL, $3::text, p.title, p.reported_at, NULL, NULL
            FROM core.basic_service_proposals p
            WHERE p.company_id = $1 AND p.reported_at IS NOT NULL AND p.work_report IS NOT NULL AND p.backlog_issue_key IS NULL
        ) d
        WHERE $4::text IS NULL OR d.service_name ILIKE $4 OR COALESCE(d.number, '') ILIKE $4 OR COALESCE(d.title, '') ILIKE $4
        """;

    private const string CountSql = $"SELECT count(*)::int FROM ({Documents}) counted";

    /// <summary>One page of the company's documents; <c>basicServiceName</c> is the basic service's name in the reader's language (its documents have no catalogue entry).</summary>
    public async Task<Paged<DeliveredDocument>> PageAsync(ClaimsPrincipal user, Guid companyId, bool japanese, string basicServiceName, string? search,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var pattern = Paging.Term(search) is { } term ? Paging.ContainsPattern(term) : null;
        var batch = pages.Start(user);
        var total = batch.Add(CountSql, r => r.GetInt32(0), companyId, japanese, basicServiceName, pattern);
        var rows = batch.Add(
            $"{Documents} ORDER BY d.delivered_at DESC, d.id DESC LIMIT $5 OFFSET LEAST($6, GREATEST(({CountSql}) - 1, 0) / $5 * $5)",
            r => new DeliveredDocument
            {
                Kind = r.Enum<DeliveredKind>(0), Id = r.GetGuid(1), ApplicationId = r.Id(2), ApplicationNumber = r.Text(3), ServiceName = r.GetString(4),
                Title = r.Text(5), DeliveredAt = r.At(6), TemplateVersion = r.Number(7), Culture = r.Text(8),
            },
            companyId, japanese, basicServiceName, pattern, (long)pageSize, (long)Paging.Offset(page, pageSize));
        await pages.RunAsync(batch, cancellationToken);

        var count = total.FirstOrDefault;
        return new Paged<DeliveredDocument>(rows.Rows, count, Paging.Clamp(page, count, pageSize), pageSize);
    }
}
