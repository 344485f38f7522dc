using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>
/// APP-1: downloads a file uploaded with the company's own application's apply form, always as a download that
/// cannot run. The file is company-owned, so the data layer's tenant filter answers 404 for another company's.
/// </summary>
public sealed class FileModel(CoreDbContext db) : PageModel
{
    public Task<IActionResult> OnGetAsync(Guid id, Guid fileId, CancellationToken cancellationToken) =>
        AttachmentDownload.SendFileAsync(this, db, id, fileId, cancellationToken);
}
