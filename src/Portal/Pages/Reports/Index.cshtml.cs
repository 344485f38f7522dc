using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Reports;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Reports;

/// <summary>
/// REPORT-1: every document delivered to the company in the portal — service reports, basic-service proposals, work
/// reports not posted to Backlog — newest first, searched, 25 a page, with service, application, date and template
/// version. The downloads serve only the company's users and staff.
/// </summary>
public sealed class IndexModel(DeliveredDocuments documents, IStringLocalizer<SharedResource> text) : PageModel
{
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<DeliveredDocument> Reports { get; private set; } = new([], 0, 1, Paging.ListPageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return NotFound();
        }

        Reports = await documents.PageAsync(User, companyId, PortalCultures.IsJapanese, text["Basic_Title"], Search, PageNumber, Paging.ListPageSize, cancellationToken);
        return Page();
    }
}
