using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>
/// Runs one step in one transaction: instance state, bookmarks, tasks, journal, incidents and the
/// activities' domain writes commit together or not at all. Hangfire jobs for the new timers and
/// background steps are handed over after the commit; the bookmark rows are the outbox, so a crash
/// between commit and hand-over is repaired by the sweeper.
/// </summary>
internal sealed class StepExecutor(
    NpgsqlDataSource dataSource, IServiceScopeFactory scopes, PlanCache plans, FlowchartInterpreter interpreter,
    TimeProvider time, JobDispatcher dispatcher, IOptions<WorkflowOptions> options)
{
    public FlowchartInterpreter Interpreter => interpreter;

    public TimeProvider Time => time;

    private PlanCache Plans => plans;

    private int MaxJournalEntries => options.Value.MaxJournalEntriesPerInstance;

    public async Task<T> InStepAsync<T>(Func<Step, Task<T>> body, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        db.Database.SetDbConnection(connection);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        var step = new Step(this, db, new StepResources(connection, transaction, scope.ServiceProvider), scope.ServiceProvider, cancellationToken);
        var result = await body(step);
        if (step.RolledBack)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (step.ToDispatch.Count > 0)
        {
            await dispatcher.DispatchAsync(step.ToDispatch, CancellationToken.None);
        }

        return result;
    }

    /// <summary>One step's working set.</summary>
    internal sealed class Step(StepExecutor owner, WorkflowDbContext db, StepResources resources, IServiceProvider services, CancellationToken cancellationToken)
    {
        public WorkflowDbContext Db => db;

        /// <summary>Runs a caller's domain writes inside this step (savepoint, saved before the step goes on).</summary>
        public async Task<T> WithCallerAsync<T>(Guid instanceId, Func<IWorkflowStepScope, Task<T>> work)
        {
            resources.BeginActivity();
            var result = await work(new CallerScope(resources, instanceId, Now));
            await resources.CompleteActivityAsync(cancellationToken);
            return result;
        }

        private sealed class CallerScope(StepResources resources, Guid instanceId, DateTimeOffset now) : IWorkflowStepScope
        {
            public Guid InstanceId => instanceId;

            public DateTimeOffset Now => now;

            public TContext GetDbContext<TContext>() where TContext : DbContext => resources.GetDbContext<TContext>();
        }

        public DateTimeOffset Now => owner.Time.GetUtcNow();

        public List<(Guid Id, DateTimeOffset? DueAt)> ToDispatch { get; } = [];

        public bool RolledBack { get; private set; }

        /// <summary>Child instances started in this step (CallWorkflow), bounded by <see cref="ChildWorkflows.MaxPerStep"/>.</summary>
        public int ChildrenStarted { get; set; }

        public CancellationToken CancellationToken => cancellationToken;

        /// <summary>Ends the step without writing anything.</summary>
        public void Rollback() => RolledBack = true;

        /// <summary>Locks the instance row: one writer per instance, across hosts.</summary>
        public Task<WorkflowInstance?> LockInstanceAsync(Guid id) =>
            db.Instances.FromSql($"SELECT i.*, i.xmin FROM wf.instances i WHERE i.id = {id} FOR UPDATE").AsTracking().SingleOrDefaultAsync(cancellationToken);

        public async Task<StepRun> LoadAsync(WorkflowInstance instance)
        {
            var plan = await owner.Plans.GetAsync(instance.DefinitionVersionId, db, cancellationToken);
            var state = new ExecutionState
            {
                InstanceId = instance.Id,
                CorrelationId = instance.CorrelationId,
                Input = PlainValues.ParseObject(instance.Input),
                Variables = PlainValues.ParseObject(instance.Variables),
                Flow = FlowState.Parse(instance.State),
            };
            return new StepRun(plan, state, new StepEffects(), resources, services, cancellationToken);
        }

        public void Journal(StepRun run, string kind, string? nodeId, string? actor, string? data) =>
            run.Journal(Now, kind, nodeId, null, actor, data);

        /// <summary>Writes the step's outcome into the tracked instance and the change set.</summary>
        public async Task ApplyAsync(WorkflowInstance instance, StepRun run)
        {
            var state = run.State;
            var flow = state.Flow;
            var now = Now;
            var before = instance.Status;
            instance.Status = run.Effects.Cancelled ? InstanceStatus.Cancelled
                : state.Ended ? InstanceStatus.Finished
                : state.Faulted ? InstanceStatus.Faulted
                : flow.Queue.Count > 0 ? InstanceStatus.Running
                : flow.Waits.Count > 0 ? InstanceStatus.Suspended
                : InstanceStatus.Finished;
            if (instance.Status != before && instance.Status is InstanceStatus.Finished or InstanceStatus.Faulted)
            {
                Journal(run, instance.Status == InstanceStatus.Finished ? JournalKinds.InstanceFinished : JournalKinds.InstanceFaulted, null, null, null);
            }

            if (instance.Status is InstanceStatus.Finished or InstanceStatus.Cancelled)
            {
                instance.FinishedAt = now;
            }

            // CallWorkflow: an ending child tells its parent; an ending parent cancels its running children.
            if (instance.Status != before && instance.Status is InstanceStatus.Finished or InstanceStatus.Faulted or InstanceStatus.Cancelled && flow.Parent is not null)
            {
                await ChildWorkflows.NotifyParentAsync(this, instance, run);
            }

            if (instance.Status is InstanceStatus.Finished or InstanceStatus.Cancelled && flow.Children is { Count: > 0 })
            {
                await ChildWorkflows.CancelChildrenAsync(this, flow, "workflow:" + instance.Id);
            }

            if (run.Effects.CancelOpenWaits)
            {
                await CancelOpenWaitsAsync(instance.Id, now);
            }

            if (run.Effects.HasCancelBookmarks)
            {
                await CancelBookmarksAsync(run.Effects.CancelBookmarks, now);
            }

            foreach (var created in run.Effects.Bookmarks)
            {
                var open = flow.Waits.ContainsKey(created.Id);
                db.Bookmarks.Add(new Bookmark
                {
                    Id = created.Id, InstanceId = instance.Id, NodeId = created.NodeId, Kind = created.Request.Kind,
                    SignalName = created.Request.SignalName, DueAt = created.Request.DueAt, Payload = created.Payload,
                    CreatedAt = now, CancelledAt = open ? null : now,
                });
                if (created.Request.Task is { } task)
                {
                    db.Tasks.Add(new WorkflowTask
                    {
                        InstanceId = instance.Id, BookmarkId = created.Id, NodeId = created.NodeId, Title = task.Title,
                        FormSchema = task.FormSchema, Role = task.Role, Assignee = task.Assignee, CompanyId = task.CompanyId,
                        DueAt = task.DueAt, TitleEn = task.TitleEn, Prefill = task.Prefill, Status = open ? WorkflowTaskStatus.Open : WorkflowTaskStatus.Cancelled, CreatedAt = now,
                    });
                }

                if (open && JobDispatcher.JobBackedKinds.Contains(created.Request.Kind))
                {
                    ToDispatch.Add((created.Id, created.Request.DueAt));
                }
            }

            foreach (var created in run.Effects.Bookmarks.Where(b => b.Request.Child is not null && flow.Waits.ContainsKey(b.Id)))
            {
                await ChildWorkflows.StartAsync(this, owner.Interpreter, instance, created.Id, created.Request.Child!);
            }

            if (run.Effects.Incident is { } incident)
            {
                db.Incidents.Add(new Incident
                {
                    InstanceId = instance.Id, NodeId = incident.NodeId, ActivityType = incident.ActivityType,
                    Error = incident.Error.Length > 4000 ? incident.Error[..4000] : incident.Error, Attempts = incident.Attempts, CreatedAt = now,
                });
            }

            foreach (var line in run.Effects.Journal)
            {
                db.Journal.Add(new JournalEntry
                {
                    InstanceId = instance.Id, Sequence = line.Sequence, At = line.At, Kind = line.Kind, NodeId = line.NodeId,
                    ActivityType = line.ActivityType, Actor = line.Actor, Data = line.Data,
                });
            }

            var keep = owner.MaxJournalEntries;
            if (flow.JournalSeq > keep && db.Entry(instance).State != EntityState.Added)
            {
                var cutoff = flow.JournalSeq - keep;
                await db.Journal.Where(j => j.InstanceId == instance.Id && j.Sequence <= cutoff).ExecuteDeleteAsync(cancellationToken);
            }

            instance.Variables = PlainValues.ToJson(state.Variables);
            instance.State = flow.ToJson();
            instance.UpdatedAt = now;
        }

        public async Task CancelOpenWaitsAsync(Guid instanceId, DateTimeOffset now)
        {
            await db.Bookmarks.Where(b => b.InstanceId == instanceId && b.ResumedAt == null && b.CancelledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.CancelledAt, now), cancellationToken);
            await db.Tasks.Where(t => t.InstanceId == instanceId && (t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Claimed))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, WorkflowTaskStatus.Cancelled), cancellationToken);
        }

        /// <summary>Cancels the given open bookmarks and their open tasks (boundary timers, an interrupted wait).</summary>
        private async Task CancelBookmarksAsync(List<Guid> ids, DateTimeOffset now)
        {
            await db.Bookmarks.Where(b => ids.Contains(b.Id) && b.ResumedAt == null && b.CancelledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.CancelledAt, now), cancellationToken);
            await db.Tasks.Where(t => ids.Contains(t.BookmarkId) && (t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Claimed))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, WorkflowTaskStatus.Cancelled), cancellationToken);
        }

        /// <summary>Claims an open bookmark once; false when it was already resumed or cancelled.</summary>
        public async Task<bool> ClaimBookmarkAsync(Guid bookmarkId, string actor) =>
            await db.Bookmarks.Where(b => b.Id == bookmarkId && b.ResumedAt == null && b.CancelledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ResumedAt, Now).SetProperty(b => b.ResumedBy, actor), cancellationToken) == 1;
    }
}
