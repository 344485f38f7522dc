using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Companies;
using CloudpackPlus.Portal.Data;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Workflows.Tasks;

namespace CloudpackPlus.Portal.Applications;

/// <summary>
/// The home page's "waiting on you": the company's open workflow tasks for customers (unassigned, for the representative or
/// any user of the company, as <see cref="ITaskService.ListAsync"/> lists them for the company), each linking to its
/// application. One statement of the home page's batch: the tasks joined to the company's applications.
/// </summary>
public sealed class ApplicationTodoSource : ICustomerTodoSource
{
    public const int MaxItems = 500;

    // $1 company, $2/$3 the customer task roles, $4 limit. Tasks of another company's application do not join.
    private const string Sql = """
        SELECT a.id, a.number, t.title, t.title_en, t.due_at
        FROM wf.tasks t JOIN core.applications a ON a.workflow_instance_id = t.instance_id AND a.company_id = $1
        WHERE t.company_id = $1 AND t.status IN ('Open', 'Claimed') AND t.assignee IS NULL AND t.role IN ($2, $3)
        ORDER BY t.due_at IS NULL, t.due_at, t.created_at
        LIMIT $4
        """;

    public Func<IReadOnlyList<CustomerTodo>> AddTo(OneBatch batch, Guid companyId, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // Every customer task of the company, whoever may answer it: members see what waits on their representative too.
        var japanese = PortalCultures.IsJapanese;
        var rows = batch.Add(Sql, r =>
        {
            var title = japanese || r.IsDBNull(3) || r.GetString(3).Length == 0 ? r.GetString(2) : r.GetString(3);
            return new CustomerTodo($"{r.GetString(1)} {title}", $"/Applications/{r.GetGuid(0)}", r.Stamp(4) is { } due ? Tokyo.DateOf(due) : null);
        }, companyId, TaskRoles.CustomerRepresentative, TaskRoles.CustomerUser, MaxItems);
        return () => rows.Rows;
    }
}
