using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CloudpackPlus.Portal.Tests.Faults;

/// <summary>
/// A real host process (src/Host, built beside the tests) on a given database: its own Hangfire server, sweeper and
/// mail sender, no migrations (the test's in-process host ran them), mail to the test's SMTP catcher. Killed with
/// SIGKILL by <see cref="Kill"/>, disposed (killed if still running) at the end.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    private HostProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    /// <summary>What the host wrote (its log: warnings and errors).</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>Starts a host; <paramref name="overrides"/> replace or add environment settings (e.g. <c>Jobs__QueuePollInterval</c>).</summary>
    public static HostProcess Start(string connectionString, int smtpPort, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(HostDll());
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Support.SmtpCapture.FreePort().ToString(CultureInfo.InvariantCulture)}",
            ["ConnectionStrings__CloudpackPlus"] = connectionString,
            ["Database__MigrateOnStart"] = "false",
            ["Jobs__WorkerCount"] = "4",
            ["Jobs__QueuePollInterval"] = "00:00:01",
            ["Jobs__SchedulePollingInterval"] = "00:00:01",
            ["Workflows__ImportDefinitionsOnStart"] = "false",
            ["Workflows__SweepInterval"] = "00:00:01",
            ["Workflows__RedispatchAfter"] = "00:00:15",
            ["Mail__Mode"] = "Smtp",
            ["Mail__SmtpHost"] = "127.0.0.1",
            ["Mail__SmtpPort"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Portal__SecureCookies"] = "false",
            ["Logging__Format"] = "text",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the host");
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    private void Keep(string? line)
    {
        if (line is not null && Output.Count < 5000)
        {
            Output.Enqueue(line);
        }
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, jobs and locks left as they were.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static string HostDll()
    {
        // tests/Portal.Tests/bin/<Configuration>/net10.0 → src/Host/bin/<Configuration>/net10.0
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", "Host", "bin", testBin.Parent.Name, testBin.Name, "CloudpackPlus.Host.dll");
        Assert.True(File.Exists(dll), $"host not built: {dll}");
        return dll;
    }
}
