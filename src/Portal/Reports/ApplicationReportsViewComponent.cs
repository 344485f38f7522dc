using CloudpackPlus.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Reports;

/// <summary>REPORT-1: the application page's list of its reports (time, language, template version) with their links.</summary>
[ViewComponent(Name = "ApplicationReports")]
public sealed class ApplicationReportsViewComponent : ViewComponent
{
    /// <param name="applicationId">The application.</param>
    /// <param name="staffPage">Whether the staff page shows it.</param>
    /// <param name="prefetched">The list the page already read in its batch (then no query here, issue #17).</param>
    public async Task<IViewComponentResult> InvokeAsync(Guid applicationId, bool staffPage, IReadOnlyList<ReportListItem>? prefetched = null)
    {
        // The tenant filter keeps another company's reports out; the bytes are not read for the list. The DbContext only
        // when the page did not read the list itself (issue #17).
        var reports = prefetched ?? await HttpContext.RequestServices.GetRequiredService<CoreDbContext>().Reports.AsNoTracking().Where(r => r.ApplicationId == applicationId)
            .OrderByDescending(r => r.GeneratedAt).ThenByDescending(r => r.Culture)
            .Select(r => new ReportListItem(r.Id, r.ServiceId, r.Culture, r.TemplateVersion, r.GeneratedAt, r.Pdf.Length))
            .ToListAsync(HttpContext.RequestAborted);
        var baseUrl = staffPage ? $"/Staff/Applications/{applicationId}/Reports" : $"/Applications/{applicationId}/Reports";
        return View(new ApplicationReportsView(reports, baseUrl));
    }
}

/// <summary>One report in the list.</summary>
public sealed record ReportListItem(Guid Id, string ServiceId, string Culture, int TemplateVersion, DateTimeOffset GeneratedAt, long PdfBytes);

/// <summary>The list and where its links point.</summary>
public sealed record ApplicationReportsView(IReadOnlyList<ReportListItem> Reports, string BaseUrl);
