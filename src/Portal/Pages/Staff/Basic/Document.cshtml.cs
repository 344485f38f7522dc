using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Basic;

/// <summary>REPORT-1: any company's basic-service proposal or portal work report as a download (staff).</summary>
public sealed class DocumentModel(CoreDbContext db) : PageModel
{
    public Task<IActionResult> OnGetAsync(Guid id, string kind, CancellationToken cancellationToken) =>
        BasicDocumentDownload.SendAsync(this, db, id, kind, cancellationToken);
}
