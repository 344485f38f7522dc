using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Hardening;

/// <summary>
/// The bad inputs issue #17 names, each on its own (the route fuzz sends them too, among thousands): a huge page
/// number, an empty e-mail or code posted to sign-in, a return URL to another site, over-long names in the staff
/// issue form. Each answers a page or a refusal, never a 5xx, and a refusal stores nothing.
/// </summary>
public sealed class BadInputTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private const string FailedJa = "メールアドレスまたはパスワードが正しくないか";

    [Theory]
    [InlineData("80000000")]
    [InlineData("2147483647")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    public async Task Notifications_WithAHugeOrBrokenPageNumber_AnswerAPage(string p)
    {
        var company = await app.CreateCompanyAsync($"NP{Math.Abs(p.GetHashCode(StringComparison.Ordinal)) % 100000}", "ページ番号株式会社");
        var account = await app.CreateAccountAsync(company, PersonRole.Representative, $"np{Guid.NewGuid():N}@example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(account);

        using var response = await client.GetAsync($"/Notifications?p={p}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("通知", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("", "Some-Passw0rd-1")]
    [InlineData("empty@example.jp", "")]
    [InlineData("   ", "   ")]
    public async Task SignIn_WithAnEmptyEmailOrPassword_AnswersTheFailureMessage(string email, string password)
    {
        using var client = new PortalClient(app);

        using var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(FailedJa, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/LoginWith2fa", "確認コードが正しくないか")]
    [InlineData("/Account/LoginWithRecoveryCode", "リカバリーコードが正しくないか")]
    [Trait("Spec", "MFA-1")]
    public async Task SecondFactor_WithAnEmptyOrMissingCode_AnswersThePage_AndCountsNothing(string page, string invalidJa)
    {
        var account = await app.CreateAccountAsync(null, PersonRole.Csm, $"code{Guid.NewGuid():N}@cloudpack.example.jp");
        using var client = new PortalClient(app);
        using (var login = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = account.Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        foreach (var fields in new[] { new Dictionary<string, string> { ["Code"] = "" }, new Dictionary<string, string> { ["Code"] = "   " }, [] })
        {
            using var response = await client.PostFormAsync(page, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(invalidJa, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await app.Database.ScalarAsync<int>($"SELECT access_failed_count FROM identity.users WHERE email = '{account.Email}'"));
        using var code = await client.PostFormAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Code"] = app.NextCode(account.TotpKey!) });
        Assert.Equal("/", code.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("//evil.example.com/")]
    [InlineData("https://evil.example.com/")]
    [InlineData("/\\evil.example.com")]
    [InlineData("javascript:alert(1)")]
    public async Task SignIn_WithAReturnUrlToAnotherSite_LandsOnTheHomePage(string returnUrl)
    {
        var account = await app.CreateAccountAsync(null, PersonRole.Csm, $"ret{Guid.NewGuid():N}@cloudpack.example.jp", withMfa: false);
        using var client = new PortalClient(app);
        var page = "/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl);

        using var response = await client.PostFormAsync(page, new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = account.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(201, 20)]
    [InlineData(20_000, 20)]
    [InlineData(10, 255)]
    [InlineData(10, 5_000)]
    public async Task StaffIssueForm_WithOverLongNameOrAddress_IsRefused_AndStoresNothing(int nameLength, int localPartLength)
    {
        var company = await app.CreateCompanyAsync($"LN{nameLength % 1000}{localPartLength % 1000}", "長い名前株式会社");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm{Guid.NewGuid():N}@cloudpack.example.jp");
        using var staff = new PortalClient(app);
        await staff.SignInAsync(csm);
        var email = new string('m', localPartLength) + "@long.example.jp";
        var before = await CountsAsync();

        using var response = await staff.PostFormAsync($"/Staff/Companies/{company}", new Dictionary<string, string>
        {
            ["DisplayName"] = new string('長', nameLength), ["Email"] = email,
        }, $"/Staff/Companies/{company}?handler=Issue");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("名前またはメールアドレスが長すぎます", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    private Task<string?> CountsAsync() => app.Database.ScalarAsync<string>(
        "SELECT (SELECT count(*) FROM core.people) || '/' || (SELECT count(*) FROM identity.users) || '/' || (SELECT count(*) FROM identity.mail_outbox) || '/' || (SELECT count(*) FROM identity.audit_entries)");
}
