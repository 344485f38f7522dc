using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.Consulting;

/// <summary>
/// Placed on a HumanTask's non-interrupting boundary timer <c>remind</c> (one business day before due): tells whoever
/// the open task waits for — the person who claimed it, its assignee, else its role (the application's CSM, the
/// company's representatives, or the customer side) — that it is due soon. Nothing happens when the task is no longer open.
/// </summary>
[Activity("RemindTask", DisplayNameJa = "期限前のリマインド", DisplayNameEn = "Remind before due", Category = "Consulting",
    Description = "Notifies the assignee of the open task at a node that it is due in one business day (boundary timer 'remind').")]
public sealed class RemindTask : Activity
{
    /// <summary>The HumanTask node whose open task is meant.</summary>
    [Input(Description = "Task node id", Required = true)]
    public string Node { get; set; } = "";

    /// <summary>How many people were notified.</summary>
    [Output(Description = "Recipients")]
    public int Recipients { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (db, application) = await StepApplication.LoadAsync(context);
        if (await TaskDeadlines.OpenTaskAsync(context, Node) is not { } task)
        {
            return ActivityResult.Done();
        }

        var (dueJa, dueEn) = TaskDeadlines.Due(task);
        var text = new NotificationText("task-due-soon", TaskDeadlines.Cut($"[{application.Number}] 期限が近づいています: {task.Title}"), TaskDeadlines.Cut($"[{application.Number}] Due soon: {task.TitleIn(false)}"),
            $"期限: {dueJa}", $"Due: {dueEn}");
        var writer = new NotificationWriter(db, context.Time);
        var person = Guid.TryParse(task.ClaimedBy, out var claimer) ? claimer : Guid.TryParse(task.Assignee, out var assignee) ? assignee : (Guid?)null;
        Recipients = person is { } one ? TaskDeadlines.Notify(db, context, application, [one], text with { Link = TaskDeadlines.LinkFor(task, application) })
            : task.Role switch
            {
                TaskRoles.Csm => await writer.ToStaffAsync(application, text with { Link = $"/Staff/Tasks/{task.Id}" }, cancellationToken: context.CancellationToken),
                TaskRoles.CustomerRepresentative => TaskDeadlines.Notify(db, context, application, await db.People.IgnoreQueryFilters()
                    .Where(p => p.CompanyId == application.CompanyId && p.Role == PersonRole.Representative).Select(p => p.Id).ToListAsync(context.CancellationToken), text),
                _ => await writer.ToCustomerAsync(application, text, cancellationToken: context.CancellationToken),
            };
        return ActivityResult.Done();
    }
}

/// <summary>
/// Placed on a HumanTask's boundary timer <c>escalate</c> (when the task is overdue): tells every CSM lead which task of
/// which application is overdue and who it waits for. Nothing happens when the task is no longer open.
/// </summary>
[Activity("EscalateTask", DisplayNameJa = "期限超過のエスカレーション", DisplayNameEn = "Escalate an overdue task", Category = "Consulting",
    Description = "Notifies the CSM leads that the open task at a node is overdue (boundary timer 'escalate').")]
public sealed class EscalateTask : Activity
{
    /// <summary>The HumanTask node whose open task is meant.</summary>
    [Input(Description = "Task node id", Required = true)]
    public string Node { get; set; } = "";

    /// <summary>How many CSM leads were notified.</summary>
    [Output(Description = "Recipients")]
    public int Recipients { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (db, application) = await StepApplication.LoadAsync(context);
        if (await TaskDeadlines.OpenTaskAsync(context, Node) is not { } task)
        {
            return ActivityResult.Done();
        }

        var leads = await db.People.IgnoreQueryFilters().Where(p => p.Role == PersonRole.CsmLead).Select(p => p.Id).ToListAsync(context.CancellationToken);
        var (dueJa, dueEn) = TaskDeadlines.Due(task);
        var who = task.ClaimedBy ?? task.Assignee ?? task.Role ?? "-";
        var text = new NotificationText("task-overdue", TaskDeadlines.Cut($"[{application.Number}] 期限超過: {task.Title}"), TaskDeadlines.Cut($"[{application.Number}] Overdue: {task.TitleIn(false)}"),
            $"期限: {dueJa}\n担当: {who}", $"Due: {dueEn}\nWaiting for: {who}", $"/Staff/Applications/{application.Id}");
        Recipients = TaskDeadlines.Notify(db, context, application, leads, text);
        return ActivityResult.Done();
    }
}

/// <summary>What the reminder and the escalation share.</summary>
internal static class TaskDeadlines
{
    /// <summary>The task's due time in each language, as the portal shows dates (JST, with the weekday), or "-".</summary>
    public static (string Ja, string En) Due(WorkflowTask task) =>
        task.DueAt is { } at ? (Tokyo.DateTimeText(at, japanese: true), Tokyo.DateTimeText(at, japanese: false)) : ("-", "-");

    /// <summary>A title that fits the notification's 300 characters.</summary>
    public static string Cut(string title) => title.Length <= 290 ? title : title[..289] + "…";

    public static Task<WorkflowTask?> OpenTaskAsync(ActivityContext context, string node) =>
        context.GetDbContext<WorkflowDbContext>().Tasks.AsNoTracking()
            .Where(t => t.InstanceId == context.InstanceId && t.NodeId == node && (t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Claimed))
            .OrderByDescending(t => t.CreatedAt).FirstOrDefaultAsync(context.CancellationToken);

    public static string LinkFor(WorkflowTask task, ServiceApplication application) =>
        task.Role is TaskRoles.Csm ? $"/Staff/Tasks/{task.Id}" : $"/Applications/{application.Id}";

    public static int Notify(CoreDbContext db, ActivityContext context, ServiceApplication application, IEnumerable<Guid> people, NotificationText text)
    {
        var now = context.Time.GetUtcNow();
        var count = 0;
        foreach (var person in people.Distinct())
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = person, CompanyId = application.CompanyId, ApplicationId = application.Id, Kind = text.Kind,
                TitleJa = text.TitleJa, TitleEn = text.TitleEn, BodyJa = text.BodyJa, BodyEn = text.BodyEn,
                Link = text.Link ?? $"/Applications/{application.Id}", CreatedAt = now,
            });
            count++;
        }

        return count;
    }
}
