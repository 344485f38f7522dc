using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Basic;

/// <summary>What the company pages show of the basic service this FY.</summary>
public sealed record BasicCyclesView(Guid CompanyId, BasicServiceAllowance Allowance, IReadOnlyList<BasicServiceProposal> Cycles, bool StaffPage, string? Unavailable);

/// <summary>
/// BAS-1, BAS-5: the company page section (staff and customer): proposals allowed, used (delivered), in progress and
/// left this FY, the FY's cycles, and for staff the start form — or, when no cycle can start, the reason and BAS-5's offer.
/// </summary>
public sealed class BasicCyclesViewComponent(BasicServiceAllowanceService allowances, CoreDbContext db, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid companyId, bool staffPage)
    {
        var fiscalYear = FiscalYear.Of(clock.GetUtcNow());
        var allowance = await allowances.GetAsync(companyId, fiscalYear, HttpContext.RequestAborted);
        var cycles = await db.BasicServiceProposals.AsNoTracking().Where(p => p.CompanyId == companyId && p.FiscalYear == fiscalYear.StartYear)
            .OrderByDescending(p => p.StartedAt).ToListAsync(HttpContext.RequestAborted);
        return View(For(companyId, allowance, cycles, staffPage));
    }

    /// <summary>The section's model from data already read (the staff company page reads it in its own batch).</summary>
    public static BasicCyclesView For(Guid companyId, BasicServiceAllowance allowance, IReadOnlyList<BasicServiceProposal> cycles, bool staffPage)
    {
        ArgumentNullException.ThrowIfNull(allowance);
        var unavailable = allowance.Remaining > 0 ? null : Localization.PortalCultures.MessageOf(new BasicServiceUnavailableException(allowance));
        return new BasicCyclesView(companyId, allowance, cycles, staffPage, unavailable);
    }
}
