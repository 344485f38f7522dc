using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Staff;

/// <summary>A company's ranks and tickets page: amounts, audited rank override, ledger and adjustments, with bad input and conflicts.</summary>
public sealed class CompanyRanksConsoleTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<(Guid Company, PortalClient Admin, PortalClient Csm)> SetupAsync(string code)
    {
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm-{code.ToLowerInvariant()}@ranks.cloudpack.example.jp");
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, $"admin-{code.ToLowerInvariant()}@ranks.cloudpack.example.jp");
        var company = await app.CreateCompanyAsync(code, $"{code} 株式会社");
        await app.EnrolAsync(company, csm);
        var adminClient = new PortalClient(app);
        await adminClient.SignInAsync(admin);
        var csmClient = new PortalClient(app);
        await csmClient.SignInAsync(csm);
        return (company, adminClient, csmClient);
    }

    private Task<long> CountAsync(string sql) => app.Database.ScalarAsync<long>(sql);

    [Fact]
    [Trait("Spec", "RANK-2")]
    public async Task Amount_IsEnteredByAnAdmin_AndADoublePostIsAConflict()
    {
        var (company, admin, csm) = await SetupAsync("RKAMT");
        using var _ = admin;
        using var __ = csm;
        var page = $"/Staff/Companies/{company}/Ranks";
        var fields = new Dictionary<string, string> { ["calendarYear"] = "2025", ["amountYen"] = "12500000", ["version"] = "0" };

        using var refused = await csm.PostFormAsync(page, fields, $"{page}?handler=Amount");
        Assert.Equal("/Account/AccessDenied", refused.Headers.Location?.AbsolutePath);
        using var saved = await admin.PostFormAsync(page, fields, $"{page}?handler=Amount");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var twice = await admin.PostFormAsync(page, new Dictionary<string, string>(fields) { ["amountYen"] = "1" }, $"{page}?handler=Amount");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("他の人が先に変更しました", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(12_500_000L, await app.Database.ScalarAsync<long>($"SELECT amount_yen FROM core.annual_transactions WHERE company_id = '{company}' AND calendar_year = 2025"));

        var version = await app.Database.ScalarAsync<string>($"SELECT xmin::text FROM core.annual_transactions WHERE company_id = '{company}' AND calendar_year = 2025");
        using var edited = await admin.PostFormAsync(page, new Dictionary<string, string>(fields) { ["amountYen"] = "31000000", ["version"] = version! }, $"{page}?handler=Amount");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(2L, await CountAsync($"SELECT count(*) FROM identity.audit_entries WHERE action = 'ranks.amount-set' AND company_id = '{company}'"));

        foreach (var (year, amount) in new[] { ("1999", "1"), ("2025", "-1"), ("2025", "9999999999999999"), ("x", "1") })
        {
            using var bad = await admin.PostFormAsync(page, new Dictionary<string, string> { ["calendarYear"] = year, ["amountYen"] = amount, ["version"] = "0" }, $"{page}?handler=Amount");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        Assert.Equal(31_000_000L, await app.Database.ScalarAsync<long>($"SELECT amount_yen FROM core.annual_transactions WHERE company_id = '{company}' AND calendar_year = 2025"));
        Assert.Contains("¥31,000,000", await admin.GetPageAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "RANK-3")]
    public async Task Override_NeedsAReason_IsAudited_AndAStaleFormIsAConflict()
    {
        var (company, admin, csm) = await SetupAsync("RKOVR");
        using var _ = admin;
        using var __ = csm;
        var page = $"/Staff/Companies/{company}/Ranks";
        var fy = FiscalYear.Current(app.Clock).StartYear;
        var version = await app.Database.ScalarAsync<long>($"SELECT coalesce(max(id), 0) FROM core.rank_assignments WHERE company_id = '{company}' AND fiscal_year = {fy}");
        Dictionary<string, string> Fields(string reason, long current) => new()
        {
            ["fiscalYear"] = fy.ToString(System.Globalization.CultureInfo.InvariantCulture), ["rank"] = "Platinum", ["reason"] = reason,
            ["currentVersion"] = current.ToString(System.Globalization.CultureInfo.InvariantCulture), ["nextVersion"] = "0",
        };

        using var csmRefused = await csm.PostFormAsync(page, Fields("CSMは不可", version), $"{page}?handler=Override");
        Assert.Equal("/Account/AccessDenied", csmRefused.Headers.Location?.AbsolutePath);
        using var noReason = await admin.PostFormAsync(page, Fields(" ", version), $"{page}?handler=Override");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("理由を入力してください", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var oversize = await admin.PostFormAsync(page, Fields(new string('長', 501), version), $"{page}?handler=Override");
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        using var unknownRank = await admin.PostFormAsync(page, new Dictionary<string, string>(Fields("x", version)) { ["rank"] = "Diamond" }, $"{page}?handler=Override");
        Assert.Equal(HttpStatusCode.BadRequest, unknownRank.StatusCode);
        using var pastYear = await admin.PostFormAsync(page, new Dictionary<string, string>(Fields("x", version)) { ["fiscalYear"] = (fy - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"{page}?handler=Override");
        Assert.Equal(HttpStatusCode.BadRequest, pastYear.StatusCode);
        Assert.Equal(0L, await CountAsync($"SELECT count(*) FROM core.rank_assignments WHERE company_id = '{company}' AND source = 'Override'"));

        var balance = await CountAsync($"SELECT sum(amount) FROM core.ticket_ledger WHERE company_id = '{company}' AND fiscal_year = {fy}");
        using var done = await admin.PostFormAsync(page, Fields("大口契約のため年度途中で引き上げ", version), $"{page}?handler=Override");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        using var stale = await admin.PostFormAsync(page, Fields("二重送信", version), $"{page}?handler=Override");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        Assert.Equal(1L, await CountAsync($"SELECT count(*) FROM core.rank_assignments WHERE company_id = '{company}' AND source = 'Override' AND rank = 'Platinum' AND reason = '大口契約のため年度途中で引き上げ'"));
        Assert.Equal(1L, await CountAsync($"SELECT count(*) FROM identity.audit_entries WHERE action = 'ranks.override' AND company_id = '{company}' AND detail LIKE '%Gold -> Platinum%'"));
        // Gold (15) to Platinum (20): topped up by 5.
        Assert.Equal(balance + 5, await CountAsync($"SELECT sum(amount) FROM core.ticket_ledger WHERE company_id = '{company}' AND fiscal_year = {fy}"));
        var html = await admin.GetPageAsync(page);
        Assert.Contains("大口契約のため年度途中で引き上げ", html, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "TKT-4")]
    public async Task Adjustments_AreLedgerEntriesWithAReason_NeverBelowZero_AndADoublePostIsAConflict()
    {
        var (company, admin, csm) = await SetupAsync("RKADJ");
        using var _ = admin;
        using var __ = csm;
        var page = $"/Staff/Companies/{company}/Ranks";
        var fy = FiscalYear.Current(app.Clock).StartYear;
        Task<long> Balance() => CountAsync($"SELECT coalesce(sum(amount), 0) FROM core.ticket_ledger WHERE company_id = '{company}' AND fiscal_year = {fy}");
        Task<long> Last() => CountAsync($"SELECT coalesce(max(id), 0) FROM core.ticket_ledger WHERE company_id = '{company}' AND fiscal_year = {fy}");
        Dictionary<string, string> Fields(string direction, string tickets, string reason, long version) => new()
        {
            ["direction"] = direction, ["tickets"] = tickets, ["reason"] = reason, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var before = await Balance();
        var version = await Last();
        using var granted = await csm.PostFormAsync(page, Fields("grant", "3", "研修の追加分", version), $"{page}?handler=Adjust");
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal(before + 3, await Balance());
        using var twice = await csm.PostFormAsync(page, Fields("grant", "3", "研修の追加分", version), $"{page}?handler=Adjust");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        version = await Last();
        using var overdraw = await admin.PostFormAsync(page, Fields("deduct", (before + 4).ToString(System.Globalization.CultureInfo.InvariantCulture), "差し引き過ぎ", version), $"{page}?handler=Adjust");
        Assert.Equal(HttpStatusCode.BadRequest, overdraw.StatusCode);
        using var noReason = await admin.PostFormAsync(page, Fields("deduct", "1", "", version), $"{page}?handler=Adjust");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var oversize = await admin.PostFormAsync(page, Fields("deduct", "1", new string('長', 501), version), $"{page}?handler=Adjust");
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        using var badDirection = await admin.PostFormAsync(page, Fields("steal", "1", "x", version), $"{page}?handler=Adjust");
        Assert.Equal(HttpStatusCode.BadRequest, badDirection.StatusCode);
        using var zero = await admin.PostFormAsync(page, Fields("grant", "0", "x", version), $"{page}?handler=Adjust");
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        using var unknown = await admin.PostFormAsync(page, Fields("grant", "1", "x", version), $"/Staff/Companies/{Guid.NewGuid()}/Ranks?handler=Adjust");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(before + 3, await Balance());

        using var deducted = await admin.PostFormAsync(page, Fields("deduct", "2", "誤付与の訂正", version), $"{page}?handler=Adjust");
        Assert.Equal(HttpStatusCode.Redirect, deducted.StatusCode);
        Assert.Equal(before + 1, await Balance());
        Assert.Equal(2L, await CountAsync($"SELECT count(*) FROM core.ticket_ledger WHERE company_id = '{company}' AND kind = 'Adjustment' AND reason IS NOT NULL"));
        Assert.Equal(2L, await CountAsync($"SELECT count(*) FROM identity.audit_entries WHERE action = 'tickets.adjusted' AND company_id = '{company}'"));

        var html = await csm.GetPageAsync(page);
        Assert.Contains("誤付与の訂正", html, StringComparison.Ordinal);
        Assert.Contains($"data-test=\"ledger-balance\">{before + 1}<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"override-form\"", html, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "TKT-4")]
    public async Task Ledger_IsPaged_NotCut()
    {
        var (company, admin, csm) = await SetupAsync("RKPAGE");
        using var _ = admin;
        using var __ = csm;
        var page = $"/Staff/Companies/{company}/Ranks";
        var fy = FiscalYear.Current(app.Clock).StartYear;
        var lines = await CountAsync($"SELECT count(*) FROM core.ticket_ledger WHERE company_id = '{company}' AND fiscal_year = {fy}");
        await app.Database.ScalarAsync<object>(
            $"INSERT INTO core.ticket_ledger (company_id, fiscal_year, kind, amount, reason, at) SELECT '{company}', {fy}, 'Adjustment', 1, '行' || n, now() FROM generate_series(1, {51 - lines}) n");

        var first = await admin.GetPageAsync(page);
        Assert.Equal(50, first.Split("data-test=\"ledger-line\"").Length - 1);
        Assert.Contains("data-test=\"next-p\"", first, StringComparison.Ordinal);
        var second = await admin.GetPageAsync($"{page}?p=2");
        Assert.Equal(1, second.Split("data-test=\"ledger-line\"").Length - 1);
    }
}
