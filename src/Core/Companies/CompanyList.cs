using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Companies;

/// <summary>A line of the staff company list.</summary>
public sealed record CompanyListRow(
    Guid Id, string Code, string Name, CompanyStatus Status, Rank? Rank, int Balance, int OpenApplications, DateTimeOffset LastActivity,
    Guid? OwningCsmId);

/// <summary>A page of the company list and how many match in all.</summary>
public sealed record CompanyListPage(IReadOnlyList<CompanyListRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The staff company list: search by code or name, the rank and ticket balance of the current fiscal
/// year, open applications and last activity, one page at a time (two queries whatever the page size).
/// </summary>
public sealed class CompanyList(CoreDbContext db, TimeProvider clock)
{
    public const int DefaultPageSize = Paging.ListPageSize;

    /// <summary>One page: <paramref name="search"/> is part of the code or name (case-insensitive, null = all); <paramref name="csmId"/> keeps the companies that staff member owns or backs up.</summary>
    public async Task<CompanyListPage> PageAsync(string? search, Guid? csmId, int page, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(page, 1);
        var fiscalYear = FiscalYear.Current(clock).StartYear;
        var query = db.Companies.AsNoTracking();
        var term = search?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            var pattern = Paging.ContainsPattern(term);
            query = query.Where(c => EF.Functions.ILike(c.Code, pattern) || EF.Functions.ILike(c.Name, pattern));
        }

        if (csmId is { } csm)
        {
            query = query.Where(c => c.OwningCsmId == csm || c.BackupCsmId == csm);
        }

        var total = await query.CountAsync(cancellationToken);
        page = Paging.Clamp(page, total, pageSize); // past the end: the last page
        var rows = await query.OrderBy(c => c.Code).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new CompanyListRow(
                c.Id, c.Code, c.Name, c.Status,
                db.RankAssignments.Where(r => r.CompanyId == c.Id && r.FiscalYear == fiscalYear).OrderByDescending(r => r.Id).Select(r => (Rank?)r.Rank).FirstOrDefault(),
                db.TicketLedger.Where(e => e.CompanyId == c.Id && e.FiscalYear == fiscalYear).Sum(e => e.Amount),
                db.Applications.Count(a => a.CompanyId == c.Id && a.Status != ApplicationStatus.Completed && a.Status != ApplicationStatus.Cancelled),
                db.Applications.Where(a => a.CompanyId == c.Id).Max(a => (DateTimeOffset?)a.UpdatedAt) ?? c.EnrolledAt ?? c.CreatedAt,
                c.OwningCsmId))
            .ToListAsync(cancellationToken);
        return new CompanyListPage(rows, total, page, pageSize);
    }
}
