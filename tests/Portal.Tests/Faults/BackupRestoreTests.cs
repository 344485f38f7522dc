using System.Diagnostics;
using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;
using Xunit.Abstractions;

namespace CloudpackPlus.Portal.Tests.Faults;

/// <summary>
/// docs/operations.md "Backup and restore", step by step on a cluster of the test's own: pg_dump (custom format) with the
/// host running and timers waiting, pg_restore into an empty database with the host stopped, a new host on the restored
/// database. The waiting timers go on firing there, each once, and a user signs in (the key ring came along).
/// </summary>
[RunsLong(25)]
public sealed class BackupRestoreTests(ThrowawayCluster cluster, ITestOutputHelper output) : IClassFixture<ThrowawayCluster>
{
    private const int Instances = 10;

    [Fact]
    [Trait("Spec", "TKT-4")]
    public async Task DumpRestoreAndStart_TheRestoredInstancesResume_AndAUserSignsIn()
    {
        var dump = Path.Combine(cluster.Directory, "cloudpackplus.dump");
        TestAccount account;
        var live = await FaultHostFactory.StartOnAsync(cluster, "live", create: true);
        try
        {
            await FaultWorkload.PublishTimersAsync(live.Services, "00:00:02");
            var company = await FaultWorkload.EnrolCompaniesAsync(live.Services, 1, "BKP");
            account = await live.CreateAccountAsync(company[0].CompanyId, PersonRole.Member, "member@bkp.example.jp");
            Assert.True(await FaultWorkload.TryApplyAsync(live.Services, company[0].RepresentativeId, Guid.CreateVersion7()));
            await FaultWorkload.StartTimersAsync(live.Services, 0, Instances);
            Assert.True(await Eventually.WaitAsync(async () => await FaultWorkload.CountAsync(live.ConnectionString,
                "SELECT count(*) FROM wf.journal WHERE kind = 'bookmark-resumed' AND node_id = 't1'") == Instances, TimeSpan.FromSeconds(60)), "the first timers did not fire");

            // 1. Back up with the application running (a consistent snapshot), timers still waiting.
            var watch = Stopwatch.StartNew();
            await cluster.RunToolAsync("pg_dump", "--format=custom", "--no-owner", $"--file={dump}", Libpq("live"));
            output.WriteLine($"pg_dump {watch.ElapsedMilliseconds} ms, {new FileInfo(dump).Length / 1024} KiB");
        }
        finally
        {
            await live.DisposeAsync();
        }

        // 2. Restore into an empty database, every host stopped.
        var restoreWatch = Stopwatch.StartNew();
        await cluster.CreateDatabaseAsync("restored");
        await cluster.RunToolAsync("pg_restore", "--no-owner", "--exit-on-error", $"--dbname={Libpq("restored")}", dump);
        output.WriteLine($"pg_restore {restoreWatch.ElapsedMilliseconds} ms");
        var restoredCs = cluster.ConnectionString("restored");
        var unfinished = await FaultWorkload.CountAsync(restoredCs, "SELECT count(*) FROM wf.instances WHERE status IN ('Running', 'Suspended') AND definition_id = 'fault-timers'");
        Assert.True(unfinished > 0, "the dump holds no waiting instance");

        // 3. Start a host on the restored database: the waiting timers fire there.
        var restored = await FaultHostFactory.StartOnAsync(cluster, "restored", create: false);
        try
        {
            var watch = Stopwatch.StartNew();
            Assert.True(await Eventually.WaitAsync(async () => await FaultWorkload.CountAsync(restoredCs,
                "SELECT count(*) FROM wf.instances WHERE definition_id = 'fault-timers' AND status = 'Finished'") == Instances, TimeSpan.FromSeconds(120)),
                "the restored instances did not finish");
            output.WriteLine($"{unfinished} instances waiting in the dump finished {watch.Elapsed.TotalSeconds:F1} s after the restored host started; load {File.ReadAllText("/proc/loadavg").Trim()}");
            await FaultWorkload.AssertTimersFiredOnceAsync(restoredCs, Instances);
            Assert.Equal(1L, await FaultWorkload.CountAsync(restoredCs, "SELECT count(*) FROM core.applications"));
            Assert.Equal(-FaultWorkload.TrainingCost, await FaultWorkload.CountAsync(restoredCs, "SELECT sum(amount) FROM core.ticket_ledger WHERE kind = 'Spend'"));

            // 4. Check: ready, and a user signs in (TOTP secret and key ring restored).
            using var health = await restored.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var client = new PortalClient(restored);
            await restored.SignInAsync(client, account);
            using var home = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }
        finally
        {
            await restored.DisposeAsync();
        }
    }

    private string Libpq(string database) => $"host=127.0.0.1 port={cluster.Port} user=postgres dbname={database}";
}
