using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>APP-2: the company's applications, filtered by status and searched, 25 a page.</summary>
public sealed class IndexModel(ApplicationBook book) : PageModel
{
    [FromQuery(Name = "status")]
    public ApplicationStatus? Status { get; set; }

    /// <summary>Part of the number or the service.</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<ApplicationSummary> Applications { get; private set; } = new([], 0, 1, Paging.ListPageSize);

    public IReadOnlyDictionary<ApplicationStatus, int> Counts { get; private set; } = new Dictionary<ApplicationStatus, int>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return NotFound();
        }

        Counts = await book.CountByStatusAsync(companyId, cancellationToken);
        Applications = await book.PageAsync(companyId, Status, Search, PageNumber, Counts, cancellationToken: cancellationToken);
        return Page();
    }
}
