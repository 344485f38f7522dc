using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.FiscalYears;
using CloudpackPlus.Core.Time;
using Microsoft.AspNetCore.Mvc;

namespace CloudpackPlus.Portal.Pages.Staff.Ranks;

/// <summary>
/// Admin, RANK-2 / TKT-1 / TKT-2: the fiscal-year rollover log per year (per company: previous and new rank,
/// basis, lapsed, granted) and a dry run of the next rollover (who would change rank, tickets granted) that writes nothing.
/// </summary>
public sealed class RolloverModel(FiscalYearRolloverService rollover, RolloverDryRun dryRun, TimeProvider clock) : StaffPageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<RolloverRun> Runs { get; private set; } = [];

    public FiscalYear LogYear { get; private set; }

    public Paged<RolloverLogRow> Log { get; private set; } = new([], 0, 1, PageSize);

    public RolloverPreview? DryRun { get; private set; }

    [FromQuery(Name = "fy")]
    public int? Year { get; set; }

    [FromQuery(Name = "p")]
    public int LogPage { get; set; } = 1;

    /// <summary>Show the dry run.</summary>
    [FromQuery(Name = "dry")]
    public bool ShowDryRun { get; set; }

    [FromQuery(Name = "changes")]
    public bool ChangesOnly { get; set; }

    [FromQuery(Name = "dp")]
    public int DryRunPage { get; set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Runs = await rollover.GetRunsAsync(cancellationToken);
        var current = FiscalYear.Current(clock);
        LogYear = Year is >= 2000 and <= 2100 ? new FiscalYear(Year.Value) : Runs.Count > 0 ? new FiscalYear(Runs[0].FiscalYear) : current;
        Log = await dryRun.LogAsync(LogYear, LogPage, PageSize, cancellationToken);
        if (ShowDryRun)
        {
            DryRun = await dryRun.PreviewAsync(ChangesOnly, DryRunPage, PageSize, cancellationToken);
        }
    }
}
