using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;

namespace CloudpackPlus.Benchmarks;

/// <summary>
/// Issue #14 §8: the staff pages under load. Signs the demo CSM in (enrolling TOTP on the first sign-in, as a person
/// would), then runs wrk (10 connections, loopback) against each staff page and prints p50/p95/p99 and requests/s.
/// The SQL round trips per request are a test (Portal.Tests SqlRoundTripTests), not measured here.
/// </summary>
public static partial class StaffPagesBenchmark
{
    private const string Email = "csm@cloudpack.example.jp";
    private const string Password = "Cloudpack-Demo-2026";

    // wrk's own --latency prints no p95: this script prints the percentiles and the rate in one parsable line.
    internal const string Report = """
        done = function(summary, latency, requests)
          local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
          io.write(string.format("RESULT %d %d %d %.1f %d %d\n", latency:percentile(50), latency:percentile(95), latency:percentile(99),
            summary.requests / (summary.duration / 1e6), summary.requests, errors))
        end
        """;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("data-test=\"manual-key\">([A-Z2-7 ]+)<")]
    private static partial Regex ManualKey();

    public static async Task RunAsync(string baseUrl, string connectionString, TimeSpan duration)
    {
        var load = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average {load}");
        await using var source = NpgsqlDataSource.Create(connectionString);
        var company = (Guid)(await source.CreateCommand("SELECT id FROM core.companies WHERE code = 'BENCH00000'").ExecuteScalarAsync())!;
        var counts = await source.CreateCommand("SELECT (SELECT count(*) FROM core.companies), (SELECT count(*) FROM core.ticket_ledger)").ExecuteReaderAsync();
        await counts.ReadAsync();
        Console.WriteLine($"data: {counts.GetInt64(0):N0} companies, {counts.GetInt64(1):N0} ledger entries");
        await counts.DisposeAsync();

        var cookie = await SignInAsync(baseUrl, Email);
        var script = Path.Combine(Path.GetTempPath(), "cloudpack-wrk-report.lua");
        await File.WriteAllTextAsync(script, Report);
        string[] pages = ["/Staff/Companies", "/Staff/Applications", "/Staff/Tasks", "/Staff/Dashboard", $"/Staff/Companies/{company}"];
        Console.WriteLine("| page | p50 ms | p95 ms | p99 ms | requests/s | requests | errors | host CPU ms/request | PostgreSQL CPU ms/request | load (1/5/15 min) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var page in pages)
        {
            await ExpectOkAsync(baseUrl + page, cookie);
            await WrkAsync(baseUrl + page, cookie, script, TimeSpan.FromSeconds(3)); // warm-up: JIT, plans, prepared statements
            var (hostBefore, databaseBefore) = (CpuTicks("CloudpackPlus.Host.dll"), CpuTicks("postgres: "));
            var r = await WrkAsync(baseUrl + page, cookie, script, duration);
            var (hostCpu, databaseCpu) = (CpuTicks("CloudpackPlus.Host.dll") - hostBefore, CpuTicks("postgres: ") - databaseBefore);
            var now = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            var shown = page.StartsWith("/Staff/Companies/", StringComparison.Ordinal) ? "/Staff/Companies/{id}" : page;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {shown} | {r[0] / 1000.0:F1} | {r[1] / 1000.0:F1} | {r[2] / 1000.0:F1} | {r[3]:F0} | {r[4]:F0} | {r[5]:F0} | {hostCpu * 10.0 / r[4]:F1} | {databaseCpu * 10.0 / r[4]:F1} | {now} |"));
        }
    }

    /// <summary>User + system CPU (clock ticks) of the processes whose command line contains <paramref name="marker"/>.</summary>
    internal static long CpuTicks(string marker) => ProcessCpu.TicksByCommandLine(marker);

    /// <summary>wrk against <paramref name="url"/>: p50, p95, p99 (µs), requests/s, requests, errors.</summary>
    internal static async Task<double[]> WrkAsync(string url, string cookie, string script, TimeSpan duration, int connections = 10)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--timeout", "10s", "-s", script, "-H", "Cookie: " + cookie, url })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("wrk printed no result:\n" + output + await process.StandardError.ReadToEndAsync());
        return [.. line.Split(' ').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }

    internal static async Task ExpectOkAsync(string url, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode} to the signed-in user");
        }
    }

    /// <summary>Signs a demo user in (password, then TOTP: enrolment on the first run) and returns the Cookie header.</summary>
    internal static async Task<string> SignInAsync(string baseUrl, string email)
    {
        var jar = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = new Uri(baseUrl) };
        var login = await PostAsync(client, "/Account/Login", new() { ["Email"] = email, ["Password"] = Password });
        var path = login.RequestMessage!.RequestUri!.AbsolutePath;
        var keyFile = Path.Combine(Path.GetTempPath(), $"cloudpack-bench-totp-{email}.key");
        if (path.StartsWith("/Account/Mfa/Enrol", StringComparison.Ordinal))
        {
            var key = ManualKey().Match(await login.Content.ReadAsStringAsync()).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
            await File.WriteAllTextAsync(keyFile, key);
            await PostAsync(client, "/Account/Mfa/Enrol", new() { ["Code"] = Totp(key) });
        }
        else if (path.StartsWith("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            await PostAsync(client, "/Account/LoginWith2fa", new() { ["Code"] = Totp(await File.ReadAllTextAsync(keyFile)) });
        }

        return string.Join("; ", jar.GetCookies(new Uri(baseUrl)).Select(c => $"{c.Name}={c.Value}"));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value;
        var response = await client.PostAsync(page, new FormUrlEncodedContent(fields));
        response.EnsureSuccessStatusCode();
        return response;
    }

    /// <summary>RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, from a Base32 key.</summary>
    private static string Totp(string base32)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32.TrimEnd('=').Select(c => Convert.ToString(alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 TOTP is HMAC-SHA1, as the portal's authenticator (Otp.NET) uses it
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var code = ((hash[offset] & 0x7f) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3]) % 1_000_000;
        return code.ToString("D6", CultureInfo.InvariantCulture);
    }
}
