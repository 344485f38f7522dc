using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Identity;

/// <summary>
/// The per-request session check (<see cref="PortalSessionValidator"/>): one statement while nothing changed, and the
/// full path (rebuilt claims and a re-issued cookie, or a sign-out) as soon as the user's row no longer matches the cookie.
/// </summary>
public sealed class SessionCheckTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<(TestAccount Account, PortalClient Client)> SignedInAsync(string code, string email)
    {
        var company = await app.CreateCompanyAsync(code, $"{code} 株式会社");
        var account = await app.CreateAccountAsync(company, PersonRole.Member, email);
        var client = new PortalClient(app);
        await client.SignInAsync(account);
        app.Clock.Advance(TimeSpan.FromSeconds(1)); // the stamp is checked on requests after the sign-in
        return (account, client);
    }

    private async Task ChangeUserAsync(Guid userId, Func<UserManager<PortalUser>, PortalUser, Task> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await change(users, (await users.FindByIdAsync(userId.ToString()))!);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await DroppedAsync(userId);
    }

    /// <summary>Waits for PostgreSQL's notification of the change to reach this host's cache (milliseconds; 10 s at most).</summary>
    private async Task DroppedAsync(Guid userId)
    {
        var cache = app.Services.GetRequiredService<SessionRowCache>();
        for (var waited = 0; cache.Holds(userId) && waited < 10_000; waited += 20)
        {
            await Task.Delay(20);
        }

        Assert.False(cache.Holds(userId), "the user's change was not notified to the session cache");
    }

    private static bool ReissuesSession(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("cp.session=", StringComparison.Ordinal));

    [Fact]
    [Trait("Spec", "MFA-1")]
    public async Task UnchangedUser_KeepsTheCookieAsItIs()
    {
        var (_, client) = await SignedInAsync("SESSFAST", "session-fast@example.jp");
        using (client)
        {
            using var response = await client.GetAsync("/Users");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(ReissuesSession(response), "an unchanged user's session cookie is not re-issued on every request");
        }
    }

    [Fact]
    [Trait("Spec", "MFA-1")]
    public async Task ChangedName_IsShownOnTheNextRequest_WithAReissuedCookie()
    {
        var (account, client) = await SignedInAsync("SESSNAME", "session-name@example.jp");
        using (client)
        {
            await ChangeUserAsync(account.UserId, async (users, user) =>
            {
                user.DisplayName = "改名 テスト";
                Assert.True((await users.UpdateAsync(user)).Succeeded);
            });

            using var response = await client.GetAsync("/Users");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(ReissuesSession(response));
            Assert.Contains("改名 テスト", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var next = await client.GetAsync("/Users");
            Assert.False(ReissuesSession(next), "once re-issued, the cookie matches the row again");
        }
    }

    [Fact]
    [Trait("Spec", "MFA-1")]
    public async Task ChangedStamp_SignsTheSessionOut()
    {
        var (account, client) = await SignedInAsync("SESSSTMP", "session-stamp@example.jp");
        using (client)
        {
            await client.GetPageAsync("/Users");
            await ChangeUserAsync(account.UserId, async (users, user) => Assert.True((await users.UpdateSecurityStampAsync(user)).Succeeded));

            using var response = await client.GetAsync("/Users");
            Assert.StartsWith("/Account/Login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Another host (here: plain SQL, no UserManager of this process) renames the user: PostgreSQL notifies the change,
    /// this host drops the row it kept, and the next request shows the new name. A request in between is served from
    /// the cache with no SQL for the session.
    /// </summary>
    [Fact]
    [Trait("Spec", "MFA-1")]
    public async Task AChangeMadeElsewhere_IsNotified_AndTheKeptRowIsDropped()
    {
        var (account, client) = await SignedInAsync("SESSELSE", "session-else@example.jp");
        using (client)
        {
            var cache = app.Services.GetRequiredService<SessionRowCache>();
            Assert.True(await ListeningAsync(cache), "the session change listener is connected");
            await client.GetPageAsync("/Users");
            Assert.True(cache.Holds(account.UserId), "the checked row is kept");

            Assert.Equal(1, await app.Database.ScalarAsync<int>(
                $"WITH u AS (UPDATE identity.users SET display_name = '別ホスト 改名' WHERE id = '{account.UserId}' RETURNING 1) SELECT count(*)::int FROM u"));
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await DroppedAsync(account.UserId);

            Assert.Contains("別ホスト 改名", await client.GetPageAsync("/Users"), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A change through Identity on this host drops the kept row at once, before PostgreSQL could notify it: the stamp is
    /// changed in a transaction not yet committed (so no notification can have come), and the row is already gone; the
    /// next request after the commit signs the session out.
    /// </summary>
    [Fact]
    [Trait("Spec", "MFA-1")]
    public async Task AChangeThroughIdentityOnThisHost_DropsTheKeptRowAtOnce()
    {
        var (account, client) = await SignedInAsync("SESSHERE", "session-here@example.jp");
        using (client)
        {
            var cache = app.Services.GetRequiredService<SessionRowCache>();
            Assert.True(await ListeningAsync(cache), "the session change listener is connected");
            await client.GetPageAsync("/Users");
            Assert.True(cache.Holds(account.UserId), "the checked row is kept");

            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
                Assert.True((await users.UpdateSecurityStampAsync((await users.FindByIdAsync(account.UserId.ToString()))!)).Succeeded);
                Assert.False(cache.Holds(account.UserId), "the store dropped the row before any notification");
                await transaction.CommitAsync();
            }

            app.Clock.Advance(TimeSpan.FromSeconds(1));
            using var response = await client.GetAsync("/Users");
            Assert.StartsWith("/Account/Login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }

    // Rows are kept only while the listener is connected (a host never serves a row it could not hear change); on a loaded
    // machine the test host's listener may still be connecting when a test starts.
    private static Task<bool> ListeningAsync(SessionRowCache cache) =>
        CloudpackPlus.Testing.Eventually.WaitAsync(() => Task.FromResult(cache.IsLive), TimeSpan.FromSeconds(60));
}
