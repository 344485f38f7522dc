using CloudpackPlus.Core.Applications;
using CloudpackPlus.Portal.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Applications;

/// <summary>Downloads a conversation attachment for staff.</summary>
public sealed class AttachmentModel(ConversationService conversation) : PageModel
{
    public Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken) =>
        AttachmentDownload.SendAsync(this, conversation, id, attachmentId, cancellationToken);
}
