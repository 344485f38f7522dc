using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Inquiries;

/// <summary>One inquiry as lists show it.</summary>
public sealed record InquiryRow(Inquiry Inquiry, string CompanyName, string OpenedByName, string? AssigneeName, int Messages);

/// <summary>Which inquiries the staff inbox shows.</summary>
public enum InquiryFilter
{
    Open,
    Mine,
    Unassigned,
    Closed,
    All,
}

/// <summary>INQ-1: reads for the customer's list, the staff inbox and one inquiry with its conversation. Tenant filters apply.</summary>
public sealed class InquiryQueries(CoreDbContext db)
{
    /// <summary>One page of the company's inquiries, newest first, narrowed by a search in the number and subject.</summary>
    public Task<Paged<InquiryRow>> ForCompanyAsync(Guid companyId, string? search = null, int page = 1, int pageSize = Paging.ListPageSize, CancellationToken cancellationToken = default) =>
        PageAsync(Search(db.Set<Inquiry>().Where(i => i.CompanyId == companyId), search, staff: false)
            .OrderByDescending(i => i.OpenedAt).ThenByDescending(i => i.Id), page, pageSize, cancellationToken);

    /// <summary>
    /// One page of the staff inbox: open inquiries oldest first (the age is what matters), or the chosen filter; a search
    /// narrows it by number, subject or company (code or name).
    /// </summary>
    public Task<Paged<InquiryRow>> InboxAsync(InquiryFilter filter, Guid me, InquiryCategory? category, string? search = null, int page = 1,
        int pageSize = Paging.ListPageSize, CancellationToken cancellationToken = default)
    {
        var query = Search(db.Set<Inquiry>().AsQueryable(), search, staff: true);
        query = filter switch
        {
            InquiryFilter.Mine => query.Where(i => i.Status == InquiryStatus.Open && i.AssigneeId == me),
            InquiryFilter.Unassigned => query.Where(i => i.Status == InquiryStatus.Open && i.AssigneeId == null),
            InquiryFilter.Closed => query.Where(i => i.Status != InquiryStatus.Open),
            InquiryFilter.All => query,
            _ => query.Where(i => i.Status == InquiryStatus.Open),
        };
        if (category is { } c)
        {
            query = query.Where(i => i.Category == c);
        }

        var ordered = filter is InquiryFilter.Closed or InquiryFilter.All
            ? query.OrderByDescending(i => i.OpenedAt).ThenByDescending(i => i.Id)
            : query.OrderBy(i => i.OpenedAt).ThenBy(i => i.Id);
        return PageAsync(ordered, page, pageSize, cancellationToken);
    }

    public async Task<InquiryRow?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await RowsAsync(db.Set<Inquiry>().Where(i => i.Id == id), cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<ConversationLine>> MessagesAsync(Guid inquiryId, CancellationToken cancellationToken = default)
    {
        var messages = await db.Set<InquiryMessage>().AsNoTracking().Where(m => m.InquiryId == inquiryId)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new
            {
                m.Id, m.AuthorId, m.FromStaff, m.Body, m.CreatedAt,
                Author = db.People.IgnoreQueryFilters().Where(p => p.Id == m.AuthorId).Select(p => p.DisplayName).FirstOrDefault(),
                Files = m.Attachments.OrderBy(a => a.FileName).Select(a => new AttachmentInfo(a.Id, a.FileName, a.ContentType, a.Size)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return messages.Select(m => new ConversationLine(m.Id, m.AuthorId, m.Author ?? "?", m.FromStaff, m.Body, m.CreatedAt, m.Files)).ToList();
    }

    /// <summary>One attachment with its content, or null (also when it belongs to another inquiry or company).</summary>
    public Task<InquiryAttachment?> AttachmentAsync(Guid inquiryId, Guid attachmentId, CancellationToken cancellationToken = default) =>
        db.Set<InquiryAttachment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.InquiryId == inquiryId, cancellationToken);

    /// <summary>Staff who can be assigned (CSMs and leads), by name.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> AssignableStaffAsync(CancellationToken cancellationToken = default) =>
        (await db.People.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.Role == Companies.PersonRole.Csm || p.Role == Companies.PersonRole.CsmLead || p.Role == Companies.PersonRole.Admin)
            .OrderBy(p => p.DisplayName).Select(p => new { p.Id, p.DisplayName }).ToListAsync(cancellationToken))
        .Select(p => (p.Id, p.DisplayName)).ToList();

    private IQueryable<Inquiry> Search(IQueryable<Inquiry> query, string? search, bool staff)
    {
        if (Paging.Term(search) is not { } term)
        {
            return query;
        }

        var pattern = Paging.ContainsPattern(term);
        if (!staff)
        {
            return query.Where(i => EF.Functions.ILike(i.Number, pattern) || EF.Functions.ILike(i.Subject, pattern));
        }

        // Companies through the tenant filter (staff see every company): IgnoreQueryFilters here would lift the inquiries' filter too.
        return query.Where(i => EF.Functions.ILike(i.Number, pattern) || EF.Functions.ILike(i.Subject, pattern)
            || db.Companies.Any(c => c.Id == i.CompanyId && (EF.Functions.ILike(c.Code, pattern) || EF.Functions.ILike(c.Name, pattern))));
    }

    private async Task<Paged<InquiryRow>> PageAsync(IOrderedQueryable<Inquiry> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var current = Paging.Clamp(page, total, pageSize);
        var rows = await RowsAsync(ordered.Skip((current - 1) * pageSize).Take(pageSize), cancellationToken);
        return new Paged<InquiryRow>(rows, total, current, pageSize);
    }

    // The inquiries are read with the tenant filter first; names are looked up apart, because an IgnoreQueryFilters
    // anywhere in a query turns the filters off for the whole query (another company's inquiry would show).
    private async Task<IReadOnlyList<InquiryRow>> RowsAsync(IQueryable<Inquiry> query, CancellationToken cancellationToken)
    {
        var inquiries = await query.AsNoTracking().ToListAsync(cancellationToken);
        var ids = inquiries.Select(i => i.Id).ToList();
        var people = inquiries.Select(i => i.OpenedBy).Concat(inquiries.Where(i => i.AssigneeId != null).Select(i => i.AssigneeId!.Value)).Distinct().ToList();
        var companies = inquiries.Select(i => i.CompanyId).Distinct().ToList();
        var names = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var companyNames = await db.Companies.IgnoreQueryFilters().AsNoTracking().Where(c => companies.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var counts = await db.Set<InquiryMessage>().AsNoTracking().Where(m => ids.Contains(m.InquiryId)).GroupBy(m => m.InquiryId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return inquiries.Select(i => new InquiryRow(i, companyNames.GetValueOrDefault(i.CompanyId, "?"), names.GetValueOrDefault(i.OpenedBy, "?"),
            i.AssigneeId is { } a ? names.GetValueOrDefault(a) : null, counts.GetValueOrDefault(i.Id))).ToList();
    }
}
