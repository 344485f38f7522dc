using System.Globalization;
using Npgsql;

namespace CloudpackPlus.Benchmarks;

/// <summary>
/// Issue #17 "Page speed under load": signs the demo representative in, then for each customer page runs wrk against the
/// page and, in the same run, against its bare endpoint (<see cref="BareEndpoints.BareEndpoints"/>: one Npgsql round
/// trip, the same data, about the same HTML size) at 10 and 50 connections, and prints throughput and p99 with the
/// page's share of the bare endpoint's, and the CPU each request cost the host (or the bare app) and PostgreSQL: the figure
/// that stays meaningful on a shared machine. <c>CLOUDPACK_BENCH_ONLY=/,/Applications</c> measures only those pages. Then the calendar API and /health/live at 50 connections. Figures, not a test.
/// </summary>
public static class CustomerPagesBenchmark
{
    public const string Email = "rep@demo.example.jp";

    /// <summary>The company, person, an application and a linked account of the demo representative.</summary>
    public static async Task<(Guid Company, Guid Person, Guid Application, string? Account)> DemoIdsAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand("""
            SELECT p.company_id, p.id,
                   (SELECT a.id FROM core.applications a WHERE a.company_id = p.company_id ORDER BY a.number LIMIT 1),
                   (SELECT w.account_id FROM core.aws_accounts w WHERE w.company_id = p.company_id AND w.unlinked_at IS NULL ORDER BY w.account_id LIMIT 1)
            FROM core.people p WHERE p.email = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Email });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException($"{Email} is not in the database: seed the demo first");
        }

        return (reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    public static async Task RunAsync(string baseUrl, string bareUrl, string connectionString, TimeSpan duration)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average {Load()}");
        var (_, _, application, account) = await DemoIdsAsync(connectionString);
        var cookie = await StaffPagesBenchmark.SignInAsync(baseUrl, Email);
        var script = Path.Combine(Path.GetTempPath(), "cloudpack-wrk-report.lua");
        await File.WriteAllTextAsync(script, StaffPagesBenchmark.Report);
        (string Page, string Bare)[] pages =
        [
            ("/", "home"), ("/Applications", "applications"), ($"/Applications/{application}", "application"), ("/Services", "services"),
            ("/Inquiries", "inquiries"), ("/Company", "company"), ("/Reports", "reports"), ("/Notifications", "notifications"),
            ("/Tools/Accounts", "tools"), ($"/Tools/TrustedAdvisor?account={account}", "tools"), ($"/Tools/Charges?account={account}", "tools"),
        ];
        // CPU per request: the host and the bare app by their --urls / --bare-serve arguments (not another engineer's host),
        // PostgreSQL as this cluster's postmaster and its backends.
        var postmaster = await ProcessCpu.PostmasterAsync(connectionString);
        Func<long> hostCpu = () => ProcessCpu.TicksByCommandLine("--urls\0" + baseUrl + "\0");
        Func<long> bareCpu = () => ProcessCpu.TicksByCommandLine("--bare-serve\0" + bareUrl + "\0");
        Func<long> databaseCpu = () => ProcessCpu.TicksOfTree(postmaster);
        var only = Environment.GetEnvironmentVariable("CLOUDPACK_BENCH_ONLY")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // A server runs for days: measure it warm. The JIT's tiered compilation (with its instrumented tier) takes tens of
        // seconds of load to reach optimised code on a 2-core machine that is busy serving: a page measured 5 s after its
        // first request cost twice the CPU it costs warm (2,150 → 480 µs per request for /Inquiries over 40 s, 3 December).
        // So the pages are served in rounds (CLOUDPACK_BENCH_WARMUP seconds each, default 5) until no page's CPU per request
        // falls by more than 10 % from one round to the next (at most 6 rounds); every round is printed.
        var warmup = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("CLOUDPACK_BENCH_WARMUP"), CultureInfo.InvariantCulture, out var w) ? w : 5);
        var measured = new List<(string Page, string Bare, string Shown, int Size)>();
        foreach (var (page, bare) in pages)
        {
            var shown = page.Replace(application.ToString(), "{id}", StringComparison.Ordinal).Replace($"={account}", "={account}", StringComparison.Ordinal);
            if (only is null || only.Contains(shown, StringComparer.Ordinal))
            {
                measured.Add((page, bare, shown, await SizeAsync(baseUrl + page, cookie)));
            }
        }

        Dictionary<string, double>? previous = null;
        for (var round = 1; round <= 6; round++)
        {
            var costs = new Dictionary<string, double>();
            foreach (var (page, bare, shown, size) in measured.Where(m => m.Size > 0))
            {
                costs[shown] = (await MeasureAsync(baseUrl + page, cookie, script, warmup, 50, hostCpu, () => 0)).Server;
                if (round == 1)
                {
                    await StaffPagesBenchmark.WrkAsync($"{bareUrl}/bare/{bare}?size={size}", "", script, warmup, 50);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warm-up round {round}, host CPU µs/request at 50 connections: {string.Join(", ", costs.Select(c => $"{c.Key} {c.Value:F0}"))}; load average {Load()}"));
            var steady = previous is not null && costs.All(c => c.Value >= 0.9 * previous[c.Key]);
            previous = costs;
            if (steady)
            {
                break;
            }
        }

        // Each figure interleaves the page and its bare endpoint: 3 slices of each, alternating, so a neighbour's load on this
        // shared machine falls on both alike. req/s is the mean over the slices, p99 the median slice's, CPU per request the
        // total over all slices.
        Console.WriteLine("| page | conns | page req/s | bare req/s | share | page p99 ms | bare p99 ms | p99 ratio | errors | HTML bytes "
            + "| page CPU µs/req (host + PG) | bare CPU µs/req (app + PG) | CPU ratio | load (1/5/15 min) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (page, bare, shown, size) in measured)
        {
            if (size < 0)
            {
                Console.WriteLine($"| {shown} | – | not measured: the page answered {-size} to the signed-in representative |");
                continue;
            }

            var bareUrlOf = $"{bareUrl}/bare/{bare}?size={size}";
            await StaffPagesBenchmark.WrkAsync(baseUrl + page, cookie, script, TimeSpan.FromSeconds(2)); // plans, prepared statements
            await StaffPagesBenchmark.WrkAsync(bareUrlOf, "", script, TimeSpan.FromSeconds(2));
            foreach (var connections in new[] { 10, 50 })
            {
                var (p, b) = (new Slices(), new Slices());
                for (var slice = 0; slice < 3; slice++)
                {
                    p.Add(await MeasureAsync(baseUrl + page, cookie, script, duration, connections, hostCpu, databaseCpu));
                    b.Add(await MeasureAsync(bareUrlOf, "", script, duration, connections, bareCpu, databaseCpu));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {shown} | {connections} | {p.Rate:F0} | {b.Rate:F0} | {p.Rate / b.Rate:P0} | {p.P99 / 1000.0:F1} | {b.P99 / 1000.0:F1} "
                    + $"| {p.P99 / b.P99:F2} | {p.Errors + b.Errors:F0} | {size:N0} | {p.Server:F0} + {p.Database:F0} | {b.Server:F0} + {b.Database:F0} "
                    + $"| {(p.Server + p.Database) / (b.Server + b.Database):F1} | {Load()} |"));
            }
        }

        if (only is not null)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("| endpoint (anonymous) | conns | req/s | p50 ms | p99 ms | errors | load |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var path in new[] { "/api/calendar/business-days?from=2026-12-03&add=20", "/api/calendar/holidays?year=2027", "/health/live" })
        {
            await StaffPagesBenchmark.WrkAsync(baseUrl + path, "", script, TimeSpan.FromSeconds(2));
            var r = await StaffPagesBenchmark.WrkAsync(baseUrl + path, "", script, duration, 50);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {path} | 50 | {r[3]:F0} | {r[0] / 1000.0:F1} | {r[2] / 1000.0:F1} | {r[5]:F0} | {Load()} |"));
        }
    }

    /// <summary>wrk's figures (<see cref="StaffPagesBenchmark.WrkAsync"/>) and the server's and PostgreSQL's CPU µs per request.</summary>
    public static async Task<(double[] Wrk, double Server, double Database)> MeasureAsync(
        string url, string cookie, string script, TimeSpan duration, int connections, Func<long> serverCpu, Func<long> databaseCpu)
    {
        var (server, database) = (serverCpu(), databaseCpu());
        var wrk = await StaffPagesBenchmark.WrkAsync(url, cookie, script, duration, connections);
        var requests = Math.Max(1, wrk[4]);
        return (wrk, (serverCpu() - server) * ProcessCpu.MicrosecondsPerTick / requests, (databaseCpu() - database) * ProcessCpu.MicrosecondsPerTick / requests);
    }

    /// <summary>Several wrk runs of one URL summed: mean req/s, the median run's p99, errors, CPU per request over all runs.</summary>
    private sealed class Slices
    {
        private readonly List<(double[] Wrk, double Server, double Database)> _runs = [];

        public void Add((double[] Wrk, double Server, double Database) run) => _runs.Add(run);

        public double Rate => _runs.Average(r => r.Wrk[3]);

        public double P99 => _runs.Select(r => r.Wrk[2]).Order().ElementAt(_runs.Count / 2);

        public double Errors => _runs.Sum(r => r.Wrk[5]);

        public double Server => _runs.Sum(r => r.Server * r.Wrk[4]) / Math.Max(1, _runs.Sum(r => r.Wrk[4]));

        public double Database => _runs.Sum(r => r.Database * r.Wrk[4]) / Math.Max(1, _runs.Sum(r => r.Wrk[4]));
    }

    /// <summary>The page's size in bytes, or minus its status code when it does not answer 200.</summary>
    private static async Task<int> SizeAsync(string url, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode == System.Net.HttpStatusCode.OK ? (await response.Content.ReadAsByteArrayAsync()).Length : -(int)response.StatusCode;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
