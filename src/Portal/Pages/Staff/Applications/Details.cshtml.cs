using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Workflows.Background;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Applications;

/// <summary>One application for staff: history, open tasks, conversation, and cancellation (rejection) with a reason, which returns the tickets (TKT-5).</summary>
[RequestSizeLimit(PageHelpers.MaxPostBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PageHelpers.MaxPostBytes)]
public sealed class DetailsModel(
    ApplicationDetailsLoader loader, ApplicationBook book, ApplicationActions actions, ApplicationDesk desk, IRunningActivities running) : PageModel
{
    public ApplicationDetails Details { get; private set; } = null!;

    public ConversationView Conversation => new(Details.Conversation, file => $"/Staff/Applications/{Details.Application.Id}/Attachments/{file}", true);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The workflow's running background activities with their progress and workers (polled by activity-progress.js).</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken cancellationToken) =>
        await book.FindAsync(id, cancellationToken) is { } application
            ? new JsonResult(ActivityProgressFeed.Of(await running.ListAsync(application.WorkflowInstanceId, cancellationToken), forStaff: true))
            : NotFound();

    // The POST handlers check only that the application exists; the page is loaded only to show a refusal.
    public async Task<IActionResult> OnPostMessageAsync(Guid id, string? body, List<IFormFile>? files, CancellationToken cancellationToken)
    {
        if (await book.FindAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        var error = await actions.PostMessageAsync(id, PersonId, true, body, files, cancellationToken);
        return await AfterAsync(id, error, "Conversation.Sent", cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (await book.FindAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        try
        {
            await desk.CancelAsync(id, PersonId, reason, cancellationToken);
            return await AfterAsync(id, null, "Applications.Cancelled", cancellationToken);
        }
        catch (ProgrammeRuleException e)
        {
            return await AfterAsync(id, PortalCultures.MessageOf(e), null, cancellationToken);
        }
    }

    /// <summary>WEB-6: staff go on without every checklist item ticked, with a reason (recorded on the checklist and in the workflow).</summary>
    public async Task<IActionResult> OnPostChecklistOverrideAsync(Guid id, string? reason, [FromServices] Activities.WebScan.ChecklistDesk checklist, CancellationToken cancellationToken)
    {
        if (await book.FindAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        try
        {
            var outcome = await checklist.OverrideAsync(id, PersonId, reason ?? "", cancellationToken);
            return await AfterAsync(id, null, outcome == Activities.WebScan.ChecklistOutcome.Done ? "Checklist.OverrideDone" : "Checklist.NotWaiting", cancellationToken);
        }
        catch (ProgrammeRuleException e)
        {
            return await AfterAsync(id, PortalCultures.MessageOf(e), null, cancellationToken);
        }
    }

    /// <summary>Presses a workflow's portal action for staff (an open WaitForSignal declared for the csm role); the server re-checks it.</summary>
    public async Task<IActionResult> OnPostSignalAsync(Guid id, Guid bookmarkId, [FromServices] SignalActionDesk signals, CancellationToken cancellationToken) =>
        await book.FindAsync(id, cancellationToken) is not { } application ? NotFound()
            : await signals.ActAsync(application, bookmarkId, User, staffPage: true, cancellationToken) is var outcome && outcome == SignalActionOutcome.Forbidden
                ? SignalActionResults.Forbidden(HttpContext)
                : SignalActionResults.Done(this, outcome, $"/Staff/Applications/{id}");

    private Guid PersonId => PortalClaims.PersonIdOf(User)!.Value;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var details = await loader.LoadAsync(id, null, cancellationToken);
        Details = details!;
        return details is not null;
    }

    private async Task<IActionResult> AfterAsync(Guid id, string? error, string? flash, CancellationToken cancellationToken)
    {
        if (error is null)
        {
            TempData["Flash"] = flash;
            return Redirect($"/Staff/Applications/{id}");
        }

        ModelState.AddModelError(string.Empty, error);
        await LoadAsync(id, cancellationToken);
        return Page();
    }
}
