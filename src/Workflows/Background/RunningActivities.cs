using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.Background;

/// <summary>The background activities of an instance that are queued or running, with their live progress.</summary>
public interface IRunningActivities
{
    /// <summary>Open job bookmarks of the instance, oldest first (empty when none, or no such instance).</summary>
    Task<IReadOnlyList<RunningActivityView>> ListAsync(Guid instanceId, CancellationToken cancellationToken = default);
}

/// <summary>One queued or running background activity.</summary>
/// <param name="BookmarkId">Its job bookmark.</param>
/// <param name="NodeId">The node.</param>
/// <param name="ActivityType">The activity's type name.</param>
/// <param name="DisplayNameJa">The activity's Japanese display name.</param>
/// <param name="DisplayNameEn">The activity's English display name.</param>
/// <param name="State"><c>queued</c> (waiting for a worker or its retry's backoff), <c>running</c> (a live lease), or <c>stalled</c> (the lease expired: its worker died; another takes it over).</param>
/// <param name="LeaseOwner">The worker (host:process) holding or last holding the lease.</param>
/// <param name="StartedAt">When the current lease was claimed.</param>
/// <param name="HeartbeatAt">The worker's last heartbeat.</param>
/// <param name="LeaseExpiresAt">Until when the lease is alive.</param>
/// <param name="Claims">How many times a lease was claimed (more than one after a takeover).</param>
/// <param name="Progress">The last reported progress, if any.</param>
public sealed record RunningActivityView(
    Guid BookmarkId, string NodeId, string ActivityType, string DisplayNameJa, string DisplayNameEn, string State, string? LeaseOwner, DateTimeOffset? StartedAt, DateTimeOffset? HeartbeatAt,
    DateTimeOffset? LeaseExpiresAt, int Claims, ActivityProgress? Progress)
{
    /// <summary>Done as a percentage of the total (0–100), when the total is known.</summary>
    public int? Percent => Progress is { Total: > 0 } p ? (int)Math.Clamp(p.Done * 100 / p.Total.Value, 0, 100) : null;
}

internal sealed class RunningActivities(WorkflowDbContext db, Runtime.PlanCache plans, TimeProvider time) : IRunningActivities
{
    public async Task<IReadOnlyList<RunningActivityView>> ListAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var versionId = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => (Guid?)i.DefinitionVersionId).SingleOrDefaultAsync(cancellationToken);
        if (versionId is null)
        {
            return [];
        }

        var rows = await db.Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == instanceId && b.Kind == BookmarkKind.Job && b.ResumedAt == null && b.CancelledAt == null)
            .OrderBy(b => b.CreatedAt)
            .Select(b => new { b.Id, b.NodeId, b.LeaseOwner, b.LeaseStartedAt, b.HeartbeatAt, b.LeaseExpiresAt, b.LeaseCount, b.Progress })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var plan = await plans.GetAsync(versionId.Value, db, cancellationToken);
        var now = time.GetUtcNow();
        return rows.Select(b => (Row: b, plan.Get(b.NodeId).Descriptor)).Select(x => new RunningActivityView(
            x.Row.Id, x.Row.NodeId, x.Descriptor.TypeName, x.Descriptor.DisplayNameJa, x.Descriptor.DisplayNameEn,
            x.Row.LeaseExpiresAt is null ? "queued" : x.Row.LeaseExpiresAt > now ? "running" : "stalled",
            x.Row.LeaseOwner, x.Row.LeaseStartedAt, x.Row.HeartbeatAt, x.Row.LeaseExpiresAt, x.Row.LeaseCount, ActivityProgress.Parse(x.Row.Progress))).ToList();
    }
}
