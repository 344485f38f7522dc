using System.Text.Json;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.Tasks;

/// <summary>Who acts on a task: the user, their roles and (for customer users) their company.</summary>
public sealed record TaskActor(string UserId, IReadOnlyCollection<string> Roles, Guid? CompanyId = null);

/// <summary>Outcome of a task command.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TaskCommandOutcome>))]
public enum TaskCommandOutcome
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>No such task.</summary>
    NotFound,

    /// <summary>The user may not act on this task.</summary>
    NotAllowed,

    /// <summary>Someone else holds the claim.</summary>
    ClaimedByOther,

    /// <summary>Completed already (by this or another user); nothing changed.</summary>
    AlreadyCompleted,

    /// <summary>Cancelled with its instance.</summary>
    Cancelled,

    /// <summary>The form data does not match the schema.</summary>
    Invalid,

    /// <summary>Not claimed by this user (release).</summary>
    NotClaimed,
}

/// <summary>Result of a task command, with the validation errors when the data was refused.</summary>
public sealed record TaskCommandResult(TaskCommandOutcome Outcome, IReadOnlyList<string> Errors, string? CompletedBy = null)
{
    /// <summary>The refused form's problems with their codes (for translated messages).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<FormError> FormErrors { get; init; } = [];

    internal static TaskCommandResult Of(TaskCommandOutcome outcome, string? by = null) => new(outcome, [], by);
}

/// <summary>The task inbox: list, claim, release and complete human tasks.</summary>
public interface ITaskService
{
    /// <summary>Open and claimed tasks the actor may work on, soonest due first.</summary>
    Task<IReadOnlyList<WorkflowTask>> ListAsync(TaskActor actor, CancellationToken cancellationToken = default);

    /// <summary>One page of the tasks the actor may work on (as <see cref="ListAsync"/>, no cap), narrowed by <paramref name="query"/>.</summary>
    Task<Core.Data.Paged<WorkflowTask>> PageAsync(TaskActor actor, TaskInboxQuery query, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Every task of an instance (any status), oldest first: for the application's page.</summary>
    Task<IReadOnlyList<WorkflowTask>> ListForInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>One task, or null.</summary>
    Task<WorkflowTask?> GetAsync(Guid taskId, CancellationToken cancellationToken = default);

    /// <summary>Claims an open task for the actor.</summary>
    Task<TaskCommandResult> ClaimAsync(Guid taskId, TaskActor actor, CancellationToken cancellationToken = default);

    /// <summary>Gives back a task the actor claimed.</summary>
    Task<TaskCommandResult> ReleaseAsync(Guid taskId, TaskActor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes a task with form data (validated against its schema) and resumes the workflow in the
    /// same transaction. Exactly one of concurrent completions wins; the others get <see cref="TaskCommandOutcome.AlreadyCompleted"/>.
    /// </summary>
    Task<TaskCommandResult> CompleteAsync(Guid taskId, TaskActor actor, IReadOnlyDictionary<string, JsonElement> data, CancellationToken cancellationToken = default);
}

internal sealed partial class TaskService(WorkflowDbContext readDb, StepExecutor executor, WorkflowRuntime runtime, TimeProvider time, Calendar.IWorkflowCalendar calendar) : ITaskService
{
    private static readonly WorkflowTaskStatus[] Active = [WorkflowTaskStatus.Open, WorkflowTaskStatus.Claimed];

    public async Task<IReadOnlyList<WorkflowTask>> ListAsync(TaskActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await Inbox(Visible(actor)).Take(500).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WorkflowTask>> ListForInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        await readDb.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(cancellationToken);

    public Task<WorkflowTask?> GetAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        readDb.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);

    public async Task<TaskCommandResult> ClaimAsync(Guid taskId, TaskActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var task = await GetAsync(taskId, cancellationToken);
        if (Refusal(task, actor) is { } refusal)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        var updated = await readDb.Tasks.Where(t => t.Id == taskId && t.Status == WorkflowTaskStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, WorkflowTaskStatus.Claimed)
                .SetProperty(t => t.ClaimedBy, actor.UserId).SetProperty(t => t.ClaimedAt, now), cancellationToken);
        return updated == 1 ? TaskCommandResult.Of(TaskCommandOutcome.Succeeded) : Refusal(await GetAsync(taskId, cancellationToken), actor) ?? TaskCommandResult.Of(TaskCommandOutcome.ClaimedByOther);
    }

    public async Task<TaskCommandResult> ReleaseAsync(Guid taskId, TaskActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var updated = await readDb.Tasks.Where(t => t.Id == taskId && t.Status == WorkflowTaskStatus.Claimed && t.ClaimedBy == actor.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, WorkflowTaskStatus.Open)
                .SetProperty(t => t.ClaimedBy, (string?)null).SetProperty(t => t.ClaimedAt, (DateTimeOffset?)null), cancellationToken);
        if (updated == 1)
        {
            return TaskCommandResult.Of(TaskCommandOutcome.Succeeded);
        }

        var task = await GetAsync(taskId, cancellationToken);
        return Refusal(task, actor) ?? TaskCommandResult.Of(TaskCommandOutcome.NotClaimed);
    }

    public async Task<TaskCommandResult> CompleteAsync(Guid taskId, TaskActor actor, IReadOnlyDictionary<string, JsonElement> data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(data);
        var task = await GetAsync(taskId, cancellationToken);
        if (Refusal(task, actor) is { } refusal)
        {
            return refusal;
        }

        var errors = FormSchema.Parse(task!.FormSchema).Check(data, new FormValidationContext(time.GetUtcNow(), calendar));
        if (errors.Count > 0)
        {
            return new TaskCommandResult(TaskCommandOutcome.Invalid, errors.Select(e => e.ToString()).ToList()) { FormErrors = errors };
        }

        var json = JsonSerializer.Serialize(data);
        return await executor.InStepAsync(async step =>
        {
            // Lock order everywhere: instance first, then its rows. Concurrent completions queue here.
            await step.LockInstanceAsync(task.InstanceId);
            var now = step.Now;
            var won = await step.Db.Tasks
                .Where(t => t.Id == taskId && (t.Status == WorkflowTaskStatus.Open || (t.Status == WorkflowTaskStatus.Claimed && t.ClaimedBy == actor.UserId)))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, WorkflowTaskStatus.Completed).SetProperty(t => t.CompletedBy, actor.UserId)
                    .SetProperty(t => t.CompletedAt, now).SetProperty(t => t.Result, json), cancellationToken) == 1;
            if (!won)
            {
                step.Rollback();
                var current = await step.Db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId, cancellationToken);
                return Refusal(current, actor) ?? TaskCommandResult.Of(TaskCommandOutcome.ClaimedByOther);
            }

            var payload = data.ToDictionary(p => p.Key, p => PlainValues.FromJson(p.Value));
            var resumed = await runtime.ResumeInStepAsync(step, task.BookmarkId, payload, actor.UserId,
                run => step.Journal(run, JournalKinds.TaskCompleted, task.NodeId, actor.UserId,
                    PlainValues.ToJson(new Dictionary<string, object?> { ["task"] = taskId.ToString(), ["data"] = payload })));
            if (resumed.Outcome != ResumeOutcome.Resumed)
            {
                // The wait was cancelled under us (instance ended): undo the completion too.
                step.Rollback();
                return TaskCommandResult.Of(TaskCommandOutcome.Cancelled);
            }

            return TaskCommandResult.Of(TaskCommandOutcome.Succeeded, actor.UserId);
        }, cancellationToken);
    }

    private static TaskCommandResult? Refusal(WorkflowTask? task, TaskActor actor)
    {
        if (task is null)
        {
            return TaskCommandResult.Of(TaskCommandOutcome.NotFound);
        }

        if (task.Status == WorkflowTaskStatus.Completed)
        {
            return TaskCommandResult.Of(TaskCommandOutcome.AlreadyCompleted, task.CompletedBy);
        }

        if (task.Status == WorkflowTaskStatus.Cancelled)
        {
            return TaskCommandResult.Of(TaskCommandOutcome.Cancelled);
        }

        var eligible = task.Assignee is not null
            ? task.Assignee == actor.UserId
            : task.Role is not null && actor.Roles.Contains(task.Role) && (task.Role == TaskRoles.Csm || task.CompanyId == actor.CompanyId);
        if (!eligible)
        {
            return TaskCommandResult.Of(TaskCommandOutcome.NotAllowed);
        }

        return task.Status == WorkflowTaskStatus.Claimed && task.ClaimedBy != actor.UserId
            ? TaskCommandResult.Of(TaskCommandOutcome.ClaimedByOther)
            : null;
    }
}
