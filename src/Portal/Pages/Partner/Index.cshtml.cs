using CloudpackPlus.Activities.WebScan;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Partner;

/// <summary>WEB-L: the partner engineer's home: the applications assigned to it, and the yearly statistics export (WEB-7).</summary>
public sealed class IndexModel(PartnerDesk desk, TimeProvider clock) : PageModel
{
    /// <summary>Part of the number or the customer's name.</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<PartnerApplication> Applications { get; private set; } = new([], 0, 1, Paging.ListPageSize);

    /// <summary>The fiscal years offered for the export (this one and the four before).</summary>
    public IReadOnlyList<int> FiscalYears { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Applications = await desk.PageAsync(PortalClaims.PersonIdOf(User)!.Value, Search, PageNumber, cancellationToken: cancellationToken);
        var current = FiscalYear.Current(clock).StartYear;
        FiscalYears = Enumerable.Range(0, 5).Select(i => current - i).ToList();
        return Page();
    }
}
