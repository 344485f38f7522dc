using CloudpackPlus.Activities.Basic;
using CloudpackPlus.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Staff.Basic;

/// <summary>
/// BAS-2: the CSM starts a cloud-optimisation cycle for a company (the company page's form posts here). Refused with
/// the reason (below Silver, or this FY's proposals used up, BAS-1) and BAS-5's offer (an inquiry or an advanced service).
/// </summary>
public sealed class StartModel(BasicCycleDesk desk, CoreDbContext db) : StaffPageModel
{
    public Guid CompanyId { get; private set; }

    public string CompanyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid companyId, CancellationToken cancellationToken) =>
        await LoadAsync(companyId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid companyId, string? title, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(companyId, cancellationToken))
        {
            return NotFound();
        }

        Guid started = default;
        var result = await ChangeAsync(async () => started = await desk.StartAsync(companyId, title, StaffId, cancellationToken),
            "Basic_StartedFlash", () => LoadAsync(companyId, cancellationToken));
        return result is RedirectToPageResult ? Redirect($"/Staff/Basic/{started}") : result;
    }

    private async Task<bool> LoadAsync(Guid companyId, CancellationToken cancellationToken)
    {
        CompanyId = companyId;
        CompanyName = await db.Companies.Where(c => c.Id == companyId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        return CompanyName.Length > 0;
    }
}
