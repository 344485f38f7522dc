using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Inquiries;
using CloudpackPlus.Portal.Data;

namespace CloudpackPlus.Portal.Inquiries;

/// <summary>
/// INQ-1, issue #17: the customer's inquiry list as one statement of the page's <see cref="OneBatch"/> (the same rows as
/// <see cref="InquiryQueries.ForCompanyAsync"/>, which reads the names and message counts in four queries). The company is
/// the signed-in user's; the names of the people who opened and handle an inquiry are joined past the tenant filter, as
/// InquiryQueries looks them up.
/// </summary>
public static class CustomerInquiryList
{
    // $1 company, $2 ILIKE pattern ('' = no search), $3 page asked for, $4 page size. The page is clamped in SQL to the last one
    // there is, so a number past the end shows the last page in the same round trip; each row carries the total and the page.
    private const string Sql = """
        WITH found AS (
            SELECT i.* FROM core.inquiries i
            WHERE i.company_id = $1 AND ($2 = '' OR i.number ILIKE $2 OR i.subject ILIKE $2)
        ), shown AS (
            SELECT count(*)::int AS total, GREATEST(1, LEAST($3, (count(*)::int + $4 - 1) / $4))::int AS page FROM found
        )
        SELECT i.id, i.number, i.category, i.subject, i.status, i.opened_by, i.opened_at, i.assignee_id, i.last_activity_at,
               i.closed_at, i.closed_by, i.redirect_version, COALESCE(c.name, '?'), COALESCE(o.display_name, '?'), a.display_name,
               (SELECT count(*)::int FROM core.inquiry_messages m WHERE m.inquiry_id = i.id), shown.total, shown.page
        FROM found i CROSS JOIN shown
        LEFT JOIN core.companies c ON c.id = i.company_id
        LEFT JOIN core.people o ON o.id = i.opened_by
        LEFT JOIN core.people a ON a.id = i.assignee_id
        ORDER BY i.opened_at DESC, i.id DESC
        OFFSET (SELECT (page - 1) * $4 FROM shown) LIMIT $4
        """;

    /// <summary>Adds one page of the list (searched by number or subject) to <paramref name="batch"/>; read it with <see cref="Page"/> after the run.</summary>
    public static BatchRows<(InquiryRow Row, int Total, int Page)> AddTo(OneBatch batch, Guid companyId, string? search, int page, int pageSize = Paging.ListPageSize)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var term = Paging.Term(search);
        var pattern = term is null ? "" : Paging.ContainsPattern(term);
        return batch.Add(Sql, r => (new InquiryRow(
            new Inquiry
            {
                Id = r.GetGuid(0), CompanyId = companyId, Number = r.GetString(1), Category = r.Enum<InquiryCategory>(2), Subject = r.GetString(3),
                Status = r.Enum<InquiryStatus>(4), OpenedBy = r.GetGuid(5), OpenedAt = r.At(6), AssigneeId = r.Id(7), LastActivityAt = r.At(8),
                ClosedAt = r.Stamp(9), ClosedBy = r.Id(10), RedirectVersion = r.Number(11),
            },
            r.GetString(12), r.GetString(13), r.Text(14), r.GetInt32(15)), r.GetInt32(16), r.GetInt32(17)),
            companyId, pattern, Paging.Page(page, pageSize), pageSize);
    }

    /// <summary>The page the batch read (an empty list is page 1 of 0).</summary>
    public static Paged<InquiryRow> Page(BatchRows<(InquiryRow Row, int Total, int Page)> read, int pageSize = Paging.ListPageSize)
    {
        ArgumentNullException.ThrowIfNull(read);
        return read.Rows.Count == 0
            ? new Paged<InquiryRow>([], 0, 1, pageSize)
            : new Paged<InquiryRow>(read.Rows.Select(r => r.Row).ToList(), read.Rows[0].Total, read.Rows[0].Page, pageSize);
    }
}
