using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>The runtime's entry points; each call is one step (one transaction).</summary>
internal sealed class WorkflowRuntime(StepExecutor executor, IServiceProvider services, IEnumerable<IInstanceCancellationHandler> cancellationHandlers,
    PublishedVersions published) : IWorkflowRuntime
{
    /// <summary>For reads outside a step; resolved on first use, since a DbContext costs more than a whole step's engine work.</summary>
    private WorkflowDbContext ReadDb => field ??= services.GetRequiredService<WorkflowDbContext>();

    private const string CorrelationIndex = "ix_instances_definition_id_correlation_id";

    public Task<StartResult> StartWorkflowAsync(string definitionId, IReadOnlyDictionary<string, object?>? input,
        string? correlationId, string? startedBy = null, CancellationToken cancellationToken = default) =>
        StartAsync(definitionId, correlationId, startedBy, _ => Task.FromResult(input), cancellationToken);

    public Task<StartResult> StartWorkflowAsync(string definitionId, string correlationId, string? startedBy,
        Func<IWorkflowStepScope, Task<IReadOnlyDictionary<string, object?>>> prepare, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(correlationId);
        ArgumentNullException.ThrowIfNull(prepare);
        return StartAsync(definitionId, correlationId, startedBy, async scope => await prepare(scope), cancellationToken);
    }

    private async Task<StartResult> StartAsync(string definitionId, string? correlationId, string? startedBy,
        Func<IWorkflowStepScope, Task<IReadOnlyDictionary<string, object?>?>> prepare, CancellationToken cancellationToken)
    {
        var cached = published.TryGet(definitionId);
        try
        {
            return await StartInStepAsync(definitionId, correlationId, startedBy, prepare, cached, cancellationToken);
        }
        catch (PostgresException e) when (cached is not null && e is { SqlState: PostgresErrorCodes.ForeignKeyViolation, ConstraintName: StepWriter.JournalInstanceForeignKey })
        {
            // The remembered version was superseded (published elsewhere): the instance was not inserted. Read it afresh.
            published.Forget(definitionId);
            return await StartInStepAsync(definitionId, correlationId, startedBy, prepare, null, cancellationToken);
        }
    }

    /// <summary>
    /// One start step. With a remembered published version the step makes no lookup: the instance insert is conditional
    /// on the version (see <see cref="PublishedVersions"/>) and an existing instance of the correlation id surfaces as the
    /// unique index's violation, answered below with that instance. Without one, the step reads both first.
    /// </summary>
    private async Task<StartResult> StartInStepAsync(string definitionId, string? correlationId, string? startedBy,
        Func<IWorkflowStepScope, Task<IReadOnlyDictionary<string, object?>?>> prepare, (Guid Id, int Version)? cached, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.InStepAsync(async step =>
            {
                var version = cached;
                if (version is null)
                {
                    var (existing, found) = await FindStartAsync(step, definitionId, correlationId, cancellationToken);
                    if (existing is not null)
                    {
                        step.Rollback();
                        return existing;
                    }

                    version = found ?? throw new WorkflowNotFoundException($"Workflow '{definitionId}' has no published version.");
                    published.Remember(definitionId, version.Value);
                }

                var instanceId = Guid.CreateVersion7();
                var input = await step.WithCallerAsync(instanceId, prepare);
                var instance = new WorkflowInstance
                {
                    Id = instanceId,
                    DefinitionVersionId = version.Value.Id, DefinitionId = definitionId, Version = version.Value.Version,
                    CorrelationId = correlationId, Status = InstanceStatus.Running, CreatedAt = step.Now, UpdatedAt = step.Now,
                    StartedBy = startedBy, Input = PlainValues.ToJson(PlainValues.Normalize(input ?? new Dictionary<string, object?>())),
                };
                var run = await step.LoadAsync(instance);
                foreach (var variable in run.Plan.Graph.Variables)
                {
                    run.State.Variables[variable.Name] = variable.Default is { } d ? PlainValues.FromJson(d) : null;
                }

                foreach (var (key, value) in run.State.Input)
                {
                    run.State.Variables[key] = value;
                }

                run.State.Flow.Queue.Add(run.Plan.StartNodeId);
                step.Journal(run, JournalKinds.InstanceStarted, null, startedBy, null);
                await executor.Interpreter.RunAsync(run);
                await step.ApplyAsync(instance, run, ifPublished: cached is not null, last: true);
                return new StartResult(instance.Id, true, instance.Status);
            }, cancellationToken);
        }
        catch (Exception e) when (correlationId is not null && (e as PostgresException ?? e.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CorrelationIndex })
        {
            // The correlation id has its instance already (a repeated request, or another at the same moment): the step
            // rolled back, that one stands.
            return await FindByCorrelationAsync(ReadDb, definitionId, correlationId, cancellationToken)
                ?? throw new InvalidOperationException("The instance for this correlation id vanished.", e);
        }
    }

    private static async Task<(StartResult? Existing, (Guid Id, int Version)? Version)> FindStartAsync(
        StepExecutor.Step step, string definitionId, string? correlationId, CancellationToken cancellationToken)
    {
        await using var batch = step.CreateBatch();
        var byCorrelation = batch.CreateBatchCommand();
        byCorrelation.CommandText = "SELECT id, status FROM wf.instances WHERE definition_id = $1 AND correlation_id = $2";
        byCorrelation.Parameters.Add(new NpgsqlParameter<string> { TypedValue = definitionId });
        byCorrelation.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)correlationId ?? DBNull.Value });
        batch.BatchCommands.Add(byCorrelation);
        var published = batch.CreateBatchCommand();
        published.CommandText = "SELECT id, version FROM wf.definitions WHERE definition_id = $1 AND is_published";
        published.Parameters.Add(new NpgsqlParameter<string> { TypedValue = definitionId });
        batch.BatchCommands.Add(published);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        StartResult? existing = null;
        if (await reader.ReadAsync(cancellationToken))
        {
            existing = new StartResult(reader.GetGuid(0), false, Enum.Parse<InstanceStatus>(reader.GetString(1)));
        }

        await reader.NextResultAsync(cancellationToken);
        (Guid, int)? version = await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetInt32(1)) : null;
        return (existing, version);
    }

    private static async Task<StartResult?> FindByCorrelationAsync(WorkflowDbContext db, string definitionId, string correlationId, CancellationToken cancellationToken)
    {
        var found = await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionId == definitionId && i.CorrelationId == correlationId)
            .Select(i => new { i.Id, i.Status }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new StartResult(found.Id, false, found.Status);
    }

    public Task<ResumeResult> ResumeBookmarkAsync(Guid bookmarkId, IReadOnlyDictionary<string, object?>? payload,
        string actor, CancellationToken cancellationToken = default) =>
        executor.InStepAsync(step => ResumeInStepAsync(step, bookmarkId, payload, actor, null),
            instanceId => new ResumeResult(ResumeOutcome.Resumed, instanceId, InstanceStatus.Faulted), cancellationToken);

    /// <summary>Resume inside an open step; <paramref name="beforeRun"/> may add journal lines (e.g. task completed).</summary>
    internal async Task<ResumeResult> ResumeInStepAsync(StepExecutor.Step step, Guid bookmarkId,
        IReadOnlyDictionary<string, object?>? payload, string actor, Action<StepRun>? beforeRun)
    {
        var bookmark = await step.FindBookmarkAsync(bookmarkId);
        if (bookmark is null)
        {
            step.Rollback();
            return new ResumeResult(ResumeOutcome.NotFound);
        }

        var instance = (await step.LockInstanceAsync(bookmark.InstanceId))!;
        if (instance.Status is not (InstanceStatus.Running or InstanceStatus.Suspended) || !await step.ClaimBookmarkAsync(bookmarkId, actor))
        {
            step.Rollback();
            var current = await step.Db.Bookmarks.AsNoTracking().Where(b => b.Id == bookmarkId)
                .Select(b => new { b.ResumedAt, b.CancelledAt }).SingleAsync(step.CancellationToken);
            var outcome = current.ResumedAt is not null ? ResumeOutcome.AlreadyResumed
                : current.CancelledAt is not null ? ResumeOutcome.Cancelled
                : ResumeOutcome.InstanceNotActive;
            return new ResumeResult(outcome, instance.Id, instance.Status);
        }

        var run = await step.LoadAsync(instance);
        beforeRun?.Invoke(run);
        var resume = new BookmarkResume(bookmark.Kind, PlainValues.Normalize(payload ?? new Dictionary<string, object?>()) as IReadOnlyDictionary<string, object?>
            ?? new Dictionary<string, object?>(), actor);
        await executor.Interpreter.ResumeAsync(run, bookmarkId, bookmark.NodeId, resume, bookmark.Payload);
        await step.ApplyAsync(instance, run);
        return new ResumeResult(ResumeOutcome.Resumed, instance.Id, instance.Status);
    }

    public async Task<ResumeResult> SignalAsync(Guid instanceId, string signalName, IReadOnlyDictionary<string, object?>? payload,
        string actor, CancellationToken cancellationToken = default)
    {
        var bookmarkId = await ReadDb.Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == instanceId && b.Kind == BookmarkKind.Signal && b.SignalName == signalName && b.ResumedAt == null && b.CancelledAt == null)
            .OrderBy(b => b.CreatedAt).Select(b => (Guid?)b.Id).FirstOrDefaultAsync(cancellationToken);
        return bookmarkId is { } id
            ? await ResumeBookmarkAsync(id, payload, actor, cancellationToken)
            : new ResumeResult(ResumeOutcome.NotFound, instanceId);
    }

    public async Task<ResumeResult> SignalByCorrelationAsync(string? definitionId, string correlationId, string signalName,
        IReadOnlyDictionary<string, object?>? payload, string actor, CancellationToken cancellationToken = default)
    {
        var bookmarkId = await (
            from b in ReadDb.Bookmarks.AsNoTracking()
            join i in ReadDb.Instances.AsNoTracking() on b.InstanceId equals i.Id
            where i.CorrelationId == correlationId && (definitionId == null || i.DefinitionId == definitionId)
                && (i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Suspended)
                && b.Kind == BookmarkKind.Signal && b.SignalName == signalName && b.ResumedAt == null && b.CancelledAt == null
            orderby b.CreatedAt
            select (Guid?)b.Id).FirstOrDefaultAsync(cancellationToken);
        return bookmarkId is { } id
            ? await ResumeBookmarkAsync(id, payload, actor, cancellationToken)
            : new ResumeResult(ResumeOutcome.NotFound);
    }

    public Task<IncidentPage> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken = default) =>
        IncidentList.ListAsync(ReadDb, query, cancellationToken);

    public Task<IncidentRow?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default) =>
        IncidentList.FindAsync(ReadDb, incidentId, cancellationToken);

    public Task<bool> CancelInstanceAsync(Guid instanceId, string actor, string? reason = null, CancellationToken cancellationToken = default) =>
        CancelInstanceAsync(instanceId, actor, reason, _ => Task.CompletedTask, cancellationToken);

    public Task<bool> CancelInstanceAsync(Guid instanceId, string actor, string? reason,
        Func<IWorkflowStepScope, Task> alsoInStep, CancellationToken cancellationToken = default) =>
        executor.InStepAsync(async step =>
        {
            var instance = await step.LockInstanceAsync(instanceId);
            if (instance is null || instance.Status is InstanceStatus.Finished or InstanceStatus.Cancelled)
            {
                step.Rollback();
                return false;
            }

            await step.WithCallerAsync(instanceId, async scope =>
            {
                await alsoInStep(scope);
                // Every caller gets the same domain compensation (tickets back, application closed), not only the domain's own cancel.
                var cancellation = new InstanceCancellation(instanceId, instance.DefinitionId, instance.CorrelationId, actor, reason);
                foreach (var handler in cancellationHandlers)
                {
                    await handler.OnCancellingAsync(cancellation, scope, cancellationToken);
                }

                return true;
            });
            var run = await step.LoadAsync(instance);
            await step.CancelOpenWaitsAsync(instanceId, step.Now);
            await step.Db.Incidents.Where(i => i.InstanceId == instanceId && i.ResolvedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ResolvedAt, step.Now).SetProperty(i => i.Resolution, "cancelled").SetProperty(i => i.ResolvedBy, actor), cancellationToken);
            run.State.Flow.Waits.Clear();
            run.State.Flow.Queue.Clear();
            step.Journal(run, JournalKinds.InstanceCancelled, null, actor, reason is null ? null : PlainValues.ToJson(new Dictionary<string, object?> { ["reason"] = reason }));
            run.Effects.Cancelled = true;
            await step.ApplyAsync(instance, run);
            return true;
        }, cancellationToken);

    public Task<bool> RetryIncidentAsync(Guid incidentId, string actor, CancellationToken cancellationToken = default) =>
        executor.InStepAsync(async step =>
        {
            var incident = await step.Db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
            var instance = incident is null ? null : await step.LockInstanceAsync(incident.InstanceId);
            var claimed = incident is not null && await step.Db.Incidents.Where(i => i.Id == incidentId && i.ResolvedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ResolvedAt, step.Now).SetProperty(i => i.Resolution, "retried").SetProperty(i => i.ResolvedBy, actor), cancellationToken) == 1;
            if (!claimed || instance is null || instance.Status != InstanceStatus.Faulted)
            {
                step.Rollback();
                return false;
            }

            var run = await step.LoadAsync(instance);
            run.State.Flow.Attempts.Remove(incident!.NodeId);
            run.State.Flow.Queue.Insert(0, incident.NodeId);
            step.Journal(run, JournalKinds.IncidentRetried, incident.NodeId, actor, null);
            instance.Status = InstanceStatus.Running;
            await executor.Interpreter.RunAsync(run);
            await step.ApplyAsync(instance, run);
            return true;
        }, cancellationToken);

    public async Task<InstanceView?> GetInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var i = await ReadDb.Instances.AsNoTracking().SingleOrDefaultAsync(x => x.Id == instanceId, cancellationToken);
        if (i is null)
        {
            return null;
        }

        var incidents = await ReadDb.Incidents.AsNoTracking().Where(x => x.InstanceId == instanceId && x.ResolvedAt == null).ToListAsync(cancellationToken);
        return new InstanceView(i.Id, i.DefinitionId, i.Version, i.Status, i.CorrelationId, PlainValues.ParseObject(i.Variables),
            i.CreatedAt, i.UpdatedAt, i.FinishedAt, incidents);
    }

    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(Guid instanceId, long afterSequence = 0, int limit = 200, CancellationToken cancellationToken = default) =>
        await ReadDb.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId && j.Sequence > afterSequence)
            .OrderBy(j => j.Sequence).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(cancellationToken);
}
