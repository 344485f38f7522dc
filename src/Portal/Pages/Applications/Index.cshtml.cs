using CloudpackPlus.Core.Applications;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>APP-2: the company's applications, filtered by status.</summary>
public sealed class IndexModel(ApplicationBook book) : PageModel
{
    [FromQuery(Name = "status")]
    public ApplicationStatus? Status { get; set; }

    public IReadOnlyList<ApplicationSummary> Applications { get; private set; } = [];

    public IReadOnlyDictionary<ApplicationStatus, int> Counts { get; private set; } = new Dictionary<ApplicationStatus, int>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return NotFound();
        }

        Applications = await book.ListAsync(companyId, Status, cancellationToken: cancellationToken);
        Counts = await book.CountByStatusAsync(companyId, cancellationToken);
        return Page();
    }
}
