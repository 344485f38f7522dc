using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Staff;

/// <summary>The staff console's companies: create, eligibility, enrolment with the representative mailed, suspension, and bad input.</summary>
public sealed class CompanyConsoleTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static Dictionary<string, string> Fields(string code, string name, string email, bool publicBody = false, bool partner = false, bool thirdParty = false, string version = "0") => new()
    {
        ["Form.Code"] = code, ["Form.Name"] = name, ["Form.Industry"] = "製造業", ["Form.RepresentativeEmail"] = email,
        ["Form.IsPublicBody"] = publicBody ? "true" : "false", ["Form.IsAlliancePartner"] = partner ? "true" : "false",
        ["Form.IsServedThroughThirdParty"] = thirdParty ? "true" : "false", ["Form.Version"] = version,
    };

    private async Task<PortalClient> StaffAsync(string email, PersonRole role = PersonRole.Csm)
    {
        var client = new PortalClient(app);
        await client.SignInAsync(await app.CreateAccountAsync(null, role, email));
        return client;
    }

    private Task<string?> VersionAsync(Guid company) => app.Database.ScalarAsync<string>($"SELECT xmin::text FROM core.companies WHERE id = '{company}'");

    private async Task<Guid> CreateAsync(PortalClient staff, Dictionary<string, string> fields)
    {
        using var created = await staff.PostFormAsync("/Staff/Companies/Create", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    [Fact]
    [Trait("Spec", "ELIG-1")]
    [Trait("Spec", "ELIG-2")]
    [Trait("Spec", "ONB-1")]
    public async Task CreateCheckEnrol_ShowsEveryReason_ThenEnrolsAndMailsTheRepresentative()
    {
        using var staff = await StaffAsync("csm-enrol@console.cloudpack.example.jp");
        var id = await CreateAsync(staff, Fields("ENROL1", "入会テスト株式会社", "daihyo@enrol1.example.jp", publicBody: true, partner: true, thirdParty: true));
        var page = $"/Staff/Companies/{id}";

        var html = await staff.GetPageAsync(page);
        Assert.Contains("data-test=\"ineligible\"", html, StringComparison.Ordinal);
        foreach (var issue in Enum.GetValues<EligibilityIssue>().Where(i => i != EligibilityIssue.OnlyExcludedPlans))
        {
            Assert.Contains(EligibilityMessages.Ja(issue), html, StringComparison.Ordinal);
        }

        using var refused = await staff.PostFormAsync(page, new Dictionary<string, string> { ["representativeName"] = "代表 花子" }, $"{page}?handler=Enrol");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("NotEnrolled", await app.Database.ScalarAsync<string>($"SELECT status FROM core.companies WHERE id = '{id}'"));

        using var fixedFields = await staff.PostFormAsync(page, Fields("ENROL1", "入会テスト株式会社", "daihyo@enrol1.example.jp", version: (await VersionAsync(id))!), $"{page}?handler=Edit");
        Assert.Equal(HttpStatusCode.Redirect, fixedFields.StatusCode);
        using var contract = await staff.PostFormAsync(page, new Dictionary<string, string>
        {
            ["type"] = "BillingAgency", ["startsOn"] = Core.Time.Tokyo.Today(app.Clock).AddMonths(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["maintenanceScope"] = "本番アカウントの監視",
        }, $"{page}?handler=AddContract");
        Assert.Equal(HttpStatusCode.Redirect, contract.StatusCode);
        Assert.Contains("data-test=\"eligible\"", await staff.GetPageAsync(page), StringComparison.Ordinal);

        using var enrolled = await staff.PostFormAsync(page, new Dictionary<string, string> { ["representativeName"] = "代表 花子" }, $"{page}?handler=Enrol");
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        var mail = await app.Smtp.WaitForAsync("daihyo@enrol1.example.jp");
        Assert.False(string.IsNullOrEmpty(MailText.TemporaryPassword(mail)));
        Assert.Equal("Active", await app.Database.ScalarAsync<string>($"SELECT status FROM core.companies WHERE id = '{id}'"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.rank_assignments WHERE company_id = '{id}'"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM identity.audit_entries WHERE action = 'company.enrolled' AND company_id = '{id}'"));
    }

    [Fact]
    [Trait("Spec", "ELIG-4")]
    public async Task Suspend_KeepsEverything_AndReinstateNeedsAQualifyingContract()
    {
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm-suspend@console.cloudpack.example.jp");
        var id = await app.CreateCompanyAsync("SUSP1", "停止テスト株式会社");
        await app.EnrolAsync(id, csm);
        using var staff = new PortalClient(app);
        await staff.SignInAsync(csm);
        var page = $"/Staff/Companies/{id}";
        var ledgerRows = await app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.ticket_ledger WHERE company_id = '{id}'");

        using var stale = await staff.PostFormAsync(page, new Dictionary<string, string> { ["version"] = "1" }, $"{page}?handler=Suspend");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Active", await app.Database.ScalarAsync<string>($"SELECT status FROM core.companies WHERE id = '{id}'"));

        using var suspended = await staff.PostFormAsync(page, new Dictionary<string, string> { ["version"] = (await VersionAsync(id))! }, $"{page}?handler=Suspend");
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        Assert.Equal("Suspended", await app.Database.ScalarAsync<string>($"SELECT status FROM core.companies WHERE id = '{id}'"));
        Assert.Equal(ledgerRows, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.ticket_ledger WHERE company_id = '{id}'"));

        using var reinstated = await staff.PostFormAsync(page, new Dictionary<string, string>(), $"{page}?handler=Reinstate");
        Assert.Equal(HttpStatusCode.Redirect, reinstated.StatusCode);
        Assert.Equal("Active", await app.Database.ScalarAsync<string>($"SELECT status FROM core.companies WHERE id = '{id}'"));
    }

    [Fact]
    public async Task BadInput_Answers4xx_AndChangesNothing()
    {
        using var staff = await StaffAsync("csm-bad@console.cloudpack.example.jp");
        var id = await CreateAsync(staff, Fields("BAD1", "入力テスト株式会社", "rep@bad1.example.jp"));
        var page = $"/Staff/Companies/{id}";

        using var twice = await staff.PostFormAsync("/Staff/Companies/Create", Fields("BAD1", "入力テスト株式会社", "rep@bad1.example.jp"));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("既に使われています", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.companies WHERE code = 'BAD1'"));

        using var oversize = await staff.PostFormAsync("/Staff/Companies/Create", Fields("BAD2", new string('長', 201), "rep@bad2.example.jp"));
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        using var notABool = await staff.PostFormAsync("/Staff/Companies/Create", new Dictionary<string, string>(Fields("BAD3", "x", "r@x.example.jp")) { ["Form.IsPublicBody"] = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, notABool.StatusCode);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.companies WHERE code IN ('BAD2', 'BAD3')"));

        var version = (await VersionAsync(id))!;
        using var first = await staff.PostFormAsync(page, Fields("BAD1", "名前を変更", "rep@bad1.example.jp", version: version), $"{page}?handler=Edit");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var second = await staff.PostFormAsync(page, Fields("BAD1", "別の人の変更", "rep@bad1.example.jp", version: version), $"{page}?handler=Edit");
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("他の人が先に変更しました", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("名前を変更", await app.Database.ScalarAsync<string>($"SELECT name FROM core.companies WHERE id = '{id}'"));

        using var unknown = await staff.PostFormAsync(page, Fields("X", "y", "z@z.example.jp"), $"/Staff/Companies/{Guid.NewGuid()}?handler=Edit");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var badDate = await staff.PostFormAsync(page, new Dictionary<string, string> { ["type"] = "Nonsense", ["startsOn"] = "not-a-date" }, $"{page}?handler=AddContract");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.contracts WHERE company_id = '{id}'"));
    }

    [Fact]
    [Trait("Spec", "ELIG-3")]
    [Trait("Spec", "BAS-4")]
    public async Task AwsAccounts_LinkOnlyValidUniqueProviderHeld_MaintenanceNeedsBacklog_UnlinkKeepsHistory()
    {
        using var staff = await StaffAsync("csm-aws@console.cloudpack.example.jp");
        var a = await app.CreateCompanyAsync("AWSA", "アカウントA株式会社");
        var b = await app.CreateCompanyAsync("AWSB", "アカウントB株式会社");
        Task<HttpResponseMessage> Link(Guid company, string accountId, bool root) => staff.PostFormAsync($"/Staff/Companies/{company}", new Dictionary<string, string>
        {
            ["accountId"] = accountId, ["displayName"] = "本番", ["rootHeldByProvider"] = root ? "true" : "false",
        }, $"/Staff/Companies/{company}?handler=LinkAccount");

        using (var shortId = await Link(a, "12345678901", true)) { Assert.Equal(HttpStatusCode.BadRequest, shortId.StatusCode); }
        using (var notHeld = await Link(a, "123456789012", false)) { Assert.Equal(HttpStatusCode.BadRequest, notHeld.StatusCode); }
        using (var linked = await Link(a, "123456789012", true)) { Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode); }
        using (var taken = await Link(b, "123456789012", true)) { Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode); }
        var account = await app.Database.ScalarAsync<Guid>("SELECT id FROM core.aws_accounts WHERE account_id = '123456789012'");

        using (var otherCompanys = await staff.PostFormAsync($"/Staff/Companies/{b}", new Dictionary<string, string>(), $"/Staff/Companies/{b}?handler=Unlink&awsAccountId={account}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, otherCompanys.StatusCode);
        }

        using (var noKey = await staff.PostFormAsync($"/Staff/Companies/{a}", new Dictionary<string, string> { ["underMaintenance"] = "true", ["backlogProjectKey"] = "" }, $"/Staff/Companies/{a}?handler=Maintenance&awsAccountId={account}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        }

        using (var key = await staff.PostFormAsync($"/Staff/Companies/{a}", new Dictionary<string, string> { ["underMaintenance"] = "true", ["backlogProjectKey"] = "PRODOPS" }, $"/Staff/Companies/{a}?handler=Maintenance&awsAccountId={account}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, key.StatusCode);
        }

        using (var unlinked = await staff.PostFormAsync($"/Staff/Companies/{a}", new Dictionary<string, string>(), $"/Staff/Companies/{a}?handler=Unlink&awsAccountId={account}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, unlinked.StatusCode);
        }

        Assert.NotNull(await app.Database.ScalarAsync<DateTime?>($"SELECT unlinked_at FROM core.aws_accounts WHERE id = '{account}'"));
        Assert.Contains("連携解除", await staff.GetPageAsync($"/Staff/Companies/{a}"), StringComparison.Ordinal);
        using (var relinked = await Link(b, "123456789012", true)) { Assert.Equal(HttpStatusCode.Redirect, relinked.StatusCode); }
        Assert.Equal(2L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.aws_accounts WHERE account_id = '123456789012'"));
    }
}
