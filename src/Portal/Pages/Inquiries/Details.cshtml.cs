using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Inquiries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Inquiries;

/// <summary>INQ-1: one inquiry of the company with its conversation (another company's answers 404).</summary>
[RequestSizeLimit(PageHelpers.MaxPostBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PageHelpers.MaxPostBytes)]
public sealed class DetailsModel(InquiryPages pages) : PageModel
{
    public InquiryView View { get; private set; } = null!;

    public ConversationView Conversation => new(View.Messages, file => $"/Inquiries/{View.Inquiry.Id}/Attachments/{file}", View.Inquiry.IsOpen);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMessageAsync(Guid id, string? body, List<IFormFile>? files, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (await pages.PostAsync(id, PortalClaims.PersonIdOf(User)!.Value, false, body, files, cancellationToken) is { } error)
        {
            ModelState.AddModelError(string.Empty, error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["Flash"] = "Conversation.Sent";
        return Redirect($"/Inquiries/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        View = (await pages.LoadAsync(id, cancellationToken))!;
        return View is not null;
    }
}
