using System.Globalization;
using System.Text;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Staff.Audit;

/// <summary>
/// Admin: the audit log — who, what, when, the company and the target user, the detail (before → after) —
/// filtered by company (code), actor, kind and date range, 25 a page, and the filtered rows as CSV.
/// </summary>
public sealed class IndexModel(AuditQuery audit, CoreDbContext core) : StaffPageModel
{
    public const int PageSize = Paging.ListPageSize;

    [FromQuery(Name = "company")]
    public string? Company { get; set; }

    [FromQuery(Name = "actor")]
    public string? Actor { get; set; }

    [FromQuery(Name = "kind")]
    public string? Kind { get; set; }

    [FromQuery(Name = "from")]
    public DateOnly? From { get; set; }

    [FromQuery(Name = "to")]
    public DateOnly? To { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<AuditEntry> Rows { get; private set; } = new([], 0, 1, PageSize);

    public IReadOnlyList<string> Kinds { get; private set; } = [];

    public IReadOnlyDictionary<Guid, (string Code, string Name)> Companies { get; private set; } = new Dictionary<Guid, (string, string)>();

    public IReadOnlyDictionary<Guid, string> Targets { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>A company code that matches no company: the page says so instead of showing everything.</summary>
    public bool UnknownCompany { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        Kinds = await audit.KindsAsync(cancellationToken);
        if (await FilterAsync(cancellationToken) is not { } filter)
        {
            UnknownCompany = true;
            return Page();
        }

        Rows = await audit.PageAsync(filter, PageNumber, PageSize, cancellationToken);
        var companyIds = Rows.Rows.Where(r => r.CompanyId != null).Select(r => r.CompanyId!.Value).Distinct().ToList();
        Companies = await core.Companies.IgnoreQueryFilters().AsNoTracking().Where(c => companyIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => (c.Code, c.Name), cancellationToken);
        Targets = await audit.EmailsAsync(Rows.Rows.Where(r => r.TargetUserId != null).Select(r => r.TargetUserId!.Value), cancellationToken);
        return Page();
    }

    /// <summary>Every row the filter matches, as UTF-8 CSV (with a BOM, for spreadsheet programs).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var filter = await FilterAsync(cancellationToken);
        var csv = new StringBuilder("\uFEFFat,actor,action,company_id,target_user_id,detail\r\n");
        if (filter is not null)
        {
            await foreach (var row in audit.AllAsync(filter).WithCancellation(cancellationToken))
            {
                csv.Append(CultureInfo.InvariantCulture, $"{row.At:O},{Cell(row.ActorEmail)},{Cell(row.Action)},{row.CompanyId},{row.TargetUserId},{Cell(row.Detail)}\r\n");
            }
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "audit.csv");
    }

    private async Task<AuditFilter?> FilterAsync(CancellationToken cancellationToken)
    {
        Guid? companyId = null;
        if (!string.IsNullOrWhiteSpace(Company))
        {
            var code = Company.Trim();
            companyId = code.Length > 64 ? null : await core.Companies.IgnoreQueryFilters().Where(c => c.Code == code).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
            if (companyId is null)
            {
                return null;
            }
        }

        return new AuditFilter(companyId, Cut(Actor, 254), Cut(Kind, 64), From, To);
    }

    private static string? Cut(string? value, int length) => value is { } v && v.Length > length ? v[..length] : value;

    // Quotes every field and defuses spreadsheet formulas (a cell starting with = + - @).
    private static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }

        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
