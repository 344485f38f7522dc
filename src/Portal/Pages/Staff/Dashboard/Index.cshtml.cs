using System.Text.Json;
using CloudpackPlus.Portal.Dashboard;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Dashboard;

/// <summary>
/// The customer-success dashboard (issue #14 §8) for CSMs, leads and admins: this fiscal year's tickets by rank,
/// companies that used nothing or are about to run out, basic-service proposals, open applications by state and
/// age, overdue tasks — each a chart with its table beside it, each table exportable as CSV.
/// </summary>
public sealed class IndexModel(DashboardQuery query, IStringLocalizer<SharedResource> text, Csat.CsatFigures csat) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>all (the default), mine, companies (see <see cref="DashboardScope"/>).</summary>
    [FromQuery(Name = "scope")]
    public string? Scope { get; set; }

    public DashboardFigures? Figures { get; private set; }

    public IReadOnlyList<DashboardTable> Tables { get; private set; } = [];

    /// <summary>The charts' data as JSON for the page's data block (HTML-sensitive characters escaped).</summary>
    public string ChartJson { get; private set; } = "{}";

    /// <summary>CSAT: scores per service and CSM for the fiscal year, and the latest comments.</summary>
    public IReadOnlyList<DashboardTable> CsatTables { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!TryScope(out var scope))
        {
            // An unknown filter is the caller's mistake: say so in the reader's language and show everyone's figures.
            ModelState.AddModelError(string.Empty, text["Dashboard.UnknownScope"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Scope = "all";
        }

        Figures = await query.LoadAsync(scope, PortalClaims.PersonIdOf(User) ?? Guid.Empty, allRows: false, cancellationToken);
        Tables = DashboardTables.All(Figures, text);
        ChartJson = JsonSerializer.Serialize(DashboardTables.Keys.ToDictionary(k => k, k => DashboardTables.Chart(k, Figures, text)), Json);
        CsatTables = await csat.LoadAsync(allRows: false, cancellationToken);
        return Page();
    }

    /// <summary>One table as CSV with every row: <c>?handler=Csv&amp;table=unused&amp;scope=mine</c>.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? table, CancellationToken cancellationToken)
    {
        if (!TryScope(out var scope))
        {
            return BadRequest(text["Dashboard.UnknownScope"].Value);
        }

        if (table is null || !DashboardTables.Keys.Contains(table))
        {
            return NotFound();
        }

        var figures = await query.LoadAsync(scope, PortalClaims.PersonIdOf(User) ?? Guid.Empty, allRows: true, cancellationToken);
        var csv = DashboardCsv.Write(DashboardTables.Build(table, figures, text)!);
        return File(csv, "text/csv; charset=utf-8", $"cloudpack-dashboard-{table}-FY{figures.Year.StartYear}-{Scope ?? "all"}.csv");
    }

    /// <summary>CSAT: one table as CSV with every row: <c>?handler=CsatCsv&amp;table=csat-services</c>.</summary>
    public async Task<IActionResult> OnGetCsatCsvAsync(string? table, CancellationToken cancellationToken)
    {
        if (table is null || !Csat.CsatFigures.Keys.Contains(table))
        {
            return NotFound();
        }

        var tables = await csat.LoadAsync(allRows: true, cancellationToken);
        return File(DashboardCsv.Write(tables.Single(t => t.Key == table)), "text/csv; charset=utf-8", $"cloudpack-{table}-FY{csat.Year.StartYear}.csv");
    }

    private bool TryScope(out DashboardScope scope)
    {
        scope = DashboardScope.All;
        switch (Scope)
        {
            case null or "all":
                return true;
            case "mine":
                scope = DashboardScope.Mine;
                return true;
            case "companies":
                scope = DashboardScope.Companies;
                return true;
            default:
                return false;
        }
    }
}
