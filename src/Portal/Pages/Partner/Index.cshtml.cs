using CloudpackPlus.Activities.WebScan;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Partner;

/// <summary>WEB-L: the partner engineer's home: the applications assigned to it, and the yearly statistics export (WEB-7).</summary>
public sealed class IndexModel(PartnerDesk desk, TimeProvider clock) : PageModel
{
    public IReadOnlyList<PartnerApplication> Applications { get; private set; } = [];

    /// <summary>The fiscal years offered for the export (this one and the four before).</summary>
    public IReadOnlyList<int> FiscalYears { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Applications = await desk.ListAsync(PortalClaims.PersonIdOf(User)!.Value, cancellationToken);
        var current = FiscalYear.Current(clock).StartYear;
        FiscalYears = Enumerable.Range(0, 5).Select(i => current - i).ToList();
        return Page();
    }
}
