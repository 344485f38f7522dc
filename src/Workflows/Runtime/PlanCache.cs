using System.Collections.Concurrent;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>Execution plans by version row id. A version that instances run on is immutable, so plans never go stale.</summary>
internal sealed class PlanCache(ActivityRegistry registry)
{
    private readonly ConcurrentDictionary<Guid, ExecutionPlan> _plans = new();

    /// <summary>The cached plan, or null (then <see cref="GetAsync"/> reads the version).</summary>
    public ExecutionPlan? TryGet(Guid versionId) => _plans.GetValueOrDefault(versionId);

    public async Task<ExecutionPlan> GetAsync(Guid versionId, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        if (_plans.TryGetValue(versionId, out var plan))
        {
            return plan;
        }

        var graph = await db.Definitions.AsNoTracking().Where(d => d.Id == versionId).Select(d => d.Graph).SingleAsync(cancellationToken);
        plan = new ExecutionPlan(WorkflowGraph.Parse(graph), registry);
        _plans[versionId] = plan;
        return plan;
    }
}
