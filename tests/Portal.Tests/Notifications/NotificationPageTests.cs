using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Notifications;

/// <summary>The notifications page: a person's own notifications only, marked read one by one or all at once, text never markup.</summary>
public sealed class NotificationPageTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Page_ListsOnlyTheSignedInPersonsNotifications_NewestFirst()
    {
        var a = await app.CreateCompanyAsync("NPA", "通知 A 株式会社");
        var b = await app.CreateCompanyAsync("NPB", "通知 B 株式会社");
        var repA = await app.CreateAccountAsync(a, PersonRole.Representative, "rep@npa.example.jp");
        var memberA = await app.CreateAccountAsync(a, PersonRole.Member, "member@npa.example.jp");
        var repB = await app.CreateAccountAsync(b, PersonRole.Representative, "rep@npb.example.jp");
        await NotificationSeed.AddAsync(app, await NotificationSeed.PersonIdAsync(app, repA), "A 社代表への古い通知", "old", companyId: a);
        var newAt = JapanTime(app.Clock.GetUtcNow(), "yyyy年M月d日（ddd） HH:mm", "ja-JP");
        await NotificationSeed.AddAsync(app, await NotificationSeed.PersonIdAsync(app, repA), "A 社代表への新しい通知", "new", companyId: a);
        await NotificationSeed.AddAsync(app, await NotificationSeed.PersonIdAsync(app, memberA), "A 社メンバーへの通知", "member", companyId: a);
        var other = await NotificationSeed.AddAsync(app, await NotificationSeed.PersonIdAsync(app, repB), "B 社だけの通知", "B only", companyId: b);
        using var client = new PortalClient(app);
        await client.SignInAsync(repA);

        var page = await client.GetPageAsync("/Notifications");

        var newer = page.IndexOf("A 社代表への新しい通知", StringComparison.Ordinal);
        var older = page.IndexOf("A 社代表への古い通知", StringComparison.Ordinal);
        Assert.True(newer >= 0 && older > newer, "own notifications, newest first");
        Assert.DoesNotContain("A 社メンバーへの通知", page, StringComparison.Ordinal);
        Assert.DoesNotContain("B 社だけの通知", page, StringComparison.Ordinal);
        Assert.Contains(newAt, page, StringComparison.Ordinal);
        Assert.Contains("data-test=\"unread-count\" aria-label=\"未読 2 件\">2<", page, StringComparison.Ordinal);

        // Another company's notification can be neither read nor opened by id.
        using var read = await client.PostFormAsync("/Notifications", new Dictionary<string, string>(), $"/Notifications?handler=Read&id={other}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using var open = await client.PostFormAsync("/Notifications", new Dictionary<string, string>(), $"/Notifications?handler=Open&id={other}");
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.True(await app.Database.ScalarAsync<bool>($"SELECT read_at IS NULL FROM core.notifications WHERE id = '{other}'"));
    }

    [Fact]
    public async Task MarkRead_MarksOne_Open_MarksAndFollowsTheLink_ReadAll_MarksTheRest()
    {
        var company = await app.CreateCompanyAsync("NPR", "既読株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@npr.example.jp");
        var person = await NotificationSeed.PersonIdAsync(app, rep);
        var first = await NotificationSeed.AddAsync(app, person, "一つ目", "first", link: "/Company", companyId: company);
        var second = await NotificationSeed.AddAsync(app, person, "二つ目", "second", link: "https://evil.example/", companyId: company);
        var third = await NotificationSeed.AddAsync(app, person, "三つ目", "third", companyId: company);
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        Assert.Contains(">3<", Badge(await client.GetPageAsync("/")), StringComparison.Ordinal);

        using var read = await client.PostFormAsync("/Notifications", new Dictionary<string, string>(), $"/Notifications?handler=Read&id={third}");
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        Assert.True(await IsReadAsync(third));
        Assert.False(await IsReadAsync(first));
        Assert.Contains(">2<", Badge(await client.GetPageAsync("/Notifications")), StringComparison.Ordinal);

        using var opened = await client.PostFormAsync("/Notifications", new Dictionary<string, string>(), $"/Notifications?handler=Open&id={first}");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/Company", opened.Headers.Location!.OriginalString);
        Assert.True(await IsReadAsync(first));
        using var offSite = await client.PostFormAsync("/Notifications", new Dictionary<string, string>(), $"/Notifications?handler=Open&id={second}");
        Assert.Equal("/Notifications", offSite.Headers.Location!.OriginalString); // never another site
        await ResetReadAsync(second);

        using var all = await client.PostFormAsync("/Notifications", new Dictionary<string, string>(), "/Notifications?handler=ReadAll");
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.True(await IsReadAsync(second));
        var page = await client.GetPageAsync("/Notifications");
        Assert.Contains("すべての通知を既読にしました。", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"unread-count\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-unread=\"true\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkupInTitleOrBody_IsShownAsText_WithLineBreaksKept()
    {
        var company = await app.CreateCompanyAsync("NPX", "エスケープ株式会社");
        var member = await app.CreateAccountAsync(company, PersonRole.Member, "member@npx.example.jp");
        await NotificationSeed.AddAsync(app, await NotificationSeed.PersonIdAsync(app, member),
            "<script>alert(1)</script>件名", "<script>alert(1)</script>title", "<b>太字</b>\n<img src=x onerror=alert(2)>2 行目", "en", companyId: company);
        using var client = new PortalClient(app);
        await client.SignInAsync(member);

        var page = await client.GetPageAsync("/Notifications");

        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>太字", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;件名", page, StringComparison.Ordinal);
        Assert.Matches(@"&lt;b&gt;太字&lt;/b&gt;\s*<br />\s*&lt;img src=x onerror=alert\(2\)&gt;2 行目", page);
    }

    [Fact]
    public async Task Staff_SeeTheirOwnNotifications_InEnglishWhenChosen()
    {
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@np.cloudpack.example.jp");
        var at = JapanTime(app.Clock.GetUtcNow(), "yyyy-MM-dd (ddd) HH:mm", "en-US") + " JST";
        await NotificationSeed.AddAsync(app, await NotificationSeed.PersonIdAsync(app, csm), "[CP-9] 対応待ちのタスク", "[CP-9] A task is waiting", "日本語本文", "English body");
        await NotificationSeed.SetCultureAsync(app, csm, "en-US");
        using var client = new PortalClient(app);
        await client.SignInAsync(csm); // sign-in remembers the account's language

        var page = await client.GetPageAsync("/Notifications");

        Assert.Contains("[CP-9] A task is waiting", page, StringComparison.Ordinal);
        Assert.Contains("English body", page, StringComparison.Ordinal);
        Assert.Contains(at, page, StringComparison.Ordinal);
    }

    private static string JapanTime(DateTimeOffset instant, string format, string culture) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).ToString(format, System.Globalization.CultureInfo.GetCultureInfo(culture));

    private static string Badge(string page)
    {
        var start = page.IndexOf("data-test=\"nav-notifications\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the header has no notifications link");
        return page[start..page.IndexOf("</a>", start, StringComparison.Ordinal)];
    }

    private async Task<bool> IsReadAsync(Guid id) =>
        await app.Database.ScalarAsync<bool>($"SELECT read_at IS NOT NULL FROM core.notifications WHERE id = '{id}'");

    private async Task ResetReadAsync(Guid id) =>
        await app.Database.ScalarAsync<int>($"WITH u AS (UPDATE core.notifications SET read_at = NULL WHERE id = '{id}' RETURNING 1) SELECT count(*)::int FROM u");
}
