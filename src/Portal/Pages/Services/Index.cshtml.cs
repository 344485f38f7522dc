using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Data;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Services;

/// <summary>One service as the catalogue shows it: whether this company can apply now, and if not, why.</summary>
public sealed record CatalogueLine(ServiceAvailability Availability, string? Why)
{
    public CatalogueEntry Entry => Availability.Entry;

    public bool CanApply => Why is null;
}

/// <summary>
/// ADV-1, ADV-2, APP-1: the catalogue of advanced services with cost, contents, and why the company cannot apply when it cannot.
/// One SQL round trip (issue #17): the entries, the company's standing, the capacities and the header's unread count in one batch.
/// </summary>
public sealed class IndexModel(PageBatch pages, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<CatalogueLine> Lines { get; private set; } = [];

    public int Balance { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return NotFound();
        }

        var representative = User.IsInRole(PortalRoles.Representative);
        var batch = pages.Start(User);
        var entries = batch.Add(CoreRows.ActiveCatalogueSql, CoreRows.CatalogueEntry);
        var check = CatalogueStandingQuery.AddTo(batch, companyId, clock);
        await pages.RunAsync(batch, cancellationToken);
        if (check(entries.Rows) is not { } availabilities)
        {
            return NotFound();
        }

        var lines = new List<CatalogueLine>();
        foreach (var availability in availabilities)
        {
            Balance = availability.Balance;
            lines.Add(new CatalogueLine(availability, ApplyAvailability.Why(availability, representative, text)));
        }

        Lines = lines;
        return Page();
    }
}
