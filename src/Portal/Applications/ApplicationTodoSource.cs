using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Companies;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Workflows.Tasks;

namespace CloudpackPlus.Portal.Applications;

/// <summary>The home page's "waiting on you": the company's open workflow tasks for customers, each linking to its application.</summary>
public sealed class ApplicationTodoSource(ITaskService tasks, ApplicationBook book) : ICustomerTodoSource
{
    public async Task<IReadOnlyList<CustomerTodo>> ListAsync(Guid companyId, Guid userId, CancellationToken cancellationToken)
    {
        // Every customer task of the company, whoever may answer it: members see what waits on their representative too.
        var company = new TaskActor("", [TaskRoles.CustomerRepresentative, TaskRoles.CustomerUser], companyId);
        var open = await tasks.ListAsync(company, cancellationToken);
        var applications = await book.ForInstancesAsync(open.Select(t => t.InstanceId).Distinct().ToList(), cancellationToken);
        var japanese = PortalCultures.IsJapanese;
        return open.Where(t => applications.ContainsKey(t.InstanceId))
            .Select(t => new CustomerTodo(
                $"{applications[t.InstanceId].Number} {t.TitleIn(japanese)}",
                $"/Applications/{applications[t.InstanceId].Id}",
                t.DueAt is { } due ? Tokyo.DateOf(due) : null))
            .ToList();
    }
}
