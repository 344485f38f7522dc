using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.InstanceMigration;

/// <summary>
/// Moves waiting (suspended) instances of version N of a definition onto another version with an explicit
/// node mapping — unlike a blind move, every waiting position must map to a node of the same activity type in
/// the target, or the instance is refused. <see cref="PlanAsync"/> is the dry run: per instance what would
/// happen. <see cref="ApplyAsync"/> re-plans under row locks and moves every instance in one transaction, or
/// none when any is refused; each moved instance gets an <c>instance-migrated</c> journal line. Running and
/// faulted instances are not touched (they are not waiting); instances waiting inside a loop, scope, child
/// workflow or on a boundary timer are refused.
/// </summary>
public sealed class InstanceMigrator(WorkflowDbContext db, TimeProvider time)
{
    /// <summary>The journal kind of a migration.</summary>
    public const string JournalKind = "instance-migrated";

    /// <summary>The dry run: what would happen to each waiting instance of the source version.</summary>
    /// <exception cref="MigrationRequestException">A version does not exist or both are the same.</exception>
    public async Task<MigrationPlan> PlanAsync(MigrationRequest request, CancellationToken cancellationToken = default)
    {
        var (_, target) = await VersionsAsync(request, cancellationToken);
        var instances = await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionId == request.DefinitionId && i.Version == request.FromVersion && i.Status == InstanceStatus.Suspended)
            .OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);
        return new MigrationPlan(request, await MovesAsync(request, target, instances, cancellationToken), Applied: false);
    }

    /// <summary>
    /// Moves every waiting instance, all or nothing: the returned plan has <c>Applied</c> false (and nothing
    /// changed) when any instance is refused or none waits.
    /// </summary>
    /// <exception cref="MigrationRequestException">A version does not exist or both are the same.</exception>
    public async Task<MigrationPlan> ApplyAsync(MigrationRequest request, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (_, target) = await VersionsAsync(request, cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Locked: a step that resumes one of them waits for the move and then runs on the new version.
            var instances = await db.Instances.FromSql($"""
                SELECT *, xmin FROM wf.instances WHERE definition_id = {request.DefinitionId} AND version = {request.FromVersion}
                AND status = 'Suspended' ORDER BY created_at FOR UPDATE
                """).AsNoTracking().ToListAsync(cancellationToken);
            var moves = await MovesAsync(request, target, instances, cancellationToken);
            var plan = new MigrationPlan(request, moves, Applied: false);
            if (!plan.CanApply)
            {
                return plan;
            }

            var now = time.GetUtcNow();
            foreach (var instance in instances)
            {
                await MoveAsync(instance, target, moves.Single(m => m.InstanceId == instance.Id), request, actor, now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return plan with { Applied = true };
        });
    }

    private async Task MoveAsync(WorkflowInstance instance, WorkflowDefinitionVersion target, InstanceMove move, MigrationRequest request,
        string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var map = move.Moves.ToDictionary(m => m.From, m => m.To!, StringComparer.Ordinal);
        string Rename(string node) => map.TryGetValue(node, out var to) ? to : node;
        var flow = FlowState.Parse(instance.State);
        flow.Queue = flow.Queue.Select(Rename).ToList();
        flow.Waits = flow.Waits.ToDictionary(w => w.Key, w => Rename(w.Value));
        flow.Attempts = Renamed(flow.Attempts, Rename);
        flow.Activations = Renamed(flow.Activations, Rename);
        foreach (var (from, to) in map.Where(m => m.Key != m.Value))
        {
            // The waiting node's own outputs (if any) follow it; outputs of nodes already passed stay as they are.
            if (flow.Outputs.Remove(from, out var outputs))
            {
                flow.Outputs[to] = outputs;
            }

            await db.Bookmarks.Where(b => b.InstanceId == instance.Id && b.NodeId == from && b.ResumedAt == null && b.CancelledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.NodeId, to), cancellationToken);
            await db.Tasks.Where(t => t.InstanceId == instance.Id && t.NodeId == from
                    && (t.Status == Tasks.WorkflowTaskStatus.Open || t.Status == Tasks.WorkflowTaskStatus.Claimed))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.NodeId, to), cancellationToken);
        }

        db.Journal.Add(new JournalEntry
        {
            InstanceId = instance.Id, Sequence = ++flow.JournalSeq, At = now, Kind = JournalKind, Actor = actor,
            Data = PlainValues.ToJson(new Dictionary<string, object?>
            {
                ["from"] = request.FromVersion, ["to"] = request.ToVersion,
                ["moves"] = move.Moves.ToDictionary(m => m.From, m => (object?)m.To, StringComparer.Ordinal),
            }),
        });
        var state = flow.ToJson();
        await db.Instances.Where(i => i.Id == instance.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.DefinitionVersionId, target.Id).SetProperty(i => i.Version, target.Version)
            .SetProperty(i => i.State, state).SetProperty(i => i.UpdatedAt, now), cancellationToken);
    }

    private static Dictionary<string, int> Renamed(Dictionary<string, int> values, Func<string, string> rename)
    {
        var renamed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (node, value) in values)
        {
            renamed[rename(node)] = value;
        }

        return renamed;
    }

    private async Task<List<InstanceMove>> MovesAsync(MigrationRequest request, WorkflowDefinitionVersion target,
        IReadOnlyList<WorkflowInstance> instances, CancellationToken cancellationToken)
    {
        var source = WorkflowGraph.Parse(await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == request.DefinitionId && d.Version == request.FromVersion).Select(d => d.Graph).SingleAsync(cancellationToken));
        var sourceTypes = source.Activities.ToDictionary(a => a.Id, a => a.Type, StringComparer.Ordinal);
        var targetTypes = WorkflowGraph.Parse(target.Graph).Activities.ToDictionary(a => a.Id, a => a.Type, StringComparer.Ordinal);
        var ids = instances.Select(i => i.Id).ToList();
        var waits = (await db.Bookmarks.AsNoTracking().Where(b => ids.Contains(b.InstanceId) && b.ResumedAt == null && b.CancelledAt == null)
                .Select(b => new { b.InstanceId, b.NodeId }).ToListAsync(cancellationToken))
            .ToLookup(b => b.InstanceId, b => b.NodeId);
        return instances.Select(instance =>
        {
            var flow = FlowState.Parse(instance.State);
            if (flow.Loops is { Count: > 0 } || flow.Frames is { Count: > 0 } || flow.WaitFrames is { Count: > 0 }
                || flow.Children is { Count: > 0 } || flow.Boundaries is { Count: > 0 })
            {
                return new InstanceMove(instance.Id, instance.CorrelationId, [], MigrationRefusals.Nested);
            }

            var positions = waits[instance.Id].Concat(flow.Queue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            var moves = positions.Select(node => Map(node, request.Mapping, sourceTypes, targetTypes)).ToList();
            return new InstanceMove(instance.Id, instance.CorrelationId, moves, null);
        }).ToList();
    }

    private static PositionMove Map(string node, IReadOnlyDictionary<string, string> mapping,
        Dictionary<string, string> sourceTypes, Dictionary<string, string> targetTypes)
    {
        var explicitly = mapping.TryGetValue(node, out var mapped) && !string.IsNullOrWhiteSpace(mapped);
        var to = explicitly ? mapped!.Trim() : node;
        if (!targetTypes.TryGetValue(to, out var targetType))
        {
            return new PositionMove(node, null, explicitly ? MigrationRefusals.UnknownTarget : MigrationRefusals.Unmapped);
        }

        return sourceTypes.TryGetValue(node, out var sourceType) && sourceType != targetType
            ? new PositionMove(node, to, MigrationRefusals.TypeChanged)
            : new PositionMove(node, to, null);
    }

    private async Task<(WorkflowDefinitionVersion Source, WorkflowDefinitionVersion Target)> VersionsAsync(MigrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FromVersion == request.ToVersion)
        {
            throw new MigrationRequestException("The source and target versions are the same.");
        }

        var versions = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == request.DefinitionId && (d.Version == request.FromVersion || d.Version == request.ToVersion))
            .ToListAsync(cancellationToken);
        var source = versions.SingleOrDefault(v => v.Version == request.FromVersion)
            ?? throw new MigrationRequestException($"Workflow '{request.DefinitionId}' has no version {request.FromVersion}.");
        var target = versions.SingleOrDefault(v => v.Version == request.ToVersion)
            ?? throw new MigrationRequestException($"Workflow '{request.DefinitionId}' has no version {request.ToVersion}.");
        return (source, target);
    }
}
