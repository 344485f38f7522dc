using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.Tasks;

/// <summary>Which of the actor's tasks the inbox shows.</summary>
public enum TaskInboxShow
{
    /// <summary>Every task the actor may work on.</summary>
    All,

    /// <summary>Claimed by or assigned to the actor.</summary>
    Mine,

    /// <summary>Of the companies in <see cref="TaskInboxQuery.Companies"/>.</summary>
    Companies,

    /// <summary>Not claimed yet.</summary>
    Open,
}

/// <summary>
/// The inbox's filter: what to show, the companies for <see cref="TaskInboxShow.Companies"/>, and a search: an ILIKE
/// pattern for the title (either language) or the instances whose application matched the search elsewhere.
/// </summary>
public sealed record TaskInboxQuery(TaskInboxShow Show = TaskInboxShow.All, IReadOnlyCollection<Guid>? Companies = null,
    string? TitlePattern = null, IReadOnlyCollection<Guid>? SearchInstances = null);

internal sealed partial class TaskService
{
    public Task<Paged<WorkflowTask>> PageAsync(TaskActor actor, TaskInboxQuery query, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        var tasks = Visible(actor);
        var me = actor.UserId;
        tasks = query.Show switch
        {
            TaskInboxShow.Mine => tasks.Where(t => t.ClaimedBy == me || t.Assignee == me),
            TaskInboxShow.Companies => Companies(tasks, query.Companies ?? []),
            TaskInboxShow.Open => tasks.Where(t => t.Status == WorkflowTaskStatus.Open),
            _ => tasks,
        };
        if (query.TitlePattern is { } pattern)
        {
            var instances = (query.SearchInstances ?? []).ToArray();
            tasks = tasks.Where(t => EF.Functions.ILike(t.Title, pattern) || EF.Functions.ILike(t.TitleEn ?? "", pattern) || instances.Contains(t.InstanceId));
        }

        return Paging.OfAsync(Inbox(tasks), page, pageSize, cancellationToken);
    }

    private static IQueryable<WorkflowTask> Companies(IQueryable<WorkflowTask> tasks, IReadOnlyCollection<Guid> companies)
    {
        var ids = companies.ToArray();
        return tasks.Where(t => t.CompanyId != null && ids.Contains(t.CompanyId.Value));
    }

    /// <summary>Open and claimed tasks the actor may work on: assigned to the actor, or to one of its roles (customer roles: its company's only).</summary>
    private IQueryable<WorkflowTask> Visible(TaskActor actor)
    {
        var roles = actor.Roles.ToArray();
        return readDb.Tasks.AsNoTracking()
            .Where(t => Active.Contains(t.Status))
            .Where(t => t.Assignee == actor.UserId
                || (t.Assignee == null && t.Role != null && roles.Contains(t.Role) && (t.Role == TaskRoles.Csm || t.CompanyId == actor.CompanyId)));
    }

    /// <summary>Soonest due first (no due date last), then oldest.</summary>
    private static IOrderedQueryable<WorkflowTask> Inbox(IQueryable<WorkflowTask> tasks) =>
        tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id);
}
