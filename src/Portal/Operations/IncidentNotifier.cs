using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Operations;

/// <summary>
/// Tells the admins about new incidents, in the portal and by mail (the notification mailer sends each
/// portal notification's copy). An incident is announced on its own — one notification, so one mail, per
/// admin — unless more than <see cref="BurstLimit"/> incidents were raised in the hour up to and including
/// it: then it waits for the daily digest (one notification per admin with the count and the first few).
/// Both runs are idempotent: an incident's own notice carries its id in the link and is never written
/// twice; a digest covers the incidents raised since the previous digest.
/// </summary>
public sealed class IncidentNotifier(WorkflowDbContext wf, CoreDbContext core, TimeProvider clock)
{
    public const string NoticeJobId = "operations-incident-notices";
    public const string DigestJobId = "operations-incident-digest";
    public const string DigestCron = "0 9 * * *"; // 09:00 Asia/Tokyo
    public const string IncidentKind = "workflow-incident";
    public const string DigestKind = "workflow-incident-digest";

    /// <summary>At most this many incidents an hour are announced one by one; the rest go to the digest.</summary>
    public const int BurstLimit = 5;

    // Incidents older than this when first seen (the host was down) are left to the digest.
    private static readonly TimeSpan NoticeWindow = TimeSpan.FromHours(6);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Every minute: one notification per admin for each new incident that is not part of a burst. Returns the incidents announced.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> NotifyNewAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var raised = await RaisedAsync(now - NoticeWindow - Hour, now, cancellationToken);
        var own = raised.Where(x => x.CreatedAt >= now - NoticeWindow && !InBurst(raised, x)).ToList();
        if (own.Count == 0)
        {
            return 0;
        }

        var links = own.ToDictionary(x => x.Id, x => $"/Staff/Instances/{x.InstanceId}?incident={x.Id}");
        var wanted = links.Values.ToList();
        var done = (await core.Notifications.IgnoreQueryFilters().AsNoTracking().Where(n => n.Kind == IncidentKind && wanted.Contains(n.Link!))
            .Select(n => n.Link!).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var admins = await AdminsAsync(cancellationToken);
        var count = 0;
        foreach (var incident in own.Where(x => !done.Contains(links[x.Id])))
        {
            foreach (var admin in admins)
            {
                core.Notifications.Add(new Notification
                {
                    RecipientId = admin, Kind = IncidentKind, Link = links[incident.Id], CreatedAt = now,
                    TitleJa = $"インシデント: {incident.DefinitionId} の {incident.NodeId} が失敗しました",
                    TitleEn = $"Incident: {incident.NodeId} of {incident.DefinitionId} failed",
                    BodyJa = incident.Error, BodyEn = incident.Error,
                });
            }

            count++;
        }

        await core.SaveChangesAsync(cancellationToken);
        return count;
    }

    /// <summary>Daily: one digest per admin of the burst incidents raised since the previous digest. Returns how many it covered.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> DigestAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = await core.Notifications.IgnoreQueryFilters().AsNoTracking().Where(n => n.Kind == DigestKind)
            .MaxAsync(n => (DateTimeOffset?)n.CreatedAt, cancellationToken) ?? now.AddDays(-1);
        var raised = await RaisedAsync(since - Hour, now, cancellationToken);
        var burst = raised.Where(x => x.CreatedAt > since && InBurst(raised, x)).ToList();
        if (burst.Count == 0)
        {
            return 0;
        }

        var lines = string.Join('\n', burst.Take(10).Select(x => $"{x.DefinitionId} / {x.NodeId}: {Short(x.Error)}"));
        var more = burst.Count > 10 ? $"\n… (+{burst.Count - 10})" : "";
        foreach (var admin in await AdminsAsync(cancellationToken))
        {
            core.Notifications.Add(new Notification
            {
                RecipientId = admin, Kind = DigestKind, Link = "/Staff/Instances?incident=open", CreatedAt = now,
                TitleJa = $"インシデントのまとめ: {burst.Count}件", TitleEn = $"Incident digest: {burst.Count}",
                BodyJa = lines + more, BodyEn = lines + more,
            });
        }

        await core.SaveChangesAsync(cancellationToken);
        return burst.Count;
    }

    /// <summary>True when more than <see cref="BurstLimit"/> incidents were raised in the hour up to and including <paramref name="incident"/>.</summary>
    private static bool InBurst(IReadOnlyList<Raised> raised, Raised incident) =>
        raised.Count(x => x.CreatedAt > incident.CreatedAt - Hour
            && (x.CreatedAt < incident.CreatedAt || (x.CreatedAt == incident.CreatedAt && x.Id.CompareTo(incident.Id) <= 0))) > BurstLimit;

    private async Task<List<Raised>> RaisedAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        await (from x in wf.Incidents.AsNoTracking()
               join i in wf.Instances.AsNoTracking() on x.InstanceId equals i.Id
               where x.CreatedAt >= since && x.CreatedAt <= until
               orderby x.CreatedAt, x.Id
               select new Raised(x.Id, x.InstanceId, i.DefinitionId, x.NodeId, x.Error, x.CreatedAt)).ToListAsync(cancellationToken);

    private async Task<List<Guid>> AdminsAsync(CancellationToken cancellationToken) =>
        await core.People.IgnoreQueryFilters().AsNoTracking().Where(p => p.Role == PersonRole.Admin).Select(p => p.Id).ToListAsync(cancellationToken);

    private static string Short(string error) => error.Length > 200 ? error[..200] + "…" : error;

    private sealed record Raised(Guid Id, Guid InstanceId, string DefinitionId, string NodeId, string Error, DateTimeOffset CreatedAt);
}

/// <summary>Declares the incident notice (every minute) and digest (09:00 Asia/Tokyo) jobs when the web host starts.</summary>
internal sealed class IncidentNotifierJobs(IRecurringJobManager recurring) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<IncidentNotifier>(IncidentNotifier.NoticeJobId, n => n.NotifyNewAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<IncidentNotifier>(IncidentNotifier.DigestJobId, n => n.DigestAsync(CancellationToken.None), IncidentNotifier.DigestCron,
            new RecurringJobOptions { TimeZone = Core.Time.Tokyo.Zone });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
