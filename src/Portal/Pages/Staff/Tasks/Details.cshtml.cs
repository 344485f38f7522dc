using CloudpackPlus.Core.Applications;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Workflows.Api;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Tasks;

/// <summary>One task for a CSM: its form (claim, release, complete) with the application and its conversation beside it.</summary>
[RequestSizeLimit(PageHelpers.MaxPostBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PageHelpers.MaxPostBytes)]
public sealed class DetailsModel(
    ITaskService tasks, ITaskActorResolver actors, ApplicationBook book, ApplicationDetailsLoader loader, ApplicationActions actions, TimeProvider clock) : PageModel
{
    public WorkflowTask Task { get; private set; } = null!;

    public ApplicationDetails? Application { get; private set; }

    public string? ClaimedByName { get; private set; }

    public string Me { get; private set; } = "";

    public bool Overdue => Task.DueAt < clock.GetUtcNow();

    public bool Actionable => Task.Status == WorkflowTaskStatus.Open || (Task.Status == WorkflowTaskStatus.Claimed && Task.ClaimedBy == Me);

    private bool _failed;

    public TaskFormView Form => TaskForms.View(Task, "Complete", Actionable, _failed ? Request.Form : null);

    public ConversationView? Conversation => Application is null ? null
        : new(Application.Conversation, file => $"/Staff/Applications/{Application.Application.Id}/Attachments/{file}", true);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    // The POST handlers load only the task; the application beside it is loaded only to show the page.
    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadTaskAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var errors = await actions.CompleteTaskAsync(Task, actors.Resolve(User)!, Request.Form, cancellationToken);
        _failed = errors.Count > 0;
        return await AfterAsync(id, errors, "Tasks.Completed", toInbox: true, cancellationToken);
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken) =>
        await CommandAsync(id, actor => tasks.ClaimAsync(id, actor, cancellationToken), "Tasks.Claimed", cancellationToken);

    public async Task<IActionResult> OnPostReleaseAsync(Guid id, CancellationToken cancellationToken) =>
        await CommandAsync(id, actor => tasks.ReleaseAsync(id, actor, cancellationToken), "Tasks.Released", cancellationToken);

    public async Task<IActionResult> OnPostMessageAsync(Guid id, string? body, List<IFormFile>? files, CancellationToken cancellationToken)
    {
        if (!await LoadTaskAsync(id, cancellationToken)
            || (await book.ForInstancesAsync([Task.InstanceId], cancellationToken)).GetValueOrDefault(Task.InstanceId) is not { } application)
        {
            return NotFound();
        }

        var person = PortalClaims.PersonIdOf(User)!.Value;
        var error = await actions.PostMessageAsync(application.Id, person, true, body, files, cancellationToken);
        return await AfterAsync(id, error is null ? [] : [error], "Conversation.Sent", toInbox: false, cancellationToken);
    }

    private async Task<IActionResult> CommandAsync(Guid id, Func<TaskActor, Task<TaskCommandResult>> command, string done, CancellationToken cancellationToken)
    {
        if (!await LoadTaskAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var result = await command(actors.Resolve(User)!);
        TempData["Flash"] = result.Outcome == TaskCommandOutcome.Succeeded ? done : $"TaskOutcome.{result.Outcome}";
        return Redirect($"/Staff/Tasks/{id}");
    }

    /// <summary>The task, when it is a staff task the signed-in user may see.</summary>
    private async Task<bool> LoadTaskAsync(Guid id, CancellationToken cancellationToken)
    {
        var task = await tasks.GetAsync(id, cancellationToken);
        if (task is null || actors.Resolve(User) is not { } actor || task.Role is not (TaskRoles.Csm or null))
        {
            return false;
        }

        Task = task;
        Me = actor.UserId;
        return true;
    }

    /// <summary>The task with who claimed it, and its application with the conversation, for the page.</summary>
    private async Task<bool> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadTaskAsync(id, cancellationToken))
        {
            return false;
        }

        var task = Task;
        if (Guid.TryParse(task.ClaimedBy, out var claimer))
        {
            ClaimedByName = (await book.NamesAsync([claimer], cancellationToken)).GetValueOrDefault(claimer, task.ClaimedBy!);
        }

        var application = (await book.ForInstancesAsync([task.InstanceId], cancellationToken)).GetValueOrDefault(task.InstanceId);
        Application = application is null ? null : await loader.LoadAsync(application.Id, null, cancellationToken);
        return true;
    }

    private async Task<IActionResult> AfterAsync(Guid id, IReadOnlyList<string> errors, string flash, bool toInbox, CancellationToken cancellationToken)
    {
        if (errors.Count == 0)
        {
            TempData["Flash"] = flash;
            return Redirect(toInbox ? "/Staff/Tasks" : $"/Staff/Tasks/{id}");
        }

        foreach (var error in errors)
        {
            ModelState.AddModelError(string.Empty, error);
        }

        await ShowAsync(id, cancellationToken);
        return Page();
    }
}
