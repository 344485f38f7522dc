using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

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

        return Send(page, file.Content, file.ContentType, file.FileName);
    }

    /// <summary>APP-1: a file uploaded with the apply form of <paramref name="applicationId"/>, with the same headers as an attachment.</summary>
    public static async Task<IActionResult> SendFileAsync(PageModel page, CoreDbContext db, Guid applicationId, Guid fileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(db);
        var file = await db.ApplicationFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.ApplicationId == applicationId, cancellationToken);
        return file is null ? page.NotFound() : Send(page, file.Content, file.ContentType, file.FileName);
    }

    private static FileContentResult Send(PageModel page, byte[] content, string contentType, string fileName)
    {
        page.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        page.Response.Headers.XContentTypeOptions = "nosniff";
        page.Response.Headers.CacheControl = "private, no-store";
        return page.File(content, contentType, fileName);
    }
}
