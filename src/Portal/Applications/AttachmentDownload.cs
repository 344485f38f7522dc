using CloudpackPlus.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Applications;

/// <summary>Sends an attachment as a download: our content type, never rendered inline, sandboxed if opened anyway.</summary>
public static class AttachmentDownload
{
    public static async Task<IActionResult> SendAsync(PageModel page, ConversationService conversation, Guid applicationId, Guid attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(conversation);
        var file = await conversation.GetAttachmentAsync(applicationId, attachmentId, cancellationToken);
        if (file is null)
        {
            return page.NotFound();
        }

        page.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        page.Response.Headers.XContentTypeOptions = "nosniff";
        page.Response.Headers.CacheControl = "private, no-store";
        return page.File(file.Content, file.ContentType, file.FileName);
    }
}
