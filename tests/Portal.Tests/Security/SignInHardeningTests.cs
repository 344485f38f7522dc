using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Security;

/// <summary>Sign-in abuse (ASVS 2 and 3): one failure message, lockout from the password change, temporary passwords that expire.</summary>
public sealed partial class SignInHardeningTests(HardenedAppFactory app) : IClassFixture<HardenedAppFactory>
{
    private const string FailedJa = "メールアドレスまたはパスワードが正しくないか、サインインの失敗が続いたため一時的にサインインできません。";
    private const string LockedJa = "アカウントを一時的にロックしました";

    [Fact]
    public async Task ALockedAccount_AnUnknownAddress_AndAWrongPassword_GetTheSameAnswer()
    {
        var account = await app.CreateAccountAsync(null, PersonRole.Csm, "locked@cloudpack.example.jp");
        using var client = new PortalClient(app);
        string wrong = "";
        for (var i = 0; i < 5; i++)
        {
            wrong = await PostLoginAsync(client, account.Email, "Wrong-Passw0rd-" + i);
        }

        var locked = await PostLoginAsync(client, account.Email, account.Password);
        var unknown = await PostLoginAsync(client, "nobody@cloudpack.example.jp", account.Password);

        Assert.True(await app.Database.ScalarAsync<bool>($"SELECT lockout_end IS NOT NULL FROM identity.users WHERE email = '{account.Email}'"));
        foreach (var answer in new[] { wrong, locked, unknown })
        {
            Assert.Contains(FailedJa, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(LockedJa, answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WrongCurrentPasswords_OnChangePassword_LockTheAccount_AndEndTheSession()
    {
        var account = await app.CreateAccountAsync(null, PersonRole.Csm, "change@cloudpack.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(account);
        var form = new Dictionary<string, string> { ["NewPassword"] = "Brand-New-Passw0rd", ["ConfirmPassword"] = "Brand-New-Passw0rd" };

        for (var i = 1; i <= 4; i++)
        {
            form["CurrentPassword"] = "Not-The-Passw0rd-" + i;
            using var refused = await client.PostFormAsync("/Account/ChangePassword", form);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(i, await app.Database.ScalarAsync<int>($"SELECT access_failed_count FROM identity.users WHERE email = '{account.Email}'"));
        }

        using var last = await client.PostFormAsync("/Account/ChangePassword", form);

        Assert.Equal(HttpStatusCode.Redirect, last.StatusCode);
        Assert.StartsWith("/Account/Login", last.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(await app.Database.ScalarAsync<bool>($"SELECT lockout_end IS NOT NULL FROM identity.users WHERE email = '{account.Email}'"));
        using var after = await client.GetAsync("/Settings");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    [Trait("Spec", "ONB-2")]
    public async Task AnExpiredTemporaryPassword_IsRefused_AndAReissueGivesSevenDaysAgain()
    {
        var account = await app.CreateAccountAsync(null, PersonRole.Csm, "expired@cloudpack.example.jp", withMfa: false, mustChangePassword: true);
        await SetExpiryAsync(account.UserId, app.Clock.GetUtcNow().AddMinutes(-1));
        using var client = new PortalClient(app);

        var expired = await PostLoginAsync(client, account.Email, account.Password);
        var wrong = await PostLoginAsync(client, account.Email, "Wrong-Passw0rd-x");

        Assert.Contains("仮パスワードの有効期限が切れています", expired, StringComparison.Ordinal);
        Assert.DoesNotContain("仮パスワードの有効期限が切れています", wrong, StringComparison.Ordinal); // only to whoever knows it

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<CloudpackPlus.Portal.Accounts.AccountService>();
            var reissued = await accounts.ReissueLoginAsync(account.UserId, new CloudpackPlus.Portal.Accounts.Actor(null, "admin@cloudpack.example.jp"), CancellationToken.None);
            Assert.NotNull(reissued.User);
        }

        var expires = await app.Database.ScalarAsync<DateTime>($"SELECT temporary_password_expires_at FROM identity.users WHERE email = '{account.Email}'");
        Assert.Equal(app.Clock.GetUtcNow().AddDays(7).UtcDateTime, expires, TimeSpan.FromSeconds(1));
    }

    private async Task SetExpiryAsync(Guid userId, DateTimeOffset at)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CloudpackPlus.Portal.Identity.PortalUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        user!.TemporaryPasswordExpiresAt = at;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    private static async Task<string> PostLoginAsync(PortalClient client, string email, string password)
    {
        using var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
