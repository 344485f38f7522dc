using System.Diagnostics;
using CloudpackPlus.Testing;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>
/// A separate host process runs 200 instances (background steps, a durable timer, an instant step),
/// is killed with SIGKILL mid-run and restarted: every instance finishes and every step's side
/// effect is recorded exactly once.
/// </summary>
public sealed class CrashRecoveryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const int Instances = 200;

    [Fact]
    public async Task KilledHost_RestartsAndFinishesEveryInstance_WithEachSideEffectExactlyOnce()
    {
        var first = Launch();
        try
        {
            var midRun = await Eventually.WaitAsync(async () =>
                await Count("SELECT count(*) FROM crash.side_effects") >= 40, TimeSpan.FromSeconds(120));
            Assert.True(midRun, "the host made no progress");
        }
        finally
        {
            await SigKillAsync(first);
        }

        var finishedAtKill = await Count("SELECT count(*) FROM wf.instances WHERE status = 'Finished'");
        var effectsAtKill = await Count("SELECT count(*) FROM crash.side_effects");
        Assert.True(finishedAtKill < Instances, $"the kill came too late to test recovery ({effectsAtKill} effects, {finishedAtKill} finished)");

        var second = Launch();
        try
        {
            var done = await Eventually.WaitAsync(async () =>
                await Count("SELECT count(*) FROM wf.instances WHERE status = 'Finished'") == Instances, TimeSpan.FromSeconds(240));
            Assert.True(done, $"only {await Count("SELECT count(*) FROM wf.instances WHERE status = 'Finished'")} of {Instances} finished");
        }
        finally
        {
            await SigKillAsync(second);
        }

        Assert.Equal(Instances, await Count("SELECT count(*) FROM wf.instances"));
        Assert.Equal(Instances * 3L, await Count("SELECT count(*) FROM crash.side_effects"));
        Assert.Equal(0L, await Count("SELECT count(*) FROM (SELECT instance_id, step FROM crash.side_effects GROUP BY 1, 2 HAVING count(*) <> 1) x"));
        Assert.Equal(0L, await Count("SELECT count(*) FROM wf.bookmarks WHERE resumed_at IS NULL AND cancelled_at IS NULL"));
    }

    /// <summary>SIGKILL, as a crash would: no shutdown hooks, no graceful stop of Hangfire.</summary>
    private static async Task SigKillAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-KILL", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        process.Dispose();
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

    private Process Launch()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HostDll());
        info.ArgumentList.Add(database.ConnectionString);
        info.ArgumentList.Add(Instances.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(info)!;
        // Drain both pipes, so the child never blocks on a full one.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string HostDll()
    {
        // tests/Workflows.Tests/bin/<Configuration>/net10.0 → tests/Workflows.CrashHost/bin/<Configuration>/net10.0
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var tests = testBin.Parent.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(tests, "Workflows.CrashHost", "bin", configuration, framework, "CloudpackPlus.Workflows.CrashHost.dll");
        Assert.True(File.Exists(dll), $"crash host not built: {dll}");
        return dll;
    }
}
