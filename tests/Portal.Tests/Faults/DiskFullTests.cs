using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Mail;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CloudpackPlus.Portal.Tests.Faults;

/// <summary>
/// The database's disk fills up (issue #17, Faults): the application's database lives in a tablespace on a 96 MB tmpfs
/// of the test's own cluster (the WAL stays on the cluster's disk, as on a server whose data volume fills), and a
/// ballast file takes the last free page while customers apply, post inquiries and browse, staff browse, timers run and
/// mail waits in the outbox. PostgreSQL refuses the writes (SQLSTATE 53100) and stays up; the host answers 503, never
/// 500, and nothing is half-written. Deleting the ballast frees the disk: without a restart everything resumes — the
/// refused applications are made when posted again, every timer fires once, every mail reaches the catcher once.
/// Skipped, with the reason, where mounting a tmpfs is refused (not root, an unprivileged container).
/// </summary>
[RunsLong(80)]
public sealed class DiskFullTests(ThrowawayCluster cluster, ITestOutputHelper output) : IClassFixture<ThrowawayCluster>
{
    private const int Companies = 6;
    private const int TimerInstances = 20;
    private const int WaitingMails = 5;
    private static readonly TimeSpan FullFor = TimeSpan.FromSeconds(12);

    [SkippableFact]
    [Trait("Spec", "TKT-4")]
    public async Task DiskFillsUp_Host503NotFiveHundred_NothingHalfWritten_AndAllResumesWhenSpaceIsFreed()
    {
        var (disk, refused) = await cluster.TryMountSmallDiskAsync("small-disk", 96);
        Skip.If(disk is null, $"disk-full drill not run: {refused}");
        await cluster.CreateDatabaseInTablespaceAsync("cloudpackplus", "small_disk", disk!);
        await using var app = await FaultHostFactory.StartOnAsync(cluster, "cloudpackplus", create: false);
        var cs = app.ConnectionString;

        await FaultWorkload.PublishTimersAsync(app.Services);
        var companies = await FaultWorkload.EnrolCompaniesAsync(app.Services, Companies, "DSK");
        var users = new List<(PortalClient Client, string Name)>();
        for (var i = 0; i < 2; i++)
        {
            var account = await app.CreateAccountAsync(companies[i].CompanyId, PersonRole.Member, $"member{i}@dsk.example.jp");
            var client = new PortalClient(app);
            await app.SignInAsync(client, account);
            users.Add((client, $"member{i}"));
        }

        var csm = new PortalClient(app);
        await app.SignInAsync(csm, await app.CreateAccountAsync(null, PersonRole.Csm, "csm@dsk.example.jp"));

        // Before the disk fills: some applications made, timers running, mail waiting in the outbox (no send job queued,
        // as after a crash between the commit and the enqueue: the minutely sweep sends it).
        var submissions = companies.SelectMany(c => Enumerable.Range(0, 3).Select(_ => (c.RepresentativeId, Id: Guid.CreateVersion7()))).ToList();
        Assert.Empty(await ApplyAllAsync(app.Services, submissions.Take(Companies)));
        await FaultWorkload.StartTimersAsync(app.Services, 0, TimerInstances);
        await QueueMailAsync(app);

        // The disk fills while everyone goes on.
        var ballast = Path.Combine(disk!, "ballast");
        var clock = Stopwatch.StartNew();
        var ballastBytes = DiskFullDrill.FillWithBallast(ballast);
        var fullAt = clock.Elapsed;
        using var stop = new CancellationTokenSource();
        var answers = new ConcurrentBag<(string What, HttpStatusCode Status)>();
        var inquiries = new ConcurrentBag<string>();
        var acting = users.Select(u => DiskFullDrill.ActAsync(u.Client, u.Name, answers, inquiries, stop.Token))
            .Append(DiskFullDrill.BrowseStaffAsync(csm, answers, stop.Token)).ToList();
        var refusedWhileFull = await ApplyAllAsync(app.Services, submissions.Skip(Companies));
        await Task.Delay(FullFor - (clock.Elapsed - fullAt) is { Ticks: > 0 } left ? left : TimeSpan.Zero);
        using (var health = await app.CreateClient().GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        await stop.CancelAsync();
        await Task.WhenAll(acting);
        var inquiriesWhileFull = inquiries.Count;
        var unsentWhileFull = await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM identity.mail_outbox WHERE sent_at IS NULL");

        // Space is freed: nobody restarts anything.
        File.Delete(ballast);
        var freedAt = clock.Elapsed;
        var pending = submissions.Where(s => refusedWhileFull.Contains(s.Id)).ToList();
        Assert.True(await Eventually.WaitAsync(async () => (pending = await RetryAsync(app.Services, pending)).Count == 0, TimeSpan.FromSeconds(30)),
            $"{pending.Count} refused applications could not be made after the disk was freed");
        var inquiryAfter = await DiskFullDrill.PostInquiryAsync(users[0].Client, "容量回復後の問い合わせ");
        Assert.True(await Eventually.WaitAsync(async () =>
                await FaultWorkload.CountAsync(cs, $"SELECT count(*) FROM wf.instances WHERE definition_id = '{FaultWorkload.TimerDefinition}' AND status = 'Finished'") == TimerInstances
                && await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM identity.mail_outbox WHERE sent_at IS NULL") == 0
                && await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.notifications WHERE mailed_at IS NULL") == 0, TimeSpan.FromSeconds(100)),
            $"not resumed: {await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM identity.mail_outbox WHERE sent_at IS NULL")} mails unsent, " +
            $"{await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.notifications WHERE mailed_at IS NULL")} notifications not mailed, " +
            $"{await FaultWorkload.CountAsync(cs, $"SELECT count(*) FROM wf.instances WHERE definition_id = '{FaultWorkload.TimerDefinition}' AND status <> 'Finished'")} timer instances not finished");
        var settledAt = clock.Elapsed;

        var errors = answers.Where(a => (int)a.Status >= 500 && a.Status != HttpStatusCode.ServiceUnavailable).ToList();
        output.WriteLine($"ballast {ballastBytes / 1048576.0:F1} MB filled the disk; full for {(freedAt - fullAt).TotalSeconds:F1} s: " +
            $"{refusedWhileFull.Count} of {submissions.Count - Companies} applications refused, {answers.Count} requests ({answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)} answered 503, " +
            $"{errors.Count} other 5xx), {inquiriesWhileFull} inquiries made, {unsentWhileFull} mails waiting; after freeing: everything settled in {(settledAt - freedAt).TotalSeconds:F1} s, " +
            $"{app.Smtp.Messages.Count} mails at the catcher; load {File.ReadAllText("/proc/loadavg").Trim()}");

        // The host answered 503 (or the page), never 500; the disk really was full (something was refused).
        Assert.True(errors.Count == 0, string.Join(", ", errors.GroupBy(e => $"{e.What} {(int)e.Status}").Select(g => $"{g.Key} ×{g.Count()}")));
        Assert.NotEmpty(refusedWhileFull);
        Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.Redirect, inquiryAfter);
        foreach (var (client, _) in users.Append((csm, "csm")))
        {
            using var home = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            client.Dispose();
        }

        // Nothing half-written: one application per submission, each with its reservation and one spend; balances follow
        // the ledger; every inquiry has its first message; every timer fired once.
        Assert.Equal(submissions.Count, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.applications WHERE service_id = 'TRAIN-1'"));
        Assert.Equal(submissions.Count, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.ticket_reservations"));
        Assert.Equal(0L, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.applications a WHERE NOT EXISTS (SELECT 1 FROM core.ticket_reservations r WHERE r.application_id = a.id)"));
        Assert.Equal(0L, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.ticket_ledger l WHERE l.application_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM core.applications a WHERE a.id = l.application_id)"));
        Assert.Equal(-FaultWorkload.TrainingCost * submissions.Count, await FaultWorkload.CountAsync(cs, "SELECT COALESCE(sum(amount), 0) FROM core.ticket_ledger WHERE kind = 'Spend'"));
        Assert.Equal(0L, await FaultWorkload.CountAsync(cs, """
            SELECT count(*) FROM core.ticket_balances b WHERE b.remaining <> (SELECT sum(amount) FROM core.ticket_ledger l
              WHERE l.company_id = b.company_id AND l.fiscal_year = b.fiscal_year)
            """));
        Assert.Equal(0L, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.inquiries i WHERE NOT EXISTS (SELECT 1 FROM core.inquiry_messages m WHERE m.inquiry_id = i.id)"));
        Assert.Equal(inquiriesWhileFull + 1, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.inquiries"));
        Assert.Equal(submissions.Count, await FaultWorkload.CountAsync(cs,
            "SELECT count(*) FROM core.applications a JOIN wf.instances i ON i.id = a.workflow_instance_id WHERE i.status = 'Suspended'"));
        await FaultWorkload.AssertTimersFiredOnceAsync(cs, TimerInstances);

        // Mail: the waiting messages and every notification's mail reached the catcher, each once.
        var mails = await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM identity.mail_outbox");
        Assert.True(mails >= WaitingMails, $"{mails} mails");
        Assert.Equal(mails, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM identity.mail_outbox WHERE sent_at IS NOT NULL"));
        Assert.Equal(mails, app.Smtp.Messages.Count);
        Assert.Equal(mails, app.Smtp.Messages.Select(m => m.MessageId).Distinct().Count());
    }

    private static async Task<HashSet<Guid>> ApplyAllAsync(IServiceProvider services, IEnumerable<(Guid RepresentativeId, Guid Id)> submissions)
    {
        var notMade = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(submissions, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (s, _) =>
        {
            if (!await FaultWorkload.TryApplyAsync(services, s.RepresentativeId, s.Id))
            {
                notMade.Add(s.Id);
            }
        });
        return [.. notMade];
    }

    private static async Task<List<(Guid RepresentativeId, Guid Id)>> RetryAsync(IServiceProvider services, List<(Guid RepresentativeId, Guid Id)> pending)
    {
        var notMade = await ApplyAllAsync(services, pending);
        return [.. pending.Where(p => notMade.Contains(p.Id))];
    }

    private static async Task QueueMailAsync(FaultHostFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        for (var i = 0; i < WaitingMails; i++)
        {
            db.MailOutbox.Add(new MailOutboxMessage
            {
                ToAddress = $"waiting{i}@dsk.example.jp", ToName = "容量不足", Template = "test", Culture = "ja-JP",
                Subject = "容量不足の間に待つメール", Body = "ディスクが一杯になる前に書かれたメールです。", CreatedAt = DateTimeOffset.UtcNow,
            });
        }

        await db.SaveChangesAsync();
    }
}
