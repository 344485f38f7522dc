using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>APP-1: downloads a file uploaded with the company's own application's apply form, always as a download that cannot run.</summary>
public sealed class FileModel(ApplicationBook book, CoreDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid fileId, CancellationToken cancellationToken)
    {
        var application = await book.FindAsync(id, cancellationToken);
        if (application is null || application.CompanyId != HttpCurrentTenant.CompanyOf(User))
        {
            return NotFound();
        }

        return await AttachmentDownload.SendFileAsync(this, db, id, fileId, cancellationToken);
    }
}
