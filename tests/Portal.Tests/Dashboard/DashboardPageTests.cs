using System.Net;
using System.Text;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Portal.Dashboard;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Dashboard;

/// <summary>/Staff/Dashboard: figures aggregated in the database for this fiscal year, scopes, CSV export, refusals.</summary>
public sealed class DashboardPageTests(DashboardPageTests.Fixture app) : IClassFixture<DashboardPageTests.Fixture>
{
    /// <summary>Three companies and two CSMs, seeded once for the class.</summary>
    public sealed class Fixture : PortalAppFactory
    {
        public TestAccount Csm { get; private set; } = null!;

        public TestAccount Other { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Csm = await CreateAccountAsync(null, PersonRole.Csm, "dash-csm@cloudpack.example.jp");
            Other = await CreateAccountAsync(null, PersonRole.Csm, "dash-csm2@cloudpack.example.jp");
            // Gold 15 tickets, none used: "used nothing". Silver 5, 4 spent: 1 left ≤ 25 % → "about to run out". Gold 15, 2 spent: neither.
            await DashboardSeed.CompanyAsync(this, "DB-UNUSED", "未使用 株式会社", Rank.Gold, Csm);
            await DashboardSeed.CompanyAsync(this, "DB-LOW", "Acme, \"Low\" Ltd", Rank.Silver, Csm, spent: 4);
            await DashboardSeed.CompanyAsync(this, "DB-BUSY", "活用 株式会社", Rank.Gold, Other, spent: 2);
        }
    }


    [Fact]
    [Trait("Spec", "TKT-4")]
    [Trait("Spec", "RANK-1")]
    [Trait("Spec", "BAS-1")]
    public async Task Dashboard_ShowsTicketsByRank_AndTheCompaniesThatUsedNothingOrRunLow()
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(app.Csm);
        var html = await client.GetPageAsync("/Staff/Dashboard");

        var tickets = DashboardSeed.Rows(html, "tickets");
        var gold = tickets.Single(r => r[0] == "ゴールド");
        Assert.Equal(["ゴールド", "2", "30", "2", "28"], gold);
        Assert.Equal(["シルバー", "1", "5", "4", "1"], tickets.Single(r => r[0] == "シルバー"));
        Assert.Contains(DashboardSeed.Rows(html, "unused"), r => r[0] == "DB-UNUSED");
        Assert.DoesNotContain(DashboardSeed.Rows(html, "unused"), r => r[0] is "DB-LOW" or "DB-BUSY");
        Assert.Equal(["DB-LOW"], DashboardSeed.Rows(html, "low").Select(r => r[0]));
        // Basic-service proposals allowed per rank (RANK-1: Gold 3, Silver 2), none used yet.
        Assert.Equal(["ゴールド", "2", "6", "0"], DashboardSeed.Rows(html, "proposals").Single(r => r[0] == "ゴールド"));
        Assert.Contains("<canvas data-chart=\"tickets\"", html, StringComparison.Ordinal);
        Assert.Contains("<script type=\"application/json\" id=\"dashboard-data\">", html, StringComparison.Ordinal);
        Assert.Contains("/assets/dist/dashboard.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scope_Mine_CountsOnlyTheCompaniesIOwn()
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(app.Other);
        var html = await client.GetPageAsync("/Staff/Dashboard?scope=mine");

        Assert.Equal(["ゴールド", "1", "15", "2", "13"], DashboardSeed.Rows(html, "tickets").Single());
        Assert.DoesNotContain(DashboardSeed.Rows(html, "unused"), r => r[0] == "DB-UNUSED");
    }

    [Fact]
    public async Task Csv_IsUtf8WithBom_QuotesFields_AndHasEveryRow()
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(app.Csm);
        using var response = await client.GetAsync("/Staff/Dashboard?handler=Csv&table=low&scope=all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("企業コード,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("DB-LOW,\"Acme, \"\"Low\"\" Ltd\",", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void Csv_DefusesSpreadsheetFormulas()
    {
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\"", DashboardCsv.Field("=HYPERLINK(\"x\")", numeric: false));
        Assert.Equal("-3", DashboardCsv.Field("-3", numeric: true));
        Assert.Equal("'-3", DashboardCsv.Field("-3", numeric: false));
    }

    [Theory]
    [InlineData("/Staff/Dashboard?scope=everything", HttpStatusCode.BadRequest)]
    [InlineData("/Staff/Dashboard?handler=Csv&table=ranks%27--&scope=all", HttpStatusCode.NotFound)]
    [InlineData("/Staff/Dashboard?handler=Csv&table=low&scope=x", HttpStatusCode.BadRequest)]
    public async Task BadInput_Answers4xx_NotAnError(string url, HttpStatusCode expected)
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(app.Csm);
        using var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
    }
}
