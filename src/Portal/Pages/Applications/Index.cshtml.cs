using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>APP-2: the company's applications, filtered by status and searched, 25 a page (one round trip: <see cref="CustomerApplicationList"/>).</summary>
public sealed class IndexModel(CustomerApplicationList list) : PageModel
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

        var view = await list.ReadAsync(User, companyId, Status, Search, PageNumber, cancellationToken);
        (Applications, Counts) = (view.Applications, view.Counts);
        return Page();
    }
}
