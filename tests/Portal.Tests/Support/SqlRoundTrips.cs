using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace CloudpackPlus.Portal.Tests.Support;

/// <summary>
/// Counts the SQL round trips one request makes. Npgsql traces every command or batch sent (ActivitySource "Npgsql": one
/// activity per round trip); the request carries its own W3C trace id, ASP.NET Core continues that trace and Npgsql's
/// activities are its children, so other tests' requests and background jobs are not counted. Not timed: wrk measures
/// time (scripts/bench.sh, docs/benchmarks.md).
/// </summary>
public static class SqlRoundTrips
{
    /// <summary>Requests <paramref name="url"/> once to warm caches and prepared statements, then once counted; both must answer 200.</summary>
    public static async Task<List<string>> CountAsync(PortalClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.App.Clock.Advance(TimeSpan.FromSeconds(1)); // the warm request runs the session check too (and keeps its row)
        using (var warm = await client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode); // first request: caches, prepared statements
        }

        // The session check (the security stamp, PortalSessionValidator) runs on every request once the clock has moved
        // past the cookie's issue time, as it always has in production; on the tests' frozen clock it would never run.
        // Counted here: it reads this host's SessionRowCache, or the database when the row is not kept.
        client.App.Clock.Advance(TimeSpan.FromSeconds(1));
        var trace = ActivityTraceId.CreateRandom();
        using var counter = new Counter();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return counter.CommandsOf(trace);
    }

    /// <summary>Asserts that <paramref name="url"/> costs between 1 and <paramref name="max"/> round trips (the statements in the message when not).</summary>
    public static async Task AssertAtMostAsync(PortalClient client, string url, int max)
    {
        var commands = await CountAsync(client, url);
        Assert.True(commands.Count is > 0 && commands.Count <= max, $"{url}: {commands.Count} round trips (at most {max})\n" + string.Join("\n---\n", commands));
    }

    /// <summary>Listens to ASP.NET Core's request activities (so the host creates them) and Npgsql's command activities while alive.</summary>
    private sealed class Counter : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<(ActivityTraceId Trace, string Text)> _commands = new();

        public Counter()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name is "Npgsql" or "Microsoft.AspNetCore",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    // Physical connection opens are traced too; they are not statements.
                    if (a.Source.Name == "Npgsql" && !a.DisplayName.StartsWith("CONNECT", StringComparison.OrdinalIgnoreCase)
                        && !a.OperationName.Contains("open", StringComparison.OrdinalIgnoreCase))
                    {
                        _commands.Enqueue((a.TraceId, a.DisplayName + ": " + (a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement"))));
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public List<string> CommandsOf(ActivityTraceId trace) => [.. _commands.Where(c => c.Trace == trace).Select(c => c.Text)];

        public void Dispose() => _listener.Dispose();
    }
}
