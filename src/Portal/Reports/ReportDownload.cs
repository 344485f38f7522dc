using System.Globalization;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Reports;

/// <summary>
/// REPORT-1: sends a stored report. <c>pdf</c> and <c>html</c> are downloads (Content-Disposition attachment);
/// <c>view</c> shows the HTML in the browser inside a sandbox (no script, nothing fetched, its own inline style only).
/// Never cached. The report must belong to the application in the URL; the data layer's tenant filter answers
/// 404 for another company's report.
/// </summary>
public static class ReportDownload
{
    /// <summary>The policy the HTML is viewed under: a sandboxed document that can only style itself and show its SVG.</summary>
    public const string ViewPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static async Task<IActionResult> SendAsync(PageModel page, CoreDbContext db, Guid applicationId, Guid reportId, string format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(db);
        if (format is not ("pdf" or "html" or "view"))
        {
            return page.NotFound();
        }

        var reports = db.Reports.AsNoTracking().Where(r => r.Id == reportId && r.ApplicationId == applicationId);
        var found = format == "pdf"
            ? await reports.Select(r => new { r.ServiceId, r.Culture, r.GeneratedAt, Content = r.Pdf }).SingleOrDefaultAsync(cancellationToken)
            : await reports.Select(r => new { r.ServiceId, r.Culture, r.GeneratedAt, Content = r.Html }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return page.NotFound();
        }

        var headers = page.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (format == "view")
        {
            headers.ContentSecurityPolicy = ViewPolicy;
            return page.File(found.Content, "text/html; charset=utf-8");
        }

        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        var name = $"report-{found.ServiceId}-{found.Culture}-{Tokyo.ToTokyo(found.GeneratedAt).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.{format}";
        return page.File(found.Content, format == "pdf" ? "application/pdf" : "text/html; charset=utf-8", name);
    }
}
