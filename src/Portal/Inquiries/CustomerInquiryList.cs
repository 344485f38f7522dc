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
    private const string Sql = """
        SELECT i.id, i.number, i.category, i.subject, i.status, i.opened_by, i.opened_at, i.assignee_id, i.last_activity_at,
               i.closed_at, i.closed_by, i.redirect_version, COALESCE(c.name, '?'), COALESCE(o.display_name, '?'), a.display_name,
               (SELECT count(*)::int FROM core.inquiry_messages m WHERE m.inquiry_id = i.id)
        FROM core.inquiries i
        LEFT JOIN core.companies c ON c.id = i.company_id
        LEFT JOIN core.people o ON o.id = i.opened_by
        LEFT JOIN core.people a ON a.id = i.assignee_id
        WHERE i.company_id = $1
        ORDER BY i.opened_at DESC
        """;

    public static BatchRows<InquiryRow> AddTo(OneBatch batch, Guid companyId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Add(Sql, r => new InquiryRow(
            new Inquiry
            {
                Id = r.GetGuid(0), CompanyId = companyId, Number = r.GetString(1), Category = r.Enum<InquiryCategory>(2), Subject = r.GetString(3),
                Status = r.Enum<InquiryStatus>(4), OpenedBy = r.GetGuid(5), OpenedAt = r.At(6), AssigneeId = r.Id(7), LastActivityAt = r.At(8),
                ClosedAt = r.Stamp(9), ClosedBy = r.Id(10), RedirectVersion = r.Number(11),
            },
            r.GetString(12), r.GetString(13), r.Text(14), r.GetInt32(15)), companyId);
    }
}
