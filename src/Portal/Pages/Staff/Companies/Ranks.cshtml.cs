using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using CompanyEntity = CloudpackPlus.Core.Companies.Company;

namespace CloudpackPlus.Portal.Pages.Staff.Companies;

/// <summary>
/// Staff console: one company's ranks and tickets — transaction amounts per calendar year (RANK-2's basis, admin),
/// the rank history with an audited override (RANK-3, admin), the ledger with its running balance and the
/// reservations (TKT-4), and grant/deduct adjustments with a reason (any staff; audited).
/// </summary>
public sealed partial class RanksModel(
    CoreDbContext core, RankService ranks, TicketLedger ledger, TransactionAmountService amounts, StaffAudit audit, TimeProvider clock,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> text) : StaffPageModel
{
    public const int LedgerPageSize = 50;
    public const int SmallPageSize = 20;

    public CompanyEntity Company { get; private set; } = null!;

    public FiscalYear FiscalYear { get; private set; }

    public FiscalYear CurrentYear { get; private set; }

    public IReadOnlyList<AnnualTransaction> Amounts { get; private set; } = [];

    public Paged<RankAssignment> History { get; private set; } = new([], 0, 1, SmallPageSize);

    public IReadOnlyList<RankDefinition> Definitions { get; private set; } = [];

    public Paged<TicketHistoryLine> Ledger { get; private set; } = new([], 0, 1, LedgerPageSize);

    public Paged<TicketReservation> Reservations { get; private set; } = new([], 0, 1, SmallPageSize);

    public int Balance { get; private set; }

    /// <summary>The last ledger entry of the year shown: the version an adjustment names.</summary>
    public long LedgerVersion { get; private set; }

    /// <summary>The latest assignment of the current and the next fiscal year: the versions an override names.</summary>
    public long CurrentRankVersion { get; private set; }

    public long NextRankVersion { get; private set; }

    public int LastAmountYear => amounts.LastYear;

    public bool IsAdmin => User.IsInRole(PortalRoles.Admin);

    [FromQuery(Name = "fy")]
    public int? Year { get; set; }

    [FromQuery(Name = "p")]
    public int LedgerPage { get; set; } = 1;

    [FromQuery(Name = "rp")]
    public int ReservationPage { get; set; } = 1;

    [FromQuery(Name = "hp")]
    public int HistoryPage { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await Load(id, cancellationToken) ? Page() : NotFound();

    public string RankName(Rank rank) =>
        Definitions.FirstOrDefault(d => d.Rank == rank) is { } d ? (Localization.PortalCultures.IsJapanese ? d.NameJa : d.NameEn) : rank.ToString();

    private async Task<bool> Load(Guid id, CancellationToken cancellationToken)
    {
        core.ChangeTracker.Clear();
        var company = await core.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (company is null)
        {
            return false;
        }

        Company = company;
        CurrentYear = FiscalYear.Current(clock);
        FiscalYear = Year is >= 2000 and <= 2100 ? new FiscalYear(Year.Value) : CurrentYear;
        Amounts = await amounts.ListAsync(id, cancellationToken);
        Definitions = await ranks.GetDefinitionsAsync(cancellationToken);
        History = Paging.Of(await ranks.GetHistoryAsync(id, cancellationToken), HistoryPage, SmallPageSize);
        CurrentRankVersion = (await ranks.GetAssignmentAsync(id, CurrentYear, cancellationToken))?.Id ?? 0;
        NextRankVersion = (await ranks.GetAssignmentAsync(id, CurrentYear.Next, cancellationToken))?.Id ?? 0;
        var lines = await ledger.GetHistoryAsync(id, FiscalYear, cancellationToken);
        Balance = lines.Count == 0 ? 0 : lines[^1].BalanceAfter;
        LedgerVersion = lines.Count == 0 ? 0 : lines[^1].Id;
        Ledger = Paging.Of(lines.Reverse().ToList(), LedgerPage, LedgerPageSize);
        Reservations = await Paging.OfAsync(
            core.TicketReservations.AsNoTracking().Where(r => r.CompanyId == id).OrderByDescending(r => r.CreatedAt), ReservationPage, SmallPageSize, cancellationToken);
        return true;
    }

    private Func<Task<bool>> Reload(Guid id, CancellationToken cancellationToken) => () => Load(id, cancellationToken);
}
