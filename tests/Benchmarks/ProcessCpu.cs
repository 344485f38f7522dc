using System.Globalization;
using Npgsql;

namespace CloudpackPlus.Benchmarks;

/// <summary>
/// User + system CPU time (clock ticks, 100 per second) of processes, from /proc/PID/stat: CPU per request is the figure
/// that stays meaningful on a machine shared with other builds, where throughput and latency are noisy. 0 without /proc.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>Microseconds per clock tick (USER_HZ is 100 on Linux).</summary>
    public const double MicrosecondsPerTick = 10_000.0;

    /// <summary>The processes whose command line (arguments joined by NUL) contains <paramref name="marker"/>.</summary>
    public static long TicksByCommandLine(string marker) =>
        Sum((dir, _) => File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal));

    /// <summary>
    /// A process and its children: the PostgreSQL postmaster and its backends, of this cluster only. A backend that ended
    /// (a pooled connection closed mid-run) still counts: its CPU moved into the postmaster's cutime and cstime when the
    /// postmaster reaped it, which are added here, so the sum never falls.
    /// </summary>
    public static long TicksOfTree(int parent) =>
        parent <= 0 ? 0 : Sum((dir, fields) => Path.GetFileName(dir) == parent.ToString(CultureInfo.InvariantCulture) || fields[1] == parent.ToString(CultureInfo.InvariantCulture))
            + Reaped(parent);

    /// <summary>The CPU of <paramref name="pid"/>'s ended and reaped children (/proc/PID/stat cutime + cstime), 0 when it is gone.</summary>
    private static long Reaped(int pid)
    {
        try
        {
            var fields = Fields(File.ReadAllText(Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "stat")));
            return long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The postmaster of the cluster behind <paramref name="connectionString"/> (the parent of a backend), or 0.</summary>
    public static async Task<int> PostmasterAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        var backend = (int)(await source.CreateCommand("SELECT pg_backend_pid()").ExecuteScalarAsync())!;
        var stat = Path.Combine("/proc", backend.ToString(CultureInfo.InvariantCulture), "stat");
        return File.Exists(stat) ? int.Parse(Fields(await File.ReadAllTextAsync(stat))[1], CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The /proc/PID/stat fields after the command name: [0] state, [1] parent, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[] Fields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

    private static long Sum(Func<string, string[], bool> take)
    {
        long ticks = 0;
        foreach (var dir in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out _))
                {
                    continue;
                }

                var fields = Fields(File.ReadAllText(Path.Combine(dir, "stat")));
                if (take(dir, fields))
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // the process ended between the listing and the read
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return ticks;
    }
}
