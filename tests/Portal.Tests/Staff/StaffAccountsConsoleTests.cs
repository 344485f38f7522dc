using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Staff;

/// <summary>/Staff/Staff: create (mailed, MFA forced), disable / enable (not yourself, not the last admin), and the customer MFA reset with a new password.</summary>
public sealed class StaffAccountsConsoleTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private Task<string?> StampAsync(string email) => app.Database.ScalarAsync<string>($"SELECT concurrency_stamp FROM identity.users WHERE email = '{email}'");

    private async Task<HttpResponseMessage> LoginAsync(string email, string password)
    {
        using var client = new PortalClient(app);
        return await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
    }

    [Fact]
    [Trait("Spec", "MFA-1")]
    public async Task AnAdminCreatesACsm_MailedWithMfaForced_ThenDisablesAndEnablesIt()
    {
        var me = await app.CreateAccountAsync(null, PersonRole.Admin, "admin-staff@staff.cloudpack.example.jp");
        using var admin = new PortalClient(app);
        await admin.SignInAsync(me);

        using var created = await admin.PostFormAsync("/Staff/Staff", new Dictionary<string, string>
        {
            ["displayName"] = "新任 CSM", ["email"] = "new-csm@staff.cloudpack.example.jp", ["role"] = "Csm",
        }, "/Staff/Staff?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var password = MailText.TemporaryPassword(await app.Smtp.WaitForAsync("new-csm@staff.cloudpack.example.jp"));
        Assert.Equal("Csm", await app.Database.ScalarAsync<string>("SELECT role FROM identity.users WHERE email = 'new-csm@staff.cloudpack.example.jp'"));
        using (var first = new PortalClient(app))
        {
            using var login = await first.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = "new-csm@staff.cloudpack.example.jp", ["Password"] = password });
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            using var home = await first.GetAsync("/Staff/Tasks");
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
            Assert.Matches("/Account/(ChangePassword|Mfa/Enrol)", home.Headers.Location!.OriginalString);
        }

        using var twice = await admin.PostFormAsync("/Staff/Staff", new Dictionary<string, string>
        {
            ["displayName"] = "二重", ["email"] = "new-csm@staff.cloudpack.example.jp", ["role"] = "Admin",
        }, "/Staff/Staff?handler=Create");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        foreach (var (name, email, role) in new[] { ("x", "not-an-email", "Csm"), (new string('長', 201), "a@staff.example.jp", "Csm"), ("x", "b@staff.example.jp", "Representative"), ("x", "c@staff.example.jp", "Boss") })
        {
            using var bad = await admin.PostFormAsync("/Staff/Staff", new Dictionary<string, string> { ["displayName"] = name, ["email"] = email, ["role"] = role }, "/Staff/Staff?handler=Create");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        var userId = await app.Database.ScalarAsync<Guid>("SELECT id FROM identity.users WHERE email = 'new-csm@staff.cloudpack.example.jp'");
        var stamp = await StampAsync("new-csm@staff.cloudpack.example.jp");
        using var disabled = await admin.PostFormAsync("/Staff/Staff", new Dictionary<string, string> { ["stamp"] = stamp! }, $"/Staff/Staff?handler=Disable&userId={userId}");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        using var stale = await admin.PostFormAsync("/Staff/Staff", new Dictionary<string, string> { ["stamp"] = stamp! }, $"/Staff/Staff?handler=Enable&userId={userId}");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using (var refused = await LoginAsync("new-csm@staff.cloudpack.example.jp", password))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        using var enabled = await admin.PostFormAsync("/Staff/Staff", new Dictionary<string, string> { ["stamp"] = (await StampAsync("new-csm@staff.cloudpack.example.jp"))! }, $"/Staff/Staff?handler=Enable&userId={userId}");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        using (var allowed = await LoginAsync("new-csm@staff.cloudpack.example.jp", password))
        {
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }

        using var self = await admin.PostFormAsync("/Staff/Staff", new Dictionary<string, string> { ["stamp"] = (await StampAsync(me.Email))! }, $"/Staff/Staff?handler=Disable&userId={me.UserId}");
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        using var unknown = await admin.PostFormAsync("/Staff/Staff", new Dictionary<string, string> { ["stamp"] = "x" }, $"/Staff/Staff?handler=Disable&userId={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(2L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM identity.audit_entries WHERE target_user_id = '{userId}' AND action IN ('user.disabled', 'user.enabled')"));
    }

    [Fact]
    public async Task TheLastEnabledAdmin_CannotBeDisabled()
    {
        var only = await app.CreateAccountAsync(null, PersonRole.Admin, "admin-last@staff.cloudpack.example.jp");
        using var scope = app.Services.CreateScope();
        var staff = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var others = (await staff.PageAsync(1, 500, CancellationToken.None)).Rows
            .Where(u => u.Role == PersonRole.Admin && u.Id != only.UserId && !StaffAccounts.IsDisabled(u)).ToList();
        foreach (var other in others)
        {
            Assert.True((await staff.SetDisabledAsync(other.Id, true, other.ConcurrencyStamp, Actor.System, CancellationToken.None)).Succeeded);
        }

        var result = await staff.SetDisabledAsync(only.UserId, true, await StampAsync(only.Email), Actor.System, CancellationToken.None);
        Assert.Equal([StaffAccounts.LastAdmin], result.Errors);
        Assert.Null(await app.Database.ScalarAsync<DateTimeOffset?>($"SELECT lockout_end FROM identity.users WHERE id = '{only.UserId}'"));

        foreach (var other in others)
        {
            Assert.True((await staff.SetDisabledAsync(other.Id, false, await StampAsync(other.Email!), Actor.System, CancellationToken.None)).Succeeded);
        }
    }

    [Fact]
    [Trait("Spec", "MFA-1")]
    [Trait("Spec", "USER-2")]
    public async Task ResettingACustomersMfa_MailsANewTemporaryPassword_AndIsAudited()
    {
        var company = await app.CreateCompanyAsync("MFARST", "MFAリセット株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@mfarst.example.jp");
        using var csm = new PortalClient(app);
        await csm.SignInAsync(await app.CreateAccountAsync(null, PersonRole.Csm, "csm-mfa@staff.cloudpack.example.jp"));

        using var reset = await csm.PostFormAsync($"/Staff/Companies/{company}", new Dictionary<string, string>(), $"/Staff/Companies/{company}?handler=ResetMfa&userId={rep.UserId}");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var mail = await app.Smtp.WaitForAsync(rep.Email, m => (m.Subject ?? "").Contains("二要素認証", StringComparison.Ordinal));
        var password = MailText.TemporaryPassword(mail);
        Assert.False(string.IsNullOrEmpty(password));
        Assert.False(await app.Database.ScalarAsync<bool>($"SELECT two_factor_enabled FROM identity.users WHERE id = '{rep.UserId}'"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM identity.audit_entries WHERE target_user_id = '{rep.UserId}' AND action = 'user.mfa-reset'"));
        using (var old = await LoginAsync(rep.Email, rep.Password))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        using var fresh = await LoginAsync(rep.Email, password);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }
}
