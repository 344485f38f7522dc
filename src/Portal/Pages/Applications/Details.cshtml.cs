using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Tenancy;
using CloudpackPlus.Workflows.Api;
using CloudpackPlus.Workflows.Background;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Applications;

/// <summary>
/// APP-2: one application for the company: status, history from the workflow journal, the tasks
/// waiting on the customer with their forms, the conversation with the CSM, and cancellation (TKT-5).
/// </summary>
[RequestSizeLimit(PageHelpers.MaxPostBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PageHelpers.MaxPostBytes)]
// The GET takes only what it reads with (issue #17: each service constructed here built a DbContext per page view); the
// handlers that change something ask for their services themselves.
public sealed class DetailsModel(CustomerApplicationPage page, TimeProvider clock) : PageModel
{
    public ApplicationDetails Details { get; private set; } = null!;

    /// <summary>The panels' rows, read in the page's batch (issue #17).</summary>
    public CustomerApplicationPanels Panels { get; private set; } = null!;

    /// <summary>The task whose refused form is shown again with what was entered.</summary>
    public Guid? FailedTask { get; private set; }

    public bool IsRepresentative => User.IsInRole(PortalRoles.Representative);

    public DateTimeOffset Now => clock.GetUtcNow();

    public TaskFormView FormOf(WorkflowTask task) =>
        TaskForms.View(task, "Task", IsRepresentative || task.Role == TaskRoles.CustomerUser, FailedTask == task.Id ? Request.Form : null);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The workflow's running background activities with their progress (polled by activity-progress.js).</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, [FromServices] ApplicationBook book, [FromServices] IRunningActivities running, CancellationToken cancellationToken) =>
        await OwnedAsync(book, id, cancellationToken) is { } application
            ? new JsonResult(ActivityProgressFeed.Of(await running.ListAsync(application.WorkflowInstanceId, cancellationToken), forStaff: false))
            : NotFound();

    // The POST handlers check only what they need; the whole page is loaded only to show it again after a refusal.
    public async Task<IActionResult> OnPostMessageAsync(Guid id, string? body, List<IFormFile>? files, [FromServices] ApplicationBook book,
        [FromServices] ApplicationActions actions, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(book, id, cancellationToken) is null)
        {
            return NotFound();
        }

        var error = await actions.PostMessageAsync(id, PersonId, false, body, files, cancellationToken);
        return await AfterAsync(id, error is null ? [] : [error], "Conversation.Sent", cancellationToken);
    }

    public async Task<IActionResult> OnPostTaskAsync(Guid id, Guid taskId, [FromServices] ApplicationBook book, [FromServices] ITaskService tasks,
        [FromServices] ITaskActorResolver actors, [FromServices] ApplicationActions actions, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(book, id, cancellationToken) is not { } application)
        {
            return NotFound();
        }

        var task = await tasks.GetAsync(taskId, cancellationToken);
        if (task is null || task.InstanceId != application.WorkflowInstanceId || !ApplicationDetails.IsCustomerTask(task)
            || task.Status is not (WorkflowTaskStatus.Open or WorkflowTaskStatus.Claimed) || actors.Resolve(User) is not { } actor)
        {
            return await AfterAsync(id, [PortalCultures.MessageOf(new ProgrammeRuleException("task_gone", "このタスクはすでに完了しているか、取り消されています。", "This task is already done or was withdrawn."))], null, cancellationToken);
        }

        var errors = await actions.CompleteTaskAsync(task, actor, Request.Form, cancellationToken);
        FailedTask = errors.Count > 0 ? task.Id : null;
        return await AfterAsync(id, errors, "Tasks.Completed", cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, [FromServices] ApplicationBook book, [FromServices] ApplicationDesk desk,
        CancellationToken cancellationToken)
    {
        if (await OwnedAsync(book, id, cancellationToken) is null)
        {
            return NotFound();
        }

        try
        {
            await desk.CancelAsync(id, PersonId, reason, cancellationToken);
            return await AfterAsync(id, [], "Applications.Cancelled", cancellationToken);
        }
        catch (ProgrammeRuleException e)
        {
            return await AfterAsync(id, [PortalCultures.MessageOf(e)], null, cancellationToken);
        }
    }

    /// <summary>WEB-6: ticks an item of the application's checklist (who and when are recorded by the workflow).</summary>
    public async Task<IActionResult> OnPostTickAsync(Guid id, Guid itemId, [FromServices] ApplicationBook book, [FromServices] Activities.WebScan.ChecklistDesk checklist,
        CancellationToken cancellationToken)
    {
        if (await OwnedAsync(book, id, cancellationToken) is null)
        {
            return NotFound();
        }

        try
        {
            var outcome = await checklist.TickAsync(id, itemId, PersonId, cancellationToken);
            return await AfterAsync(id, [], outcome == Activities.WebScan.ChecklistOutcome.Done ? "Checklist.Ticked" : "Checklist.NotWaiting", cancellationToken);
        }
        catch (ProgrammeRuleException e)
        {
            return await AfterAsync(id, [PortalCultures.MessageOf(e)], null, cancellationToken);
        }
    }

    /// <summary>Presses a workflow's portal action (an open WaitForSignal the viewer's role may take); the server re-checks everything.</summary>
    public async Task<IActionResult> OnPostSignalAsync(Guid id, Guid bookmarkId, [FromServices] ApplicationBook book, [FromServices] SignalActionDesk signals,
        CancellationToken cancellationToken) =>
        await OwnedAsync(book, id, cancellationToken) is not { } application ? NotFound()
            : await signals.ActAsync(application, bookmarkId, User, staffPage: false, cancellationToken) is var outcome && outcome == SignalActionOutcome.Forbidden
                ? SignalActionResults.Forbidden(HttpContext)
                : SignalActionResults.Done(this, outcome, $"/Applications/{id}");

    public ConversationView Conversation => new(Details.Conversation, file => $"/Applications/{Details.Application.Id}/Attachments/{file}", true);

    private Guid PersonId => PortalClaims.PersonIdOf(User)!.Value;

    private async Task<ServiceApplication?> OwnedAsync(ApplicationBook book, Guid id, CancellationToken cancellationToken) =>
        await book.FindAsync(id, cancellationToken) is { } application && application.CompanyId == HttpCurrentTenant.CompanyOf(User) ? application : null;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await page.LoadAsync(id, User, cancellationToken) is not { } view)
        {
            return false;
        }

        (Details, Panels) = (view.Details, view.Panels);
        return true;
    }

    // Success: redirect (a reload does not post again). Refusal: the page again with the errors and what was entered.
    private async Task<IActionResult> AfterAsync(Guid id, IReadOnlyList<string> errors, string? flash, CancellationToken cancellationToken)
    {
        if (errors.Count == 0)
        {
            TempData["Flash"] = flash;
            return Redirect($"/Applications/{id}");
        }

        foreach (var error in errors)
        {
            ModelState.AddModelError(string.Empty, error);
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }
}
