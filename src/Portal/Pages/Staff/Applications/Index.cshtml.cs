using CloudpackPlus.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Applications;

/// <summary>Every company's applications for staff, filtered by status.</summary>
public sealed class IndexModel(ApplicationBook book) : PageModel
{
    [FromQuery(Name = "status")]
    public ApplicationStatus? Status { get; set; }

    public IReadOnlyList<ApplicationSummary> Applications { get; private set; } = [];

    public IReadOnlyDictionary<ApplicationStatus, int> Counts { get; private set; } = new Dictionary<ApplicationStatus, int>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Applications = await book.ListAsync(null, Status, cancellationToken: cancellationToken);
        Counts = await book.CountByStatusAsync(null, cancellationToken);
    }
}
