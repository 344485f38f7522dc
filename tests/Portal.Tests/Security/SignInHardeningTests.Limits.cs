using System.Net;
using System.Text;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Security;

/// <summary>Rate limits, the TLS proxy, the key ring and the recovery codes at rest.</summary>
public sealed partial class SignInHardeningTests
{
    [Fact]
    public async Task SignInPosts_PerAddress_Answer429WithRetryAfter_AndALocalizedPage()
    {
        for (var i = 0; i < HardenedAppFactory.SignInPerAddress; i++)
        {
            var allowed = await PostRawAsync("/Account/Login", "203.0.113.9", $"Email=guess{i}%40example.jp&Password=x");
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, allowed.Response.StatusCode);
        }

        var refused = await PostRawAsync("/Account/Login", "203.0.113.9", "Email=another%40example.jp&Password=x");
        var elsewhere = await PostRawAsync("/Account/Login", "203.0.113.10", "Email=another%40example.jp&Password=x");

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.True(int.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 300);
        Assert.Contains("しばらくお待ちください", await BodyAsync(refused), StringComparison.Ordinal);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, elsewhere.Response.StatusCode);
    }

    [Fact]
    public async Task SignInPosts_PerAccount_Answer429_FromAnyAddress()
    {
        for (var i = 0; i < HardenedAppFactory.SignInPerAccount; i++)
        {
            var allowed = await PostRawAsync("/Account/Login", $"198.51.100.{i + 1}", "Email=target%40example.jp&Password=x");
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, allowed.Response.StatusCode);
        }

        var refused = await PostRawAsync("/Account/Login", "198.51.100.200", "Email=TARGET%40example.jp&Password=x");
        var other = await PostRawAsync("/Account/Login", "198.51.100.200", "Email=other%40example.jp&Password=x");

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(refused.Response.Headers.RetryAfter));
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, other.Response.StatusCode);
    }

    [Fact]
    public async Task MailSendingPosts_PerAddress_Answer429()
    {
        var answers = new List<int>();
        for (var i = 0; i <= HardenedAppFactory.MailPerAddress; i++)
        {
            answers.Add((await PostRawAsync("/Users/Create", "192.0.2.77", "Form.Email=x%40example.jp")).Response.StatusCode);
        }

        Assert.DoesNotContain(StatusCodes.Status429TooManyRequests, answers.Take(HardenedAppFactory.MailPerAddress));
        Assert.Equal(StatusCodes.Status429TooManyRequests, answers[^1]);
    }

    [Fact]
    public async Task SecondFactor_RecoveryCode_AndPasswordChangePosts_CountTowardTheSignInLimit()
    {
        string[] steps = ["/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/ChangePassword"];
        for (var i = 0; i < HardenedAppFactory.SignInPerAddress; i++)
        {
            var allowed = await PostRawAsync(steps[i % steps.Length], "203.0.113.33", "Code=123456");
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, allowed.Response.StatusCode);
        }

        foreach (var step in steps)
        {
            var refused = await PostRawAsync(step, "203.0.113.33", "Code=123456");
            Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
            Assert.False(string.IsNullOrEmpty(refused.Response.Headers.RetryAfter));
        }
    }

    [Fact]
    public async Task MailSendingPosts_PerAccount_Answer429_WhileAnotherAccountMayStillPost()
    {
        var company = await app.CreateCompanyAsync("MAILLIM", "メール制限株式会社");
        var first = await app.CreateAccountAsync(company, Core.Companies.PersonRole.Representative, "rep1@maillimit.example.jp");
        var second = await app.CreateAccountAsync(company, Core.Companies.PersonRole.Representative, "rep2@maillimit.example.jp");
        using var one = new PortalClient(app);
        using var two = new PortalClient(app);
        await one.SignInAsync(first);
        await two.SignInAsync(second);
        var invalid = new Dictionary<string, string> { ["Form.Email"] = "not-an-address" }; // refused by the page, counted by the limit

        for (var i = 0; i < HardenedAppFactory.MailPerAccount; i++)
        {
            using var allowed = await one.PostFormAsync("/Users/Create", invalid);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        using var refused = await one.PostFormAsync("/Users/Create", invalid);
        using var other = await two.PostFormAsync("/Users/Create", invalid);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
    }

    [Fact]
    public async Task BehindTheKnownProxy_RequestsAreHttps_WithHsts_OthersCannotClaimIt()
    {
        var proxied = await app.Server.SendAsync(c => Get(c, HardenedAppFactory.Proxy));
        var spoofed = await app.Server.SendAsync(c => Get(c, "10.0.0.99"));

        Assert.Contains("max-age=", proxied.Response.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(spoofed.Response.Headers.StrictTransportSecurity));

        static void Get(HttpContext c, string from)
        {
            c.Request.Method = "GET";
            c.Request.Path = "/Account/Login";
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.50";
        }
    }

    [Fact]
    public void TheLanguageCookie_IsSecure_OnHttps()
    {
        var https = new DefaultHttpContext();
        https.Request.Scheme = "https";
        var http = new DefaultHttpContext();

        Pages.Account.LoginModel.RememberCulture(https.Response, "en-US");
        Pages.Account.LoginModel.RememberCulture(http.Response, "en-US");

        Assert.Contains("secure", https.Response.Headers.SetCookie.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", http.Response.Headers.SetCookie.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [Trait("Spec", "MFA-1")]
    public async Task TheKeyRing_IsEncryptedAtRest_AndTotpSecretsNeedIt()
    {
        var account = await app.CreateAccountAsync(null, Core.Companies.PersonRole.Csm, "keyring@cloudpack.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(account); // the secret written and read through the encrypted key ring

        var xml = await app.Database.ScalarAsync<string>("SELECT string_agg(xml, '') FROM host.data_protection_keys");
        var secret = await app.Database.ScalarAsync<string>($"SELECT totp_secret_protected FROM identity.users WHERE email = '{account.Email}'");

        Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        Assert.DoesNotContain(account.TotpKey!, secret, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "MFA-1")]
    public async Task RecoveryCodes_AreSaltedHashes_UsableOnce_AndFirstVersionRowsAreUpgraded()
    {
        var account = await app.CreateAccountAsync(null, Core.Companies.PersonRole.Csm, "codes@cloudpack.example.jp");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(account.UserId.ToString()))!;
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 3))!.ToList();

        var stored = await StoredCodesAsync(account.Email);
        Assert.Equal(3, stored.Length);
        Assert.All(stored, s => Assert.StartsWith("AQAAAA", s, StringComparison.Ordinal)); // Identity's V3 (PBKDF2) format
        Assert.All(codes, c => Assert.DoesNotContain(c, string.Join(";", stored), StringComparison.OrdinalIgnoreCase));
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[1])).Succeeded);
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[1])).Succeeded);
        Assert.Equal(2, await users.CountRecoveryCodesAsync(user));

        // A row of the first version (unsalted SHA-256 of the code) is re-hashed on start and still redeems.
        var legacy = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("LEGACY-CODE")));
        await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes", legacy);
        var upgrade = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single(s => s.GetType().Name == "RecoveryCodeUpgrade");
        await upgrade.StartAsync(CancellationToken.None);
        Assert.StartsWith("AQAAAA", Assert.Single(await StoredCodesAsync(account.Email)), StringComparison.Ordinal);
        await using var fresh = app.Services.CreateAsyncScope();
        var freshUsers = fresh.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.True((await freshUsers.RedeemTwoFactorRecoveryCodeAsync((await freshUsers.FindByIdAsync(account.UserId.ToString()))!, "legacy-code")).Succeeded);
    }

    private async Task<string[]> StoredCodesAsync(string email) =>
        (await app.Database.ScalarAsync<string>(
            $"SELECT t.value FROM identity.user_tokens t JOIN identity.users u ON u.id = t.user_id WHERE u.email = '{email}' AND t.name = 'RecoveryCodes'"))!
        .Split(';', StringSplitOptions.RemoveEmptyEntries);

    private Task<HttpContext> PostRawAsync(string path, string from, string form) => app.Server.SendAsync(c =>
    {
        var body = Encoding.UTF8.GetBytes(form);
        c.Request.Method = "POST";
        c.Request.Path = path;
        c.Request.Headers.Accept = "text/html";
        c.Request.ContentType = "application/x-www-form-urlencoded";
        c.Request.ContentLength = body.Length;
        c.Request.Body = new MemoryStream(body);
        c.Connection.RemoteIpAddress = IPAddress.Parse(from);
    });

    private static async Task<string> BodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Response.Body);
        return await reader.ReadToEndAsync();
    }
}
