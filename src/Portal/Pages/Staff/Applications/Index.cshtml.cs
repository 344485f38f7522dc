using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Applications;

/// <summary>Every company's applications for staff, filtered by status and searched, 25 a page.</summary>
public sealed class IndexModel(ApplicationBook book) : PageModel
{
    [FromQuery(Name = "status")]
    public ApplicationStatus? Status { get; set; }

    /// <summary>Part of the number, the service or the company.</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<ApplicationSummary> Applications { get; private set; } = new([], 0, 1, Paging.ListPageSize);

    public IReadOnlyDictionary<ApplicationStatus, int> Counts { get; private set; } = new Dictionary<ApplicationStatus, int>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Applications = await book.PageAsync(null, Status, Search, PageNumber, cancellationToken: cancellationToken);
        Counts = await book.CountByStatusAsync(null, cancellationToken);
    }
}
