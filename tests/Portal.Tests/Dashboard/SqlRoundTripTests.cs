using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Dashboard;

/// <summary>
/// Issue #14 §8 performance: each staff list page and a company's page costs at most 5 SQL round trips per request,
/// whatever the number of companies (no N+1). Counted with Npgsql's own tracing (ActivitySource "Npgsql": one activity
/// per command or batch sent), grouped by the ASP.NET Core request activity's trace. Not timed: wrk measures time
/// (scripts/bench.sh --staff-pages, docs/benchmarks.md).
/// </summary>
public sealed class SqlRoundTripTests(SqlRoundTripTests.Fixture app) : IClassFixture<SqlRoundTripTests.Fixture>
{
    public const int MaxRoundTrips = 5;

    /// <summary>Twelve companies with tickets and a training application, so per-row queries would show.</summary>
    public sealed class Fixture : PortalAppFactory
    {
        public TestAccount Csm { get; private set; } = null!;

        public Guid CompanyId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Csm = await CreateAccountAsync(null, PersonRole.Csm, "trips-csm@cloudpack.example.jp");
            for (var i = 0; i < 12; i++)
            {
                CompanyId = await DashboardSeed.CompanyAsync(this, $"RT-{i:D2}", $"往復 {i}", i % 2 == 0 ? Rank.Gold : Rank.Silver, Csm, spent: i % 3);
            }

            var representative = await CreateAccountAsync(CompanyId, PersonRole.Representative, "trips-rep@example.jp");
            await this.StartTrainingAsync(CompanyId, representative, Csm);
        }
    }

    [Theory]
    [InlineData("/Staff/Dashboard")]
    [InlineData("/Staff/Dashboard?scope=mine")]
    [InlineData("/Staff/Companies")]
    [InlineData("/Staff/Applications")]
    [InlineData("/Staff/Tasks")]
    public async Task StaffPage_CostsAtMostFiveSqlRoundTrips(string path) => await AssertRoundTripsAsync(path);

    /// <summary>
    /// The company page (standing, eligibility, contracts, accounts, users, CSM choices, rank, balance, basic-service cycles)
    /// reads every panel in one batch (StaffCompanyQuery): 2 round trips with the layout's unread count (was 16, one per panel).
    /// </summary>
    [Fact]
    public async Task CompanyPage_CostsAtMostFiveSqlRoundTrips() => await AssertRoundTripsAsync("/Staff/Companies/{company}");

    private async Task AssertRoundTripsAsync(string path)
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(app.Csm);
        var url = path.Replace("{company}", app.CompanyId.ToString(), StringComparison.Ordinal);
        using (var warm = await client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode); // first request: caches, prepared statements
        }

        // The request carries its own W3C trace id; ASP.NET Core continues that trace, and Npgsql's command activities
        // are children of the request's, so other tests' requests and background jobs are not counted.
        var trace = ActivityTraceId.CreateRandom();
        using var counter = new SqlCounter();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var commands = counter.CommandsOf(trace);
        Assert.True(commands.Count is > 0 and <= MaxRoundTrips,
            $"{url}: {commands.Count} round trips\n" + string.Join("\n---\n", commands));
    }

    /// <summary>Listens to ASP.NET Core's request activities (so the host creates them) and Npgsql's command activities while alive.</summary>
    private sealed class SqlCounter : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<(ActivityTraceId Trace, string Text)> _commands = new();

        public SqlCounter()
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
