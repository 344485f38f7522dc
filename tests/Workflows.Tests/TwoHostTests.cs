using System.Diagnostics;
using System.Globalization;
using CloudpackPlus.Testing;
using CloudpackPlus.Workflows.Tests.Support;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>
/// Two host processes on one database, each with its own Hangfire server and sweeper, start the same 200
/// instances (background steps, a durable timer, an instant step): every node runs once and every timer fires once.
/// </summary>
public sealed class TwoHostTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const int Instances = 200;

    [Fact]
    public async Task TwoHostsOnOneDatabase_NeverRunTheSameStepTwice()
    {
        using (var prepare = Launch("prepare"))
        {
            Assert.True(await ExitsAsync(prepare, TimeSpan.FromSeconds(120)), "the prepare run did not finish");
            Assert.Equal(0, prepare.ExitCode);
        }

        var hosts = new[] { Launch("run", "host-a", Instances.ToString(CultureInfo.InvariantCulture)), Launch("run", "host-b", Instances.ToString(CultureInfo.InvariantCulture)) };
        try
        {
            foreach (var host in hosts)
            {
                Assert.True(await ExitsAsync(host, TimeSpan.FromSeconds(300)),
                    $"a host did not finish: {await Count("SELECT count(*) FROM wf.instances WHERE status = 'Finished'")} of {Instances} finished");
                Assert.Equal(0, host.ExitCode);
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                if (!host.HasExited)
                {
                    host.Kill(entireProcessTree: true);
                }

                host.Dispose();
            }
        }

        Assert.Equal(Instances, await Count("SELECT count(*) FROM wf.instances WHERE definition_id = 'two-hosts' AND status = 'Finished'"));
        Assert.Equal(Instances, await Count("SELECT count(*) FROM wf.instances"));
        Assert.Equal(Instances * 3L, await Count("SELECT count(*) FROM twohosts.effects"));
        Assert.Equal(0L, await Count("SELECT count(*) FROM (SELECT instance_id, node FROM twohosts.effects GROUP BY 1, 2 HAVING count(*) <> 1) x"));
        Assert.Equal(2L, await Count("SELECT count(DISTINCT host) FROM twohosts.effects"));
        Assert.Equal(0L, await Count("""
            SELECT count(*) FROM wf.instances i WHERE (SELECT count(*) FROM wf.journal j
              WHERE j.instance_id = i.id AND j.node_id = 'timer' AND j.kind = 'bookmark-resumed') <> 1
            """));
        Assert.Equal(0L, await Count("SELECT count(*) FROM wf.bookmarks WHERE resumed_at IS NULL AND cancelled_at IS NULL"));
        Assert.Equal(0L, await Count("SELECT count(*) FROM wf.incidents"));
    }

    private async Task<long> Count(string sql) => await database.ScalarAsync<long>(sql);

    private static async Task<bool> ExitsAsync(Process process, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Process Launch(params string[] scenarioArgs) =>
        CrashHostProcess.Start([database.ConnectionString, "two-hosts", .. scenarioArgs]);
}
