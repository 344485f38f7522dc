using CloudpackPlus.Portal.Inquiries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Inquiries;

/// <summary>Downloads an attachment of the company's own inquiry (another company's: 404), as a download that cannot run.</summary>
public sealed class AttachmentModel(InquiryPages pages) : PageModel
{
    public Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken) =>
        pages.SendAttachmentAsync(this, id, attachmentId, cancellationToken);
}
