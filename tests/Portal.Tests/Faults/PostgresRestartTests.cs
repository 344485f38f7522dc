using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;
using Xunit.Abstractions;

namespace CloudpackPlus.Portal.Tests.Faults;

/// <summary>
/// PostgreSQL restarted under load (issue #17, Faults): 100 training applications being applied for, 100 workflow
/// instances of chained timers running and three signed-in users browsing while the test's own cluster stops for a few
/// seconds and starts again. The host keeps answering (503 on /health/ready and on pages during the outage, never a
/// 500), reconnects by itself, and afterwards nothing is lost or doubled.
/// </summary>
[RunsLong(80)]
public sealed class PostgresRestartTests(FaultHostFactory app, ITestOutputHelper output) : IClassFixture<FaultHostFactory>
{
    private const int Companies = 20;
    private const int ApplicationsPerCompany = 5;
    private const int TimerInstances = 100;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    [Fact]
    [Trait("Spec", "TKT-4")]
    public async Task RestartUnderLoad_HostAnswers503_Reconnects_AndNothingIsLostOrDoubled()
    {
        await FaultWorkload.PublishTimersAsync(app.Services);
        var companies = await FaultWorkload.EnrolCompaniesAsync(app.Services, Companies, "RST");
        var users = new List<PortalClient>();
        for (var i = 0; i < 3; i++)
        {
            var account = await app.CreateAccountAsync(companies[i].CompanyId, PersonRole.Member, $"browser{i}@rst.example.jp");
            var client = new PortalClient(app);
            await app.SignInAsync(client, account);
            users.Add(client);
        }

        var submissions = companies.SelectMany(c => Enumerable.Range(0, ApplicationsPerCompany).Select(_ => (c.RepresentativeId, Id: Guid.CreateVersion7()))).ToList();
        using var stop = new CancellationTokenSource();
        var pages = new ConcurrentBag<(string Path, HttpStatusCode Status, string? Location)>();
        var health = new ConcurrentBag<(TimeSpan At, HttpStatusCode Status)>();
        var clock = Stopwatch.StartNew();
        var browsing = users.Select(u => BrowseAsync(u, pages, stop.Token)).Append(WatchHealthAsync(health, clock, stop.Token)).ToList();

        // In flight: half the applications and all timer instances start, then the server goes away mid-run.
        var applying = ApplyAllAsync(submissions.Take(submissions.Count / 2));
        await FaultWorkload.StartTimersAsync(app.Services, 0, TimerInstances);
        await applying;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var stoppedAt = clock.Elapsed;
        await app.Cluster.StopAsync();
        // During the outage: the rest are applied for (refused: the database is away) and the users keep browsing.
        var duringOutage = await ApplyAllAsync(submissions.Skip(submissions.Count / 2));
        await Task.Delay(Outage - (clock.Elapsed - stoppedAt) is { Ticks: > 0 } left ? left : TimeSpan.Zero);
        await app.Cluster.StartAsync();
        var startedAt = clock.Elapsed;

        // Reconnects by itself: /health/ready turns 200 without anyone touching the host.
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(health.Any(h => h.At > startedAt && h.Status == HttpStatusCode.OK)), TimeSpan.FromSeconds(60)),
            "/health/ready did not answer 200 after the restart");
        var readyAt = health.Where(h => h.At > startedAt && h.Status == HttpStatusCode.OK).Min(h => h.At);

        // The refused applications are posted again (same submission ids), as a user would after the 503.
        var pending = submissions.Where(s => duringOutage.Contains(s.Id)).ToList();
        Assert.True(await Eventually.WaitAsync(async () => (pending = await RetryAsync(pending)).Count == 0, TimeSpan.FromSeconds(60)), $"{pending.Count} applications could not be applied after the restart");
        Assert.True(await Eventually.WaitAsync(async () => await FaultWorkload.CountAsync(app.ConnectionString,
                $"SELECT count(*) FROM wf.instances WHERE definition_id = '{FaultWorkload.TimerDefinition}' AND status IN ('Finished', 'Faulted', 'Cancelled')") == TimerInstances, TimeSpan.FromSeconds(120)),
            $"timer instances not ended: {await FaultWorkload.CountAsync(app.ConnectionString, $"SELECT count(*) FROM wf.instances WHERE definition_id = '{FaultWorkload.TimerDefinition}' AND status IN ('Running', 'Suspended')")}");
        var settledAt = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(browsing);

        output.WriteLine($"outage {(startedAt - stoppedAt).TotalSeconds:F1} s (stop to start); ready again {(readyAt - startedAt).TotalSeconds:F1} s after the start; " +
            $"all timers done {(settledAt - startedAt).TotalSeconds:F1} s after the start; {duringOutage.Count} applications refused during the outage and applied after; " +
            $"{pages.Count} page requests ({pages.Count(p => p.Status == HttpStatusCode.ServiceUnavailable)} answered 503), {health.Count} health probes; load {File.ReadAllText("/proc/loadavg").Trim()}");

        // The host kept answering: /health/ready said 503 while the server was away, pages 200 or 503, never 500 or a sign-in redirect.
        Assert.Contains(health, h => h.At > stoppedAt && h.At < startedAt && h.Status == HttpStatusCode.ServiceUnavailable);
        Assert.All(pages, p => Assert.True(p.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{p.Path} answered {(int)p.Status} {p.Location}"));
        Assert.Contains(pages, p => p.Status == HttpStatusCode.ServiceUnavailable);
        Assert.NotEmpty(duringOutage);

        // Still signed in afterwards.
        foreach (var user in users)
        {
            using var home = await user.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            user.Dispose();
        }

        // 0 lost, 0 doubled: one application, one reservation and one spend per submission; the balances follow the ledger.
        var cs = app.ConnectionString;
        Assert.Equal(submissions.Count, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.applications WHERE service_id = 'TRAIN-1'"));
        Assert.Equal(submissions.Count, await FaultWorkload.CountAsync(cs, "SELECT count(DISTINCT application_id) FROM core.ticket_reservations"));
        Assert.Equal(submissions.Count, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.ticket_reservations"));
        Assert.Equal(0L, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM (SELECT application_id FROM core.ticket_ledger WHERE kind = 'Spend' GROUP BY 1 HAVING count(*) <> 1) x"));
        Assert.Equal(-FaultWorkload.TrainingCost * submissions.Count, await FaultWorkload.CountAsync(cs, "SELECT COALESCE(sum(amount), 0) FROM core.ticket_ledger WHERE kind = 'Spend'"));
        Assert.Equal(Companies, await FaultWorkload.CountAsync(cs,
            $"SELECT count(*) FROM core.ticket_balances WHERE remaining = 15 - {FaultWorkload.TrainingCost * ApplicationsPerCompany}"));
        Assert.Equal(0L, await FaultWorkload.CountAsync(cs, """
            SELECT count(*) FROM core.ticket_balances b WHERE b.remaining <> (SELECT sum(amount) FROM core.ticket_ledger l
              WHERE l.company_id = b.company_id AND l.fiscal_year = b.fiscal_year)
            """));
        // Every application's workflow started once and waits (on the CSM's task), none faulted; every timer fired once.
        Assert.Equal(submissions.Count, await FaultWorkload.CountAsync(cs,
            "SELECT count(*) FROM wf.instances WHERE definition_id = (SELECT workflow_definition_id FROM core.catalogue_entries WHERE id = 'TRAIN-1')"));
        Assert.Equal(submissions.Count, await FaultWorkload.CountAsync(cs,
            "SELECT count(*) FROM core.applications a JOIN wf.instances i ON i.id = a.workflow_instance_id WHERE i.status = 'Suspended'"));
        await FaultWorkload.AssertTimersFiredOnceAsync(cs, TimerInstances);
    }

    private async Task<HashSet<Guid>> ApplyAllAsync(IEnumerable<(Guid RepresentativeId, Guid Id)> submissions)
    {
        var refused = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(submissions, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (s, _) =>
        {
            if (!await FaultWorkload.TryApplyAsync(app.Services, s.RepresentativeId, s.Id))
            {
                refused.Add(s.Id);
            }
        });
        return [.. refused];
    }

    private async Task<List<(Guid RepresentativeId, Guid Id)>> RetryAsync(List<(Guid RepresentativeId, Guid Id)> pending)
    {
        var refused = await ApplyAllAsync(pending);
        return pending.Where(p => refused.Contains(p.Id)).ToList();
    }

    private static async Task BrowseAsync(PortalClient user, ConcurrentBag<(string, HttpStatusCode, string?)> pages, CancellationToken stop)
    {
        string[] paths = ["/", "/Applications", "/Notifications"];
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var path = paths[i % paths.Length];
            using var response = await user.GetAsync(path);
            pages.Add((path, response.StatusCode, response.Headers.Location?.OriginalString));
            await Task.Delay(150, CancellationToken.None);
        }
    }

    private async Task WatchHealthAsync(ConcurrentBag<(TimeSpan, HttpStatusCode)> health, Stopwatch clock, CancellationToken stop)
    {
        using var client = app.CreateClient();
        while (!stop.IsCancellationRequested)
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), CancellationToken.None);
            health.Add((clock.Elapsed, response.StatusCode));
            await Task.Delay(200, CancellationToken.None);
        }
    }
}
