using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Applications;

/// <summary>APP-1: downloads a file uploaded with an application's apply form, for staff.</summary>
public sealed class FileModel(CoreDbContext db) : PageModel
{
    public Task<IActionResult> OnGetAsync(Guid id, Guid fileId, CancellationToken cancellationToken) =>
        AttachmentDownload.SendFileAsync(this, db, id, fileId, cancellationToken);
}
