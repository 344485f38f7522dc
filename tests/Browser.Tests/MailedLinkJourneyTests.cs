using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Notifications;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// Issue #17: a link in a notification mail, opened the way a mail client opens it (a top-level navigation from a page
/// of another site), finds the session (the session cookie is <c>SameSite=Lax</c>); a form posted to the portal from
/// another site carries neither the session nor the antiforgery cookie (<c>Strict</c>) and changes nothing.
/// </summary>
public sealed partial class MailedLinkJourneyTests(BrowserAppFactory app, BrowserSession browser)
    : IClassFixture<BrowserAppFactory>, IClassFixture<BrowserSession>
{
    [SkippableFact]
    public async Task AMailedLink_OpenedFromAnotherSite_FindsTheSession_ButAPostFromThereIsRefused()
    {
        Skip.IfNot(BrowserSession.IsAvailable, $"{BrowserSession.ChromiumPath} is not installed (scripts/test.sh installs Debian's chromium)");
        var company = await app.CreateCompanyAsync("MAILLINK", "メールリンク株式会社");
        var account = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@maillink.example.jp");
        var signedIn = await browser.NewPageAsync(app.BaseUrl);
        await app.SignInAsync(signedIn, account);

        // The notification the workflow would write, and its mail from the minutely mailer.
        var title = "[CP-77] メールのリンクの確認 " + Guid.NewGuid().ToString("N")[..8];
        await NotifyAsync(account, title);
        var mail = await app.Smtp.WaitForAsync(account.Email, m => (m.Subject ?? "").Contains(title, StringComparison.Ordinal));
        var link = Regex.Match(mail.TextBody ?? "", Regex.Escape(app.BaseUrl) + @"/\S*").Value;
        Assert.Equal(app.BaseUrl + "/Notifications", link);

        // A mail client in another browser context that holds the same session (as the user's browser would).
        var state = await signedIn.Context.StorageStateAsync();
        await using var mailClient = new MailClientSite(link);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = state, Locale = "ja-JP", TimezoneId = "Asia/Tokyo", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(mailClient.Url);
        await BrowserSession.ScreenshotAsync(page, "mailed-link-01-mail-client");

        // The link: a top-level GET from another site carries the Lax session cookie, not the Strict antiforgery one.
        var opened = await page.RunAndWaitForRequestAsync(() => page.ClickAsync("[data-test=mailed-link]"), r => r.Url == link);
        var sent = await opened.AllHeadersAsync();
        Assert.Contains("cp.session=", sent.GetValueOrDefault("cookie", ""), StringComparison.Ordinal);
        Assert.DoesNotContain("cp.af=", sent.GetValueOrDefault("cookie", ""), StringComparison.Ordinal);
        Assert.Equal("cross-site", sent.GetValueOrDefault("sec-fetch-site"));
        await page.WaitForURLAsync(link);
        await Expect(page.Locator("[data-test=sign-out]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=notification]", new() { HasText = title })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=notification]", new() { HasText = title }).Locator("[data-test=unread]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "mailed-link-02-opened-signed-in");

        // A form on the other site that posts "mark all read" to the portal: no session, no antiforgery cookie, refused.
        await page.GotoAsync(mailClient.Url);
        var posted = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("[data-test=cross-site-post]"), r => r.Url.StartsWith(app.BaseUrl + "/Notifications", StringComparison.Ordinal));
        var postHeaders = await posted.Request.AllHeadersAsync();
        Assert.Equal("POST", posted.Request.Method);
        Assert.DoesNotContain("cp.session=", postHeaders.GetValueOrDefault("cookie", ""), StringComparison.Ordinal);
        Assert.DoesNotContain("cp.af=", postHeaders.GetValueOrDefault("cookie", ""), StringComparison.Ordinal);
        // Refused before any handler: the antiforgery check (400) or, without a session, the sign-in redirect.
        Assert.True(posted.Status == 400 || (posted.Status == 302 && (await posted.HeaderValueAsync("location") ?? "").Contains("/Account/Login", StringComparison.Ordinal)),
            $"the cross-site post answered {posted.Status}");
        await BrowserSession.ScreenshotAsync(page, "mailed-link-03-cross-site-post-refused");
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM core.notifications WHERE title_ja = '{title}' AND read_at IS NULL"));

        // The same post from the portal's own page (same site, with its token) works: the session was not the problem.
        await page.GotoAsync(link);
        await page.ClickAsync("[data-test=read-all]");
        await Expect(page.Locator("[data-test=notification]", new() { HasText = title }).Locator("[data-test=unread]")).ToHaveCountAsync(0);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM core.notifications WHERE title_ja = '{title}' AND read_at IS NULL"));
        await context.CloseAsync();
    }

    private async Task NotifyAsync(TestAccount account, string title)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var personId = await scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>().Users.IgnoreQueryFilters()
            .Where(u => u.Id == account.UserId).Select(u => u.PersonId).SingleAsync();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        core.Notifications.Add(new Notification
        {
            RecipientId = personId, CompanyId = account.CompanyId, Kind = "test", TitleJa = title, TitleEn = title,
            BodyJa = "お知らせの一覧を開いてください。", BodyEn = "Open your notifications.", Link = "/Notifications", CreatedAt = app.Clock.GetUtcNow(),
        });
        await core.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<NotificationMailer>().MailPendingAsync();
    }

    /// <summary>
    /// A web mail client on another site (<c>localhost</c>, while the portal is <c>127.0.0.1</c>): a page with the mailed
    /// link and a form that posts to the portal, served by a real HTTP listener so the browser sees a real other site.
    /// </summary>
    private sealed class MailClientSite : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;

        public MailClientSite(string link)
        {
            var port = SmtpCapture.FreePort();
            Url = $"http://localhost:{port}/inbox";
            _listener.Prefixes.Add($"http://localhost:{port}/");
            _listener.Start();
            var portal = new Uri(link).GetLeftPart(UriPartial.Authority);
            var html = $"""
                <!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Webメール</title></head><body>
                <h1>受信トレイ</h1><p>【cloudpack+】お知らせ</p>
                <p><a data-test="mailed-link" href="{WebUtility.HtmlEncode(link)}">{WebUtility.HtmlEncode(link)}</a></p>
                <form method="post" action="{portal}/Notifications?handler=ReadAll"><button data-test="cross-site-post">送信</button></form>
                </body></html>
                """;
            _serving = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    var body = Encoding.UTF8.GetBytes(html);
                    context.Response.ContentType = "text/html; charset=utf-8";
                    context.Response.ContentLength64 = body.Length;
                    await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _serving;
        }
    }
}
