using CloudpackPlus.Core.Inquiries;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Inquiries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CloudpackPlus.Portal.Pages.Staff.Inquiries;

/// <summary>INQ-1: one inquiry for staff: the conversation, assignment (audited) and closing (audited).</summary>
[RequestSizeLimit(PageHelpers.MaxPostBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PageHelpers.MaxPostBytes)]
public sealed class DetailsModel(InquiryPages pages, InquiryService inquiries, InquiryQueries queries, StaffAudit audit) : StaffPageModel
{
    public InquiryView View { get; private set; } = null!;

    public IReadOnlyList<(Guid Id, string Name)> Staff { get; private set; } = [];

    public ConversationView Conversation => new(View.Messages, file => $"/Staff/Inquiries/{View.Inquiry.Id}/Attachments/{file}", View.Inquiry.IsOpen);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMessageAsync(Guid id, string? body, List<IFormFile>? files, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (await pages.PostAsync(id, StaffId, true, body, files, cancellationToken) is { } error)
        {
            return await RefuseAsync(error, StatusCodes.Status400BadRequest, () => LoadAsync(id, cancellationToken));
        }

        TempData["Flash"] = "Conversation.Sent";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid? assignee, CancellationToken cancellationToken) =>
        await RefuseUnboundAsync(() => LoadAsync(id, cancellationToken))
        ?? await ChangeAsync(async () => await audit.RunAsync(PageActor.Of(User), "inquiry.assigned", await CompanyOfAsync(id, cancellationToken), async () =>
        {
            var before = await inquiries.AssignAsync(id, assignee, StaffId, cancellationToken);
            return $"inquiry {id}: {before?.ToString() ?? "-"} -> {assignee?.ToString() ?? "-"}";
        }, cancellationToken), "Inquiry_Assigned", () => LoadAsync(id, cancellationToken), new { id });

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) =>
        await ChangeAsync(async () => await audit.RunAsync(PageActor.Of(User), "inquiry.closed", await CompanyOfAsync(id, cancellationToken), async () =>
        {
            await inquiries.CloseAsync(id, StaffId, cancellationToken);
            return $"inquiry {id}";
        }, cancellationToken), "Inquiry_ClosedFlash", () => LoadAsync(id, cancellationToken), new { id });

    private async Task<Guid?> CompanyOfAsync(Guid id, CancellationToken cancellationToken) =>
        (await queries.GetAsync(id, cancellationToken))?.Inquiry.CompanyId;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        View = (await pages.LoadAsync(id, cancellationToken))!;
        Staff = await queries.AssignableStaffAsync(cancellationToken);
        return View is not null;
    }
}
