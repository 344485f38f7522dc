using CloudpackPlus.Core.Applications;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>Downloads a conversation attachment of the company's own application, always as a download that cannot run.</summary>
public sealed class AttachmentModel(ApplicationBook book, ConversationService conversation) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken)
    {
        var application = await book.FindAsync(id, cancellationToken);
        if (application is null || application.CompanyId != HttpCurrentTenant.CompanyOf(User))
        {
            return NotFound();
        }

        return await AttachmentDownload.SendAsync(this, conversation, id, attachmentId, cancellationToken);
    }
}
