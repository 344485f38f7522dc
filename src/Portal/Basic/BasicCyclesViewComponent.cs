using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Data;
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

    // $1 company, $2 fiscal year: the year's rank (Regular without an assignment, as BasicServiceAllowanceService) and its allowance.
    private const string AllowanceSql = """
        SELECT r.rank, COALESCE(d.basic_proposals_per_year, 0)
        FROM (SELECT COALESCE((SELECT rank FROM core.rank_assignments WHERE company_id = $1 AND fiscal_year = $2 ORDER BY id DESC LIMIT 1), 'Regular') AS rank) r
        LEFT JOIN core.rank_definitions d ON d.rank = r.rank
        """;

    private const string CyclesSql = """
        SELECT id, title, started_by, started_at, status, workflow_instance_id, delivered_at
        FROM core.basic_service_proposals WHERE company_id = $1 AND fiscal_year = $2 ORDER BY started_at DESC
        """;

    /// <summary>
    /// Issue #17: the section's data as two statements of the page's batch (the customer company page); the returned
    /// function gives the model once the batch has run. The same rules as <see cref="BasicServiceAllowanceService.GetAsync"/>.
    /// </summary>
    public static Func<BasicCyclesView> AddTo(OneBatch batch, Guid companyId, FiscalYear fiscalYear, bool staffPage)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var allowance = batch.Add(AllowanceSql, r => (Rank: r.Enum<Rank>(0), PerYear: r.GetInt32(1)), companyId, fiscalYear.StartYear);
        var cycles = batch.Add(CyclesSql, r => new BasicServiceProposal
        {
            Id = r.GetGuid(0), CompanyId = companyId, FiscalYear = fiscalYear.StartYear, Title = r.GetString(1), StartedBy = r.GetGuid(2),
            StartedAt = r.At(3), Status = r.Enum<BasicCycleStatus>(4), WorkflowInstanceId = r.Id(5), DeliveredAt = r.Stamp(6),
        }, companyId, fiscalYear.StartYear);
        return () =>
        {
            var (rank, perYear) = allowance.Rows[0];
            var counted = cycles.Rows.Where(c => c.Status != BasicCycleStatus.Cancelled).ToList();
            var allowed = new BasicServiceAllowance(rank, perYear, counted.Count(c => c.DeliveredAt is not null), counted.Count(c => c.DeliveredAt is null));
            return For(companyId, allowed, cycles.Rows, staffPage);
        };
    }

    /// <summary>The section's model from data already read (the staff company page reads it in its own batch).</summary>
    public static BasicCyclesView For(Guid companyId, BasicServiceAllowance allowance, IReadOnlyList<BasicServiceProposal> cycles, bool staffPage)
    {
        ArgumentNullException.ThrowIfNull(allowance);
        var unavailable = allowance.Remaining > 0 ? null : Localization.PortalCultures.MessageOf(new BasicServiceUnavailableException(allowance));
        return new BasicCyclesView(companyId, allowance, cycles, staffPage, unavailable);
    }
}
