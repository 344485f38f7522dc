using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Reports;

/// <summary>One delivered report as the list shows it.</summary>
public sealed record DeliveredReport(Guid Id, Guid ApplicationId, string ApplicationNumber, string ServiceId, string ServiceName,
    DateTimeOffset GeneratedAt, int TemplateVersion, string Culture, long Size);

/// <summary>
/// REPORT-1: every report delivered to the company in the portal (service reports; work reports not posted to
/// Backlog), newest first, 25 a page, with service, application, date and template version; the downloads are the
/// application's report route, which serves only the company's users and staff.
/// </summary>
public sealed class IndexModel(CoreDbContext db) : PageModel
{
    public const int PageSize = 25;

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<DeliveredReport> Reports { get; private set; } = new([], 0, 1, PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return NotFound();
        }

        var japanese = PortalCultures.IsJapanese;
        var query =
            from r in db.Reports.AsNoTracking()
            join a in db.Applications.AsNoTracking() on r.ApplicationId equals a.Id
            join s in db.Catalogue.AsNoTracking() on r.ServiceId equals s.Id into services
            from s in services.DefaultIfEmpty()
            where r.CompanyId == companyId
            orderby r.GeneratedAt descending, r.Id
            select new DeliveredReport(r.Id, r.ApplicationId, a.Number, r.ServiceId,
                s == null ? r.ServiceId : (japanese ? s.NameJa : s.NameEn), r.GeneratedAt, r.TemplateVersion, r.Culture, r.Size);
        Reports = await Paging.OfAsync(query, PageNumber, PageSize, cancellationToken);
        return Page();
    }
}
