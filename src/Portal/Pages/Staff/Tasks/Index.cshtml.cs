using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Api;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Tasks;

/// <summary>An inbox line: the task, the application it belongs to (if any) and its company's name (a basic-service cycle's task has no application).</summary>
public sealed record InboxLine(WorkflowTask Task, ApplicationSummary? Application, string? CompanyName, string? ClaimedByName, bool Overdue);

/// <summary>The CSM's task inbox: tasks for the CSM role and the signed-in CSM, soonest due first (business calendar), overdue marked; claim and release.</summary>
public sealed class IndexModel(ITaskService tasks, ITaskActorResolver actors, InboxReads reads, TimeProvider clock) : PageModel
{
    /// <summary>all, mine (claimed by me), companies (of the companies I look after now: owner, or backup of an away owner), open (nobody's yet).</summary>
    [FromQuery(Name = "show")]
    public string Show { get; set; } = "all";

    /// <summary>Part of the task's title, the application number or the company.</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<InboxLine> Lines { get; private set; } = new([], 0, 1, Paging.ListPageSize);

    public string Me { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (actors.Resolve(User) is not { } actor)
        {
            return Forbid();
        }

        Me = actor.UserId;
        var now = clock.GetUtcNow();
        var show = Show switch
        {
            "mine" => TaskInboxShow.Mine,
            "companies" => TaskInboxShow.Companies,
            "open" => TaskInboxShow.Open,
            _ => TaskInboxShow.All,
        };
        var pattern = Paging.Term(Search) is { } term ? Paging.ContainsPattern(term) : null;
        // Three round trips whatever the filter: the companies and the search's instances, the page of tasks (count and
        // rows), then the page's applications and claimers' names.
        var (myCompanies, instances) = await reads.FilterAsync(
            show == TaskInboxShow.Companies && Guid.TryParse(actor.UserId, out var me) ? me : null, pattern, cancellationToken);
        var shown = await tasks.PageAsync(actor, new TaskInboxQuery(show, myCompanies, pattern, instances), PageNumber, Paging.ListPageSize, cancellationToken);
        var found = await reads.ForPageAsync(shown.Rows.Select(t => t.InstanceId).ToList(),
            shown.Rows.Select(t => Guid.TryParse(t.ClaimedBy, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList(),
            shown.Rows.Where(t => t.CompanyId is not null).Select(t => t.CompanyId!.Value).ToList(), cancellationToken);
        Lines = new Paged<InboxLine>(shown.Rows.Select(t =>
        {
            var application = found.Applications.GetValueOrDefault(t.InstanceId);
            var company = application?.CompanyName ?? (t.CompanyId is { } c ? found.Companies.GetValueOrDefault(c) : null);
            var claimedBy = Guid.TryParse(t.ClaimedBy, out var by) ? found.Names.GetValueOrDefault(by, t.ClaimedBy!) : null;
            return new InboxLine(t, application, company, claimedBy, t.DueAt < now);
        }).ToList(), shown.Total, shown.Page, shown.PageSize);
        return Page();
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid taskId, CancellationToken cancellationToken) =>
        await CommandAsync(actor => tasks.ClaimAsync(taskId, actor, cancellationToken), "Tasks.Claimed");

    public async Task<IActionResult> OnPostReleaseAsync(Guid taskId, CancellationToken cancellationToken) =>
        await CommandAsync(actor => tasks.ReleaseAsync(taskId, actor, cancellationToken), "Tasks.Released");

    private async Task<IActionResult> CommandAsync(Func<TaskActor, Task<TaskCommandResult>> command, string done)
    {
        if (actors.Resolve(User) is not { } actor)
        {
            return Forbid();
        }

        var result = await command(actor);
        TempData["Flash"] = result.Outcome == TaskCommandOutcome.Succeeded ? done : $"TaskOutcome.{result.Outcome}";
        return Redirect($"/Staff/Tasks?show={Uri.EscapeDataString(Show)}&q={Uri.EscapeDataString(Search ?? "")}");
    }
}
