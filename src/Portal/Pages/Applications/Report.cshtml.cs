using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>REPORT-1: the company's own application's report as PDF or HTML download, or the HTML viewed sandboxed.</summary>
public sealed class ReportDownloadModel(CoreDbContext db) : PageModel
{
    public Task<IActionResult> OnGetAsync(Guid id, Guid reportId, string format, CancellationToken cancellationToken) =>
        ReportDownload.SendAsync(this, db, id, reportId, format, cancellationToken);
}
