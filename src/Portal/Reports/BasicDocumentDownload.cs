using System.Globalization;
using System.Text;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Reports;

/// <summary>
/// REPORT-1: a basic-service cycle's proposal or portal work report as a UTF-8 text download (Content-Disposition
/// attachment, never cached). The tenant filter answers 404 for another company's cycle; a document not delivered
/// (or a work report posted to Backlog) is 404 too.
/// </summary>
public static class BasicDocumentDownload
{
    /// <summary>The URL segment of a kind: <c>proposal</c> or <c>work-report</c>.</summary>
    public static string Segment(DeliveredKind kind) => kind == DeliveredKind.Proposal ? "proposal" : "work-report";

    public static async Task<IActionResult> SendAsync(PageModel page, CoreDbContext db, Guid cycleId, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(db);
        if (kind is not ("proposal" or "work-report"))
        {
            return page.NotFound();
        }

        var cycle = await db.BasicServiceProposals.AsNoTracking().Where(p => p.Id == cycleId)
            .Select(p => new { p.Title, p.Proposal, p.DeliveredAt, p.WorkReport, p.ReportedAt, p.BacklogIssueKey })
            .SingleOrDefaultAsync(cancellationToken);
        var (body, at) = kind == "proposal"
            ? (cycle?.DeliveredAt is null ? null : cycle.Proposal, cycle?.DeliveredAt)
            : (cycle?.BacklogIssueKey is not null ? null : cycle?.WorkReport, cycle?.ReportedAt);
        if (cycle is null || body is null || at is not { } when)
        {
            return page.NotFound();
        }

        var headers = page.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{cycle.Title}\r\n\r\n{body.ReplaceLineEndings("\r\n")}\r\n")).ToArray();
        var name = $"{kind}-{Tokyo.ToTokyo(when).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.txt";
        return page.File(content, "text/plain; charset=utf-8", name);
    }
}
