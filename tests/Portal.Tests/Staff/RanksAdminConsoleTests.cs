using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Staff;

/// <summary>/Staff/Ranks: thresholds per FY, the amounts CSV import (preview, row errors, all or nothing, once), the rollover log and dry run.</summary>
public sealed partial class RanksAdminConsoleTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<PortalClient> AdminAsync(string email)
    {
        var client = new PortalClient(app);
        await client.SignInAsync(await app.CreateAccountAsync(null, PersonRole.Admin, email));
        return client;
    }

    private Task<long> CountAsync(string sql) => app.Database.ScalarAsync<long>(sql);

    [Fact]
    [Trait("Spec", "RANK-2")]
    public async Task Thresholds_AreSetPerFiscalYear_Ordered_AndAStaleFormIsAConflict()
    {
        using var admin = await AdminAsync("admin-thr@ranks.cloudpack.example.jp");
        var next = FiscalYear.Current(app.Clock).Next.StartYear;
        Dictionary<string, string> Fields(int year, string version, long platinum = 40_000_000) => new()
        {
            ["fiscalYear"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["platinum"] = platinum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["gold"] = "20000000", ["silver"] = "5000000", ["bronze"] = "1000000", ["version"] = version,
        };

        using var saved = await admin.PostFormAsync("/Staff/Ranks", Fields(next, "0"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var twice = await admin.PostFormAsync("/Staff/Ranks", Fields(next, "0", 50_000_000));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        using var disordered = await admin.PostFormAsync("/Staff/Ranks", Fields(next + 1, "0", 1));
        Assert.Equal(HttpStatusCode.BadRequest, disordered.StatusCode);
        Assert.Contains("しきい値はプラチナ", await disordered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var past = await admin.PostFormAsync("/Staff/Ranks", Fields(next - 2, "0"));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        using var huge = await admin.PostFormAsync("/Staff/Ranks", Fields(next, "0", long.MaxValue));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);

        Assert.Equal(40_000_000L, await CountAsync($"SELECT platinum_min_yen FROM core.rank_thresholds WHERE fiscal_year = {next}"));
        Assert.Equal(0L, await CountAsync($"SELECT count(*) FROM core.rank_thresholds WHERE fiscal_year IN ({next + 1}, {next - 2})"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM identity.audit_entries WHERE action = 'ranks.thresholds-set'"));
        Assert.Contains("¥40,000,000", await admin.GetPageAsync("/Staff/Ranks"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "RANK-2")]
    public async Task CsvImport_ShowsRowErrors_ImportsAllOrNothing_AndOnlyOnce()
    {
        using var admin = await AdminAsync("admin-csv@ranks.cloudpack.example.jp");
        var a = await app.CreateCompanyAsync("CSVA", "CSV A 株式会社");
        var b = await app.CreateCompanyAsync("CSVB", "CSV B 株式会社");
        var bad = "company_code,calendar_year,amount_yen\nCSVA,2025,12500000\nNOSUCH,2025,100\nCSVB,2025,\"3,000,000\"\n";
        using var preview = await Upload(admin, bad);
        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("data-test=\"preview-error-row\"", html, StringComparison.Ordinal);
        Assert.Contains("NOSUCH", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"confirm-form\"", html, StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync($"SELECT count(*) FROM core.annual_transactions WHERE company_id IN ('{a}', '{b}')"));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM core.amount_import_batches"));

        using var fixedPreview = await Upload(admin, bad.Replace("NOSUCH,2025,100\n", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, fixedPreview.StatusCode);
        var batch = BatchId().Match(await fixedPreview.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(batch);
        Assert.Equal(0L, await CountAsync($"SELECT count(*) FROM core.annual_transactions WHERE company_id IN ('{a}', '{b}')"));

        using var confirmed = await admin.PostFormAsync("/Staff/Ranks/Import", new Dictionary<string, string> { ["batchId"] = batch }, "/Staff/Ranks/Import?handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(12_500_000L, await CountAsync($"SELECT amount_yen FROM core.annual_transactions WHERE company_id = '{a}' AND calendar_year = 2025"));
        Assert.Equal(3_000_000L, await CountAsync($"SELECT amount_yen FROM core.annual_transactions WHERE company_id = '{b}' AND calendar_year = 2025"));

        await app.Database.ScalarAsync<object>($"UPDATE core.annual_transactions SET amount_yen = 1 WHERE company_id = '{a}'");
        using var again = await admin.PostFormAsync("/Staff/Ranks/Import", new Dictionary<string, string> { ["batchId"] = batch }, "/Staff/Ranks/Import?handler=Confirm");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("既に実行済み", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1L, await CountAsync($"SELECT amount_yen FROM core.annual_transactions WHERE company_id = '{a}'"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM identity.audit_entries WHERE action = 'ranks.amounts-imported'"));

        using var unknown = await admin.PostFormAsync("/Staff/Ranks/Import", new Dictionary<string, string> { ["batchId"] = Guid.NewGuid().ToString() }, "/Staff/Ranks/Import?handler=Confirm");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var duplicate = await Upload(admin, "CSVA,2024,1\nCSVA,2024,2\n");
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        using var notUtf8 = await admin.PostMultipartAsync("/Staff/Ranks/Import", new Dictionary<string, string>(), [("file", "a.csv", [0x82, 0xA0, 0xFF])], "/Staff/Ranks/Import?handler=Upload");
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        using var none = await admin.PostMultipartAsync("/Staff/Ranks/Import", new Dictionary<string, string>(), [], "/Staff/Ranks/Import?handler=Upload");
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }

    [Fact]
    [Trait("Spec", "RANK-2")]
    [Trait("Spec", "TKT-1")]
    [Trait("Spec", "TKT-2")]
    public async Task DryRun_ShowsWhoWouldChangeRankAndTheGrants_AndWritesNothing()
    {
        using var admin = await AdminAsync("admin-dry@ranks.cloudpack.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm-dry@ranks.cloudpack.example.jp");
        var company = await app.CreateCompanyAsync("DRYRUN", "試算 株式会社");
        await app.EnrolAsync(company, csm);
        var current = FiscalYear.Current(app.Clock).StartYear;
        // Whichever year the next rollover goes into, its basis year has ¥90M: Platinum, up from Gold.
        await app.Database.ScalarAsync<object>(
            $"INSERT INTO core.annual_transactions (company_id, calendar_year, amount_yen, recorded_at) VALUES ('{company}', {current - 1}, 90000000, now()), ('{company}', {current}, 90000000, now())");
        var before = await SnapshotAsync();

        var html = await admin.GetPageAsync("/Staff/Ranks/Rollover?dry=true&changes=true");
        var row = Regex.Match(html, "data-test=\"dry-row-DRYRUN\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("プラチナ", row, StringComparison.Ordinal);
        Assert.Contains("¥90,000,000", row, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());

        await app.Database.ScalarAsync<object>(
            $"INSERT INTO core.rollover_company_results (fiscal_year, company_id, previous_rank, new_rank, basis_amount_yen, lapsed_tickets, granted_tickets, basic_proposals_allowed, note, at) VALUES (2001, '{company}', 'Gold', 'Silver', 4000000, 3, 5, 2, 'ログ確認', now())");
        var log = await admin.GetPageAsync("/Staff/Ranks/Rollover?fy=2001");
        Assert.Contains("data-test=\"log-row-DRYRUN\"", log, StringComparison.Ordinal);
        Assert.Contains("ログ確認", log, StringComparison.Ordinal);
    }

    private Task<string?> SnapshotAsync() => app.Database.ScalarAsync<string>(
        "SELECT concat_ws('|', (SELECT count(*) FROM core.rank_assignments), (SELECT count(*) FROM core.ticket_ledger), (SELECT count(*) FROM core.ticket_accounts), " +
        "(SELECT count(*) FROM core.rollover_runs), (SELECT count(*) FROM core.rollover_company_results), (SELECT count(*) FROM identity.audit_entries))");

    private static Task<HttpResponseMessage> Upload(PortalClient admin, string csv) =>
        admin.PostMultipartAsync("/Staff/Ranks/Import", new Dictionary<string, string>(), [("file", "amounts.csv", Encoding.UTF8.GetBytes(csv))], "/Staff/Ranks/Import?handler=Upload");

    [GeneratedRegex("name=\"batchId\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex BatchId();
}
