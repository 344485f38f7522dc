using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Inquiries;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Inquiries;

/// <summary>
/// INQ-1: any company user opens an inquiry. Out-of-programme categories (sales, Backlog, the support desk) are
/// answered at once with the redirect text staff maintain; the others go to the company's CSMs.
/// </summary>
[RequestSizeLimit(PageHelpers.MaxPostBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PageHelpers.MaxPostBytes)]
public sealed class NewModel(InquiryService inquiries, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public InquiryCategory Category { get; set; } = InquiryCategory.ProgrammeQuestion;

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    public async Task<IActionResult> OnPostAsync(List<IFormFile>? files, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            ModelState.Clear();
            return Refuse(text["Console.InvalidValue"]);
        }

        var (uploads, error) = await PageHelpers.ReadUploadsAsync(files, text, cancellationToken);
        if (error is not null)
        {
            return Refuse(error);
        }

        try
        {
            var inquiry = await inquiries.OpenAsync(PortalClaims.PersonIdOf(User)!.Value, new NewInquiry(Category, Subject, Body, uploads), cancellationToken);
            TempData["Flash"] = inquiry.Status == InquiryStatus.Redirected ? "Inquiry_Redirected" : "Inquiry_OpenedFlash";
            return Redirect($"/Inquiries/{inquiry.Id}");
        }
        catch (ProgrammeRuleException e)
        {
            return Refuse(PortalCultures.MessageOf(e));
        }
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
