using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Inquiries;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Inquiries;

/// <summary>One inquiry as its page shows it (customer or staff): the row, its conversation and, when redirected, the text given.</summary>
public sealed record InquiryView(InquiryRow Row, IReadOnlyList<ConversationLine> Messages, InquiryRedirectText? Redirect)
{
    public Inquiry Inquiry => Row.Inquiry;
}

/// <summary>INQ-1: what the inquiry pages share: loading one inquiry, posting a message, sending an attachment.</summary>
public sealed class InquiryPages(InquiryQueries queries, InquiryService inquiries, InquiryRedirects redirects, IStringLocalizer<SharedResource> text)
{
    /// <summary>The inquiry with its conversation, or null when it does not exist or the tenant may not see it (another company's: 404).</summary>
    public async Task<InquiryView?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(id, cancellationToken) is not { } row)
        {
            return null;
        }

        var redirect = row.Inquiry.Status == InquiryStatus.Redirected ? await redirects.VersionAsync(row.Inquiry.Category, row.Inquiry.RedirectVersion, cancellationToken) : null;
        return new InquiryView(row, await queries.MessagesAsync(id, cancellationToken), redirect);
    }

    /// <summary>Posts a message; the refusal in the reader's language, or null.</summary>
    public async Task<string?> PostAsync(Guid id, Guid personId, bool fromStaff, string? body, IEnumerable<IFormFile>? files, CancellationToken cancellationToken)
    {
        var (uploads, error) = await PageHelpers.ReadUploadsAsync(files, text, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        try
        {
            await inquiries.PostAsync(id, personId, fromStaff, body, uploads, cancellationToken);
            return null;
        }
        catch (ProgrammeRuleException e)
        {
            return PortalCultures.MessageOf(e);
        }
    }

    /// <summary>An attachment of a visible inquiry, sent like a conversation attachment (download, sandboxed, nosniff).</summary>
    public async Task<IActionResult> SendAttachmentAsync(PageModel page, Guid id, Guid attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (await queries.GetAsync(id, cancellationToken) is null || await queries.AttachmentAsync(id, attachmentId, cancellationToken) is not { } file)
        {
            return page.NotFound();
        }

        page.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        page.Response.Headers.XContentTypeOptions = "nosniff";
        page.Response.Headers.CacheControl = "private, no-store";
        return page.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>Days since the inquiry was opened (the inbox's age).</summary>
    public static int AgeInDays(Inquiry inquiry, DateTimeOffset now) =>
        inquiry is null ? 0 : (int)Math.Floor((now - inquiry.OpenedAt).TotalDays);
}
