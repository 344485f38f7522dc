using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Dashboard;

/// <summary>
/// Issue #14 §8 performance: each staff list page and a company's page costs at most 5 SQL round trips per request,
/// whatever the number of companies (no N+1). Counted by <see cref="SqlRoundTrips"/> (Npgsql's own tracing, per request).
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
        await SqlRoundTrips.AssertAtMostAsync(client, path.Replace("{company}", app.CompanyId.ToString(), StringComparison.Ordinal), MaxRoundTrips);
    }
}
