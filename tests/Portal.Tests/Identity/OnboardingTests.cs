using System.Net;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Identity;

/// <summary>First sign-in: temporary password change (ONB-2), then TOTP enrolment (MFA-1) before anything else.</summary>
public sealed partial class OnboardingTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    [Trait("Spec", "ONB-2")]
    public async Task TemporaryPassword_MustBeChanged_BeforeAnythingElse()
    {
        var company = await app.CreateCompanyAsync("ONB2", "オンボード株式会社");
        var account = await app.CreateAccountAsync(company, PersonRole.Representative, "onb2@example.jp", withMfa: false, mustChangePassword: true);
        using var client = new PortalClient(app);
        await client.SignInAsync(account);

        foreach (var path in new[] { "/", "/Users", "/Company", "/Settings", "/Account/Mfa/Enrol" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/ChangePassword", response.Headers.Location!.OriginalString);
        }

        var page = await client.GetPageAsync("/Account/ChangePassword");
        Assert.Contains("data-test=\"forced\"", page, StringComparison.Ordinal);

        using var changed = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = account.Password, ["NewPassword"] = "Brand-New-Passw0rd", ["ConfirmPassword"] = "Brand-New-Passw0rd",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/Account/Mfa/Enrol", changed.Headers.Location!.OriginalString);
    }

    [Fact]
    [Trait("Spec", "ONB-2")]
    public async Task NewPassword_IsRefused_WhenItBreaksThePolicy()
    {
        var account = await app.CreateAccountAsync(null, PersonRole.Csm, "weak@cloudpack.example.jp", withMfa: false, mustChangePassword: true);
        using var client = new PortalClient(app);
        await client.SignInAsync(account);

        using var response = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = account.Password, ["NewPassword"] = "short1A", ["ConfirmPassword"] = "short1A",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("パスワードが短すぎます", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var still = await client.GetAsync("/");
        Assert.Equal("/Account/ChangePassword", still.Headers.Location!.OriginalString);
    }

    [Fact]
    [Trait("Spec", "MFA-1")]
    public async Task WithoutMfa_OnlyTheEnrolmentPageIsReachable_ThenEverythingAfterEnrolment()
    {
        var company = await app.CreateCompanyAsync("MFA1", "二要素株式会社");
        var account = await app.CreateAccountAsync(company, PersonRole.Member, "mfa1@example.jp", withMfa: false);
        using var client = new PortalClient(app);
        await client.SignInAsync(account);

        foreach (var path in new[] { "/", "/Users", "/Company", "/Settings", "/Account/ChangePassword" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/Mfa/Enrol", response.Headers.Location!.OriginalString);
        }

        var enrol = await client.GetPageAsync("/Account/Mfa/Enrol");
        Assert.Contains("data:image/png;base64,", enrol, StringComparison.Ordinal);
        var key = ManualKey().Match(enrol).Groups[1].Value;
        Assert.Equal(32, key.Length);
        Assert.Equal(key, ManualKey().Match(await client.GetPageAsync("/Account/Mfa/Enrol")).Groups[1].Value);

        using var wrong = await client.PostFormAsync("/Account/Mfa/Enrol", new Dictionary<string, string> { ["Code"] = "000000" });
        Assert.Contains("確認コードが正しくないか", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var done = await client.PostFormAsync("/Account/Mfa/Enrol", new Dictionary<string, string> { ["Code"] = app.NextCode(key) });
        var html = await done.Content.ReadAsStringAsync();
        Assert.Contains("data-test=\"mfa-done\"", html, StringComparison.Ordinal);
        Assert.Equal(10, RecoveryCode().Count(html));

        Assert.Contains("二要素株式会社", await client.GetPageAsync("/"), StringComparison.Ordinal);
        await client.GetPageAsync("/Users");
    }

    [GeneratedRegex("data-test=\"manual-key\">([A-Z2-7]+)<")]
    private static partial Regex ManualKey();

    [GeneratedRegex("<li><code>[A-Z0-9]{5}-[A-Z0-9]{5}</code></li>")]
    private static partial Regex RecoveryCode();
}
