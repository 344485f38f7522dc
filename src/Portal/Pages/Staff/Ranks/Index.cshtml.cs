using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Ranks;

/// <summary>Admin: RANK-2's amount thresholds per fiscal year (versioned: a year without its own row uses the latest earlier one).</summary>
public sealed class IndexModel(CoreDbContext core, RankService ranks, StaffAudit audit, TimeProvider clock, IStringLocalizer<SharedResource> text) : StaffPageModel
{
    public const int PageSize = 20;

    /// <summary>How far ahead thresholds may be set.</summary>
    public const int YearsAhead = 5;

    public Paged<RankThresholds> Rows { get; private set; } = new([], 0, 1, PageSize);

    public FiscalYear Current { get; private set; }

    /// <summary>The year in the edit form, what is in force for it, and the version of its own row (0: none).</summary>
    public FiscalYear EditYear { get; private set; }

    public RankThresholds InForce { get; private set; } = RankThresholds.Default;

    public uint EditVersion { get; private set; }

    [FromQuery(Name = "edit")]
    public int? Edit { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await Load(Edit, cancellationToken);

    public async Task<IActionResult> OnPostAsync(int fiscalYear, long platinum, long gold, long silver, long bronze, uint version, CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(() => Load(fiscalYear, cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        var current = FiscalYear.Current(clock);
        if (fiscalYear < current.StartYear || fiscalYear > current.StartYear + YearsAhead)
        {
            return await RefuseAsync(text["Ranks.Thresholds.YearRefused", current.StartYear, current.StartYear + YearsAhead], StatusCodes.Status400BadRequest, () => Load(null, cancellationToken));
        }

        if (new[] { platinum, gold, silver, bronze }.Any(v => v is < 0 or > TransactionAmountService.MaxAmountYen))
        {
            return await RefuseAsync(text["Ranks.Thresholds.Range"], StatusCodes.Status400BadRequest, () => Load(fiscalYear, cancellationToken));
        }

        return await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "ranks.thresholds-set", null, async () =>
        {
            var before = await ranks.GetThresholdsAsync(new FiscalYear(fiscalYear), cancellationToken);
            await ranks.SetThresholdsAsync(new FiscalYear(fiscalYear), platinum, gold, silver, bronze, StaffId, version, cancellationToken);
            return $"FY{fiscalYear}: {before.PlatinumMinYen:N0}/{before.GoldMinYen:N0}/{before.SilverMinYen:N0}/{before.BronzeMinYen:N0} -> {platinum:N0}/{gold:N0}/{silver:N0}/{bronze:N0}";
        }, cancellationToken), "Ranks.Thresholds.Saved", () => Load(fiscalYear, cancellationToken), new { edit = fiscalYear });
    }

    private async Task<bool> Load(int? edit, CancellationToken cancellationToken)
    {
        core.ChangeTracker.Clear();
        Current = FiscalYear.Current(clock);
        EditYear = edit is { } y && y >= Current.StartYear && y <= Current.StartYear + YearsAhead ? new FiscalYear(y) : Current.Next;
        InForce = await ranks.GetThresholdsAsync(EditYear, cancellationToken);
        EditVersion = InForce.FiscalYear == EditYear.StartYear ? InForce.RowVersion : 0;
        Rows = await Paging.OfAsync(core.RankThresholds.AsNoTracking().OrderByDescending(t => t.FiscalYear), PageNumber, PageSize, cancellationToken);
        return true;
    }
}
