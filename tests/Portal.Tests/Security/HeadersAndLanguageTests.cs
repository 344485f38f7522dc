using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing.Host;

namespace CloudpackPlus.Portal.Tests.Security;

/// <summary>Security headers, cookie flags, Japanese first with English remembered, JST dates.</summary>
public sealed class HeadersAndLanguageTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task EveryPage_CarriesAStrictContentSecurityPolicy_AndHardeningHeaders()
    {
        using var client = new PortalClient(app);

        using var response = await client.GetAsync("/Account/Login");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnlyAndLax_SoAMailedLinkKeepsTheSession()
    {
        var account = await app.CreateAccountAsync(null, PersonRole.Csm, "cookie@cloudpack.example.jp", withMfa: false);
        using var client = new PortalClient(app);

        using var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = account.Password });

        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cp.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
    }

    // The header's sign-out form carries no antiforgery token (issue #17: minting one per page view cost 5 % of the host's
    // CPU); the sign-out refuses a post the browser marks as coming from another site, and keeps the session.
    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://attacker.example")]
    public async Task SignOut_FromAnotherSite_IsRefused_AndTheSessionStays(string header, string value)
    {
        using var client = await SignedInRepresentativeAsync();

        using var refused = await SignOutAsync(client, (header, value));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var still = await client.GetAsync("/Users");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task SignOut_FromThisSitesHeader_NeedsNoToken_AndEndsTheSession()
    {
        using var client = await SignedInRepresentativeAsync();
        var html = await client.GetPageAsync("/Users");
        var form = System.Text.RegularExpressions.Regex.Match(html, "<form[^>]*data-test=\"sign-out-form\"[^>]*>(.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(form.Success, "the header has no sign-out form");
        Assert.DoesNotContain("__RequestVerificationToken", form.Groups[1].Value, StringComparison.Ordinal);

        using var signedOut = await SignOutAsync(client, ("Sec-Fetch-Site", "same-origin"), ("Origin", client.Http.BaseAddress!.GetLeftPart(UriPartial.Authority)));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/Account/Login", signedOut.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var after = await client.GetAsync("/Users");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    private async Task<PortalClient> SignedInRepresentativeAsync()
    {
        var code = $"OUT{Guid.NewGuid():N}"[..12];
        var company = await app.CreateCompanyAsync(code, "サインアウト株式会社");
        var account = await app.CreateAccountAsync(company, PersonRole.Representative, $"{code.ToLowerInvariant()}@example.jp");
        var client = new PortalClient(app);
        await client.SignInAsync(account);
        return client;
    }

    /// <summary>Posts the header's sign-out form as a browser would, without a token, with the given request headers.</summary>
    private static async Task<HttpResponseMessage> SignOutAsync(PortalClient client, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout") { Content = new FormUrlEncodedContent([]) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task Japanese_IsTheDefault_EnglishIsRemembered_AndDatesAreInJst()
    {
        var company = await app.CreateCompanyAsync("LANG", "言語株式会社");
        var account = await app.CreateAccountAsync(company, PersonRole.Representative, "lang@example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(account);

        var japanese = await client.GetPageAsync("/Users");
        Assert.Contains("<html lang=\"ja\">", japanese, StringComparison.Ordinal);
        Assert.Contains("ユーザー", japanese, StringComparison.Ordinal);
        // Created at 2026-05-11 01:00 UTC (the fake clock moved a little): 10:0x in Tokyo.
        Assert.Contains("2026年5月11日（月） 10:0", japanese, StringComparison.Ordinal);

        using var saved = await client.PostFormAsync("/Settings", new Dictionary<string, string> { ["culture"] = "en-US" }, "/Settings?handler=Language");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var english = await client.GetPageAsync("/Users");
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("Add a user", english, StringComparison.Ordinal);
        Assert.Contains("2026-05-11 (Mon) 10:0", english, StringComparison.Ordinal);
        Assert.Equal("en-US", await app.Database.ScalarAsync<string>("SELECT culture FROM identity.users WHERE email = 'lang@example.jp'"));
    }
}

/// <summary>The production default: cookies only over HTTPS, with the __Host- prefix.</summary>
public sealed class SecureCookieTests(CloudpackAppFactory app) : IClassFixture<CloudpackAppFactory>
{
    [Fact]
    public async Task ByDefault_CookiesAreSecure()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        using var response = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cp.af=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }
}
