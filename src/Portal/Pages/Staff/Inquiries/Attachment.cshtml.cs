using CloudpackPlus.Portal.Inquiries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Inquiries;

/// <summary>Downloads an inquiry attachment for staff, as a download that cannot run.</summary>
public sealed class AttachmentModel(InquiryPages pages) : PageModel
{
    public Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken) =>
        pages.SendAttachmentAsync(this, id, attachmentId, cancellationToken);
}
