using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Basic;
using CloudpackPlus.Portal.Companies;
using CloudpackPlus.Portal.Data;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Company;

/// <summary>
/// CO-1, TKT-4: rank and benefits, ticket balance and history with running balance, linked AWS accounts. Readable when suspended (ELIG-4).
/// One SQL round trip with the header's unread count (issue #17).
/// </summary>
public sealed class IndexModel(PageBatch pages, CompanyOverview overview, TimeProvider clock) : PageModel
{
    /// <summary>The fiscal year to show (its start year); default the current one.</summary>
    [FromQuery(Name = "fy")]
    public int? Year { get; set; }

    public CompanySnapshot Snapshot { get; private set; } = null!;

    public BasicCyclesView Basic { get; private set; } = null!;

    public FiscalYear Current => FiscalYear.Current(clock);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return NotFound();
        }

        FiscalYear? year = Year is { } y && y is >= 2000 and <= 2100 ? new FiscalYear(y) : null;
        var batch = pages.Start(User);
        var read = overview.AddTo(batch, companyId, year, withDetails: true);
        var basic = BasicCyclesViewComponent.AddTo(batch, companyId, FiscalYear.Of(clock.GetUtcNow()), staffPage: false); // BAS-1: this FY's
        await pages.RunAsync(batch, cancellationToken);
        if (read() is not { } snapshot)
        {
            return NotFound();
        }

        Basic = basic();

        Snapshot = snapshot;
        return Page();
    }
}
