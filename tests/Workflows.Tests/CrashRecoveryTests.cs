using System.Diagnostics;
using CloudpackPlus.Testing;
using CloudpackPlus.Workflows.Tests.Support;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>
/// A separate host process runs 200 instances (a background call to an external receiver through the
/// effects API, a durable timer, a background step whose write commits with its result, an instant
/// step) and is killed with SIGKILL twice: once between an external call and its commit (the receiver
/// kills it before answering), once at a random moment. After the last restart every instance finishes,
/// every external effect was applied exactly once at the receiver (repeats only as deduplicated
/// retries with the same key), and every database side effect exists exactly once.
/// </summary>
public sealed class CrashRecoveryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const int Instances = 200;
    private const string Finished = "SELECT count(*) FROM wf.instances WHERE status = 'Finished'";

    [Fact]
    public async Task KilledHost_RestartsAndFinishesEveryInstance_WithEachEffectAppliedExactlyOnce()
    {
        using var receiver = new EffectReceiver();
        var killAt = Random.Shared.Next(10, 60);
        using var first = Launch(receiver);
        // Kill inside the receiver, after it applied the call and before the host hears back.
        receiver.OnApplied = applied =>
        {
            if (applied == killAt)
            {
                SigKillAsync(first).GetAwaiter().GetResult();
            }
        };
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(first.HasExited), TimeSpan.FromSeconds(150)),
            $"the host never made {killAt} calls (made {receiver.Applied})");
        receiver.OnApplied = null;
        Assert.True(await Count(Finished) < Instances, "the first kill came too late to test recovery");

        using var second = Launch(receiver);
        var effectsAtLaunch = await Count("SELECT count(*) FROM crash.side_effects");
        var callsAtLaunch = receiver.Requests;
        // Generous: on a loaded machine a restart alone takes tens of seconds.
        var progressed = await Eventually.WaitAsync(async () =>
            receiver.Requests > callsAtLaunch + 5 || await Count("SELECT count(*) FROM crash.side_effects") > effectsAtLaunch + 5, TimeSpan.FromSeconds(150));
        await Task.Delay(Random.Shared.Next(0, 1500)); // a random point in the run, not a business rule
        await SigKillAsync(second);
        Assert.True(progressed, "the second host made no progress");

        using var third = Launch(receiver);
        try
        {
            var done = await Eventually.WaitAsync(async () => await Count(Finished) == Instances, TimeSpan.FromSeconds(180));
            Assert.True(done, $"only {await Count(Finished)} of {Instances} finished (first kill after {killAt} calls)");
        }
        finally
        {
            await SigKillAsync(third);
        }

        Assert.Equal(Instances, await Count("SELECT count(*) FROM wf.instances"));
        Assert.Equal(Instances, receiver.Applied);
        Assert.True(receiver.Duplicates >= 1, "the call made before the first kill was never repeated: the crash between call and commit was not exercised");
        Assert.Equal(Instances, await Count("SELECT count(DISTINCT activation_key) FROM wf.effects WHERE effect = 'receiver'"));
        Assert.Equal(0L, await Count($"SELECT count(*) FROM wf.effects WHERE effect = 'receiver' AND activation_key NOT IN ({string.Join(",", receiver.Keys.Select(k => $"'{k}'"))})"));
        Assert.Equal(Instances * 2L, await Count("SELECT count(*) FROM crash.side_effects"));
        Assert.Equal(0L, await Count("SELECT count(*) FROM (SELECT instance_id, step FROM crash.side_effects GROUP BY 1, 2 HAVING count(*) <> 1) x"));
        Assert.Equal(0L, await Count("SELECT count(*) FROM wf.bookmarks WHERE resumed_at IS NULL AND cancelled_at IS NULL"));
    }

    /// <summary>SIGKILL, as a crash would: no shutdown hooks, no graceful stop of Hangfire.</summary>
    private static async Task SigKillAsync(Process process)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-KILL", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    private async Task<long> Count(string sql)
    {
        try
        {
            return await database.ScalarAsync<long>(sql);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return 0; // the host has not created its tables yet
        }
    }

    private Process Launch(EffectReceiver receiver) =>
        CrashHostProcess.Start(database.ConnectionString, Instances.ToString(System.Globalization.CultureInfo.InvariantCulture), receiver.Url.ToString());
}
