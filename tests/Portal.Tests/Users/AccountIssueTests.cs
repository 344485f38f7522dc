using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Users;

/// <summary>Accounts are issued with a temporary password sent by mail (ONB-1, ONB-3) and re-issued by staff (USER-2).</summary>
public sealed class AccountIssueTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    [Trait("Spec", "ONB-1")]
    public async Task StaffIssuesTheRepresentative_WhoGetsATemporaryPasswordByMail()
    {
        var company = await app.CreateCompanyAsync("ONB1", "発行テスト株式会社");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm-onb1@cloudpack.example.jp");
        using var staff = new PortalClient(app);
        await staff.SignInAsync(csm);

        using var issued = await staff.PostFormAsync($"/Staff/Companies/{company}", new Dictionary<string, string>
        {
            ["DisplayName"] = "代表 一郎", ["Email"] = "daihyo@onb1.example.jp",
        }, $"/Staff/Companies/{company}?handler=Issue");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);

        var mail = await app.Smtp.WaitForAsync("daihyo@onb1.example.jp");
        Assert.Equal("【cloudpack+】ポータルのアカウントを発行しました", mail.Subject);
        var password = MailText.TemporaryPassword(mail);
        Assert.Null(await app.Database.ScalarAsync<string>("SELECT body FROM identity.mail_outbox WHERE to_address = 'daihyo@onb1.example.jp' AND sent_at IS NOT NULL"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.audit_entries WHERE action = 'user.created' AND actor_email = 'csm-onb1@cloudpack.example.jp'"));

        using var representative = new PortalClient(app);
        await representative.SignInAsync(new TestAccount(Guid.Empty, company, "daihyo@onb1.example.jp", password, null));
        using var home = await representative.GetAsync("/");
        Assert.Equal("/Account/ChangePassword", home.Headers.Location!.OriginalString);
    }

    [Fact]
    [Trait("Spec", "ONB-3")]
    [Trait("Spec", "USER-1")]
    public async Task Representative_CreatesAMember_WithoutALimit()
    {
        var company = await app.CreateCompanyAsync("ONB3", "メンバー作成株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@onb3.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);

        for (var i = 0; i < 12; i++)
        {
            using var created = await client.PostFormAsync("/Users/Create", new Dictionary<string, string>
            {
                ["Form.DisplayName"] = $"メンバー {i}", ["Form.Email"] = $"m{i}@onb3.example.jp", ["Form.Role"] = "Member",
            });
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var mail = await app.Smtp.WaitForAsync("m11@onb3.example.jp");
        Assert.False(string.IsNullOrEmpty(MailText.TemporaryPassword(mail)));
        var list = await client.GetPageAsync("/Users");
        Assert.Contains("m11@onb3.example.jp", list, StringComparison.Ordinal);
        Assert.Contains("13 名", list, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "USER-1")]
    public async Task DuplicateEmail_IsRefused_AndNoMailIsQueued()
    {
        var company = await app.CreateCompanyAsync("DUP", "重複株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@dup.example.jp");
        await app.CreateAccountAsync(company, PersonRole.Member, "taken@dup.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);

        using var response = await client.PostFormAsync("/Users/Create", new Dictionary<string, string>
        {
            ["Form.DisplayName"] = "重複", ["Form.Email"] = "taken@dup.example.jp", ["Form.Role"] = "Member",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("すでに登録されています", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.mail_outbox WHERE to_address = 'taken@dup.example.jp'"));
    }

    [Fact]
    [Trait("Spec", "USER-2")]
    public async Task StaffReissuesALostLogin_AndResetsMfa_Audited()
    {
        var company = await app.CreateCompanyAsync("USER2", "再発行株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "lost@user2.example.jp");
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, "admin-user2@cloudpack.example.jp");
        using var signedIn = new PortalClient(app);
        await signedIn.SignInAsync(rep);
        using var staff = new PortalClient(app);
        await staff.SignInAsync(admin);

        using var reissued = await staff.PostFormAsync($"/Staff/Companies/{company}", new Dictionary<string, string>(),
            $"/Staff/Companies/{company}?handler=Reissue&userId={rep.UserId}");
        Assert.Equal(HttpStatusCode.Redirect, reissued.StatusCode);
        using var reset = await staff.PostFormAsync($"/Staff/Companies/{company}", new Dictionary<string, string>(),
            $"/Staff/Companies/{company}?handler=ResetMfa&userId={rep.UserId}");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        // The MFA reset always comes with a new temporary password of its own: the reissued one no longer works.
        var mail = await app.Smtp.WaitForAsync("lost@user2.example.jp", m => (m.Subject ?? "").Contains("二要素認証", StringComparison.Ordinal));
        var password = MailText.TemporaryPassword(mail);
        Assert.Equal(2L, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM identity.audit_entries WHERE target_user_id = '{rep.UserId}' AND action IN ('user.login-reissued','user.mfa-reset') AND actor_email = 'admin-user2@cloudpack.example.jp'"));

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        using var oldSession = await signedIn.GetAsync("/");
        Assert.StartsWith("/Account/Login", oldSession.Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        using var oldPassword = new PortalClient(app);
        using var refused = await oldPassword.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = rep.Email, ["Password"] = rep.Password });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        using var again = new PortalClient(app);
        await again.SignInAsync(rep with { Password = password, TotpKey = null });
        using var home = await again.GetAsync("/");
        Assert.Equal("/Account/ChangePassword", home.Headers.Location!.OriginalString);
    }
}
