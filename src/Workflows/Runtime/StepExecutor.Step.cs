using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>The step a body works in: its reads, writes and locks, all on the step's connection and transaction.</summary>
internal sealed partial class StepExecutor
{
    /// <summary>One step's working set.</summary>
    internal sealed class Step(StepExecutor owner, StepResources resources, IServiceProvider services, CancellationToken cancellationToken)
    {
        private readonly HashSet<Guid> _locked = [];
        private WorkflowDbContext? _db;
        private Guid? _claimedBookmark;

        /// <summary>The workflow tables on the step's connection and transaction (created on first use: the hot path writes through Npgsql).</summary>
        public WorkflowDbContext Db => _db ??= CreateDb();

        /// <summary>What to mark Faulted if the step fails unexpectedly: set once an existing instance is locked and an activity began.</summary>
        internal StepFailureTarget? FailureTarget =>
            _locked.Count == 1 && resources.EntryNode is { } entry
                ? new StepFailureTarget(_locked.First(), entry, resources.CurrentNode ?? entry, _claimedBookmark)
                : null;

        private WorkflowDbContext CreateDb()
        {
            var db = services.GetRequiredService<WorkflowDbContext>();
            db.Database.SetDbConnection(resources.Npgsql);
            db.Database.UseTransaction(resources.NpgsqlTransaction);
            return db;
        }

        /// <summary>A batch on the step's connection and transaction (one round trip for several statements).</summary>
        internal NpgsqlBatch CreateBatch() => new(resources.Npgsql, resources.NpgsqlTransaction);

        /// <summary>
        /// The step's whole write, left for the executor to send without a transaction block: set by a
        /// <see cref="ApplyAsync"/> told it is the step's last act, when nothing before it began the transaction.
        /// </summary>
        internal NpgsqlBatch? FinalBatch { get; private set; }

        /// <summary>Saves what callers changed through <see cref="Db"/>.</summary>
        internal async Task SaveTrackedAsync()
        {
            if (_db is not null && _db.ChangeTracker.HasChanges())
            {
                await _db.SaveChangesAsync(cancellationToken);
            }
        }

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

        /// <summary>
        /// Locks the instance row: one writer per instance, across hosts. The instance is not tracked by <see cref="Db"/>:
        /// <see cref="ApplyAsync"/> writes it.
        /// </summary>
        public async Task<WorkflowInstance?> LockInstanceAsync(Guid id)
        {
            var instance = await StepReader.LockInstanceAsync(resources.Npgsql, resources.NpgsqlTransaction, id, cancellationToken);
            if (instance is not null)
            {
                _locked.Add(id);
            }

            return instance;
        }

        /// <summary>A bookmark as stored (not tracked), or null.</summary>
        public Task<Bookmark?> FindBookmarkAsync(Guid bookmarkId) =>
            StepReader.FindBookmarkAsync(resources.Npgsql, resources.NpgsqlTransaction, bookmarkId, cancellationToken);

        public async Task<StepRun> LoadAsync(WorkflowInstance instance)
        {
            var plan = owner.Plans.TryGet(instance.DefinitionVersionId) ?? await owner.Plans.GetAsync(instance.DefinitionVersionId, Db, cancellationToken);
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

        /// <summary>
        /// Writes the step's outcome into the tracked instance and the change set. <paramref name="ifPublished"/>: a new
        /// instance goes in only if its version is still the published one (a start from <see cref="PublishedVersions"/>).
        /// <paramref name="last"/>: the caller does nothing in the step afterwards; if nothing so far began the transaction
        /// (no read, no tracked or domain write: a start that ran to its end or first wait without bookmarks), the batch is
        /// not sent here but by the executor, alone, saving the COMMIT's round trip.
        /// </summary>
        public async Task ApplyAsync(WorkflowInstance instance, StepRun run, bool ifPublished = false, bool last = false)
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
                Db.Bookmarks.Add(new Bookmark
                {
                    Id = created.Id, InstanceId = instance.Id, NodeId = created.NodeId, Kind = created.Request.Kind,
                    SignalName = created.Request.SignalName, DueAt = created.Request.DueAt, Payload = created.Payload,
                    CreatedAt = now, CancelledAt = open ? null : now,
                });
                if (created.Request.Task is { } task)
                {
                    Db.Tasks.Add(new WorkflowTask
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
                Db.Incidents.Add(new Incident
                {
                    InstanceId = instance.Id, NodeId = incident.NodeId, ActivityType = incident.ActivityType,
                    Error = incident.Error.Length > 4000 ? incident.Error[..4000] : incident.Error, Attempts = incident.Attempts, CreatedAt = now,
                });
            }

            instance.Variables = PlainValues.ToJson(state.Variables);
            instance.State = flow.ToJson();
            instance.UpdatedAt = now;
            var isNew = !_locked.Contains(instance.Id);
            var trimTo = !isNew && flow.JournalSeq > owner.MaxJournalEntries ? flow.JournalSeq - owner.MaxJournalEntries : (long?)null;
            if (last && resources.BegunTransaction is null && _db is null)
            {
                var final = new NpgsqlBatch(resources.Npgsql);
                StepWriter.AddInstance(final, instance, isNew, ifPublished);
                StepWriter.AddJournal(final, instance.Id, run.Effects.Journal, trimTo);
                FinalBatch = final;
                return;
            }

            await using (var batch = CreateBatch())
            {
                StepWriter.AddInstance(batch, instance, isNew, ifPublished);
                StepWriter.AddJournal(batch, instance.Id, run.Effects.Journal, trimTo);
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }

            if (_db?.ChangeTracker.Entries<WorkflowInstance>().FirstOrDefault(e => e.Entity == instance) is { } entry)
            {
                // Written above: the change tracker must not write it again.
                entry.State = EntityState.Unchanged;
            }
        }

        public async Task CancelOpenWaitsAsync(Guid instanceId, DateTimeOffset now)
        {
            await using var batch = CreateBatch();
            batch.BatchCommands.Add(StepReader.Command(
                "UPDATE wf.bookmarks SET cancelled_at = $2 WHERE instance_id = $1 AND resumed_at IS NULL AND cancelled_at IS NULL", instanceId, now.ToUniversalTime()));
            batch.BatchCommands.Add(StepReader.Command(
                "UPDATE wf.tasks SET status = 'Cancelled' WHERE instance_id = $1 AND status IN ('Open', 'Claimed')", instanceId));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>Adds one journal line to a locked instance without running it (e.g. a discarded background result).</summary>
        public async Task AppendJournalAsync(WorkflowInstance instance, string kind, string? nodeId, string? activityType, string? data)
        {
            var flow = FlowState.Parse(instance.State);
            var line = new JournalRecord(++flow.JournalSeq, Now, kind, nodeId, activityType, null, data);
            instance.State = flow.ToJson();
            await using var batch = CreateBatch();
            batch.BatchCommands.Add(StepReader.Command("UPDATE wf.instances SET state = $2::jsonb WHERE id = $1", instance.Id, instance.State));
            StepWriter.AddJournal(batch, instance.Id, [line], null);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>Cancels the given open bookmarks and their open tasks (boundary timers, an interrupted wait).</summary>
        private async Task CancelBookmarksAsync(List<Guid> ids, DateTimeOffset now)
        {
            await Db.Bookmarks.Where(b => ids.Contains(b.Id) && b.ResumedAt == null && b.CancelledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.CancelledAt, now), cancellationToken);
            await Db.Tasks.Where(t => ids.Contains(t.BookmarkId) && (t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Claimed))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, WorkflowTaskStatus.Cancelled), cancellationToken);
        }

        /// <summary>Claims an open bookmark once; false when it was already resumed or cancelled.</summary>
        public async Task<bool> ClaimBookmarkAsync(Guid bookmarkId, string actor)
        {
            await using var batch = CreateBatch();
            batch.BatchCommands.Add(StepReader.Command(
                "UPDATE wf.bookmarks SET resumed_at = $2, resumed_by = $3 WHERE id = $1 AND resumed_at IS NULL AND cancelled_at IS NULL",
                bookmarkId, Now.ToUniversalTime(), actor));
            var claimed = await batch.ExecuteNonQueryAsync(cancellationToken) == 1;
            if (claimed)
            {
                _claimedBookmark = bookmarkId;
            }

            return claimed;
        }
    }
}
