using System.Diagnostics;

namespace CloudpackPlus.Workflows.Tests.Support;

/// <summary>Starts <c>tests/Workflows.CrashHost</c> as a child process (the crash and two-host tests).</summary>
internal static class CrashHostProcess
{
    /// <summary>Starts the host with the given arguments; both pipes are drained so the child never blocks on a full one.</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(HostDll());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
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
        var tests = testBin.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(tests, "Workflows.CrashHost", "bin", testBin.Parent.Name, testBin.Name, "CloudpackPlus.Workflows.CrashHost.dll");
        Assert.True(File.Exists(dll), $"crash host not built: {dll}");
        return dll;
    }
}
