using CloudpackPlus.Core.Time;
using CloudpackPlus.Core.WebScan;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Partner;

/// <summary>WEB-7: the scan statistics of a fiscal year as CSV: vulnerability type, count, industry, scan period, nothing else.</summary>
public sealed class StatisticsModel(ScanStatistics statistics, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? fy, CancellationToken cancellationToken)
    {
        var year = fy ?? FiscalYear.Current(clock).StartYear;
        if (year is < 2000 or > 2100)
        {
            return BadRequest();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        return File(await statistics.ExportCsvAsync(year, cancellationToken), "text/csv; charset=utf-8", $"web-scan-statistics-FY{year}.csv");
    }
}
