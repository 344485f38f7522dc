using CloudpackPlus.Core.Applications;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Operations;
using CloudpackPlus.Workflows.Api;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Instances;

/// <summary>
/// The instance viewer (issue #16): the graph of its version with the path taken and the current position,
/// the journal (paged, newest first), variables, running background activities, open tasks — a CSM completes
/// them here with the same form as the task inbox — and incidents with retry; cancel runs the domain compensation.
/// </summary>
[RequestSizeLimit(PageHelpers.MaxPostBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PageHelpers.MaxPostBytes)]
public sealed class DetailsModel(
    InstanceDetailsLoader loader, InstanceActions instanceActions, ITaskService tasks, ITaskActorResolver actors,
    ApplicationActions applicationActions, ApplicationBook book, JournalText journal, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>A journal line in the reader's language.</summary>
    public JournalLineText TextOf(CloudpackPlus.Workflows.Persistence.JournalEntry line) => journal.Render(line);

    /// <summary>An incident's resolution word (<c>retried</c>, <c>cancelled</c>) in the reader's language.</summary>
    public string ResolutionOf(string? resolution) =>
        resolution is null ? "" : text[$"Operations.Resolution.{resolution}"] is { ResourceNotFound: false } word ? word.Value : resolution;

    [FromQuery(Name = "journal")]
    public int JournalPage { get; set; } = 1;

    public InstanceDetails Details { get; private set; } = null!;

    public ApplicationSummary? Application { get; private set; }

    public string Me { get; private set; } = "";

    /// <summary>Display names of the people in the journal and the tasks, by person id.</summary>
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public string NameOf(string? actor) => actor is null ? "" : Guid.TryParse(actor, out var id) && Names.TryGetValue(id, out var name) ? name : actor;

    private Guid? _failedTask;

    /// <summary>The shared task form (the inbox's component) for one open task; refused input is shown again.</summary>
    public TaskFormView FormOf(WorkflowTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var actionable = task.Role is TaskRoles.Csm or null
            && (task.Status == WorkflowTaskStatus.Open || (task.Status == WorkflowTaskStatus.Claimed && task.ClaimedBy == Me));
        return TaskForms.View(task, "Complete", actionable, _failedTask == task.Id ? Request.Form : null);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, Guid taskId, CancellationToken cancellationToken)
    {
        var task = await tasks.GetAsync(taskId, cancellationToken);
        if (task is null || task.InstanceId != id || actors.Resolve(User) is not { } actor || task.Role is not (TaskRoles.Csm or null))
        {
            return NotFound();
        }

        var errors = await applicationActions.CompleteTaskAsync(task, actor, Request.Form, cancellationToken);
        if (errors.Count == 0)
        {
            TempData["Flash"] = "Tasks.Completed";
            return Redirect($"/Staff/Instances/{id}");
        }

        _failedTask = taskId;
        foreach (var error in errors)
        {
            ModelState.AddModelError(string.Empty, error);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, Guid incidentId, CancellationToken cancellationToken)
    {
        if (actors.Resolve(User) is not { } actor)
        {
            return Forbid();
        }

        var done = await instanceActions.RetryAsync(id, incidentId, PageActor.Of(User), actor.UserId, cancellationToken);
        return await AnswerAsync(id, done, "Operations.Retried", "Operations.NotRetried", cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (actors.Resolve(User) is not { } actor)
        {
            return Forbid();
        }

        if (reason is { Length: > 500 })
        {
            ModelState.AddModelError(string.Empty, text["Operations.ReasonTooLong"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var done = await instanceActions.CancelAsync(id, PageActor.Of(User), actor.UserId, reason, cancellationToken);
        return await AnswerAsync(id, done, "Operations.Cancelled", "Operations.NotCancelled", cancellationToken);
    }

    private async Task<IActionResult> AnswerAsync(Guid id, bool done, string flash, string refusal, CancellationToken cancellationToken)
    {
        if (done)
        {
            TempData["Flash"] = flash;
            return Redirect($"/Staff/Instances/{id}");
        }

        // Not open any more (someone else was quicker) or no such incident/instance: say so on the page, change nothing.
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.AddModelError(string.Empty, text[refusal]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await loader.LoadAsync(id, JournalPage, cancellationToken) is not { } details)
        {
            return false;
        }

        Details = details;
        Me = actors.Resolve(User)?.UserId ?? "";
        Application = (await book.ForInstancesAsync([id], cancellationToken)).GetValueOrDefault(id);
        var people = details.Journal.Rows.Select(j => j.Actor).Concat(details.OpenTasks.SelectMany(t => new[] { t.Assignee, t.ClaimedBy }))
            .Select(a => Guid.TryParse(a, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty);
        Names = await book.NamesAsync(people, cancellationToken);
        return true;
    }
}
