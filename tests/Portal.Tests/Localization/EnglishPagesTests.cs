using System.Net;
using System.Text.RegularExpressions;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Tests.Authorization;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Localization;

/// <summary>
/// English users see no Japanese: every page of the authorization table (GET rows that answer 200 with HTML) is
/// rendered as an English user of each role, and any Japanese character outside the world's names and data fails.
/// New pages join by getting their table row; allow-list seeded data values here, never whole pages.
/// </summary>
public sealed partial class EnglishPagesTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    /// <summary>
    /// Data the world seeds in Japanese (names, titles, file names, bodies; the seeded training menu's titles, which staff
    /// see beside the English ones and which a training's task form starts from) and language names in their own language.
    /// </summary>
    private static readonly string[] AllowedData =
    [
        "株式会社", "テスト", "AWSの基礎を学ぶ", "資料です", "構成図.pdf", "アジェンダ", "メモ", "質問", "本文", "レポート", "日本語",
        "AWS入門(クラウドの基礎と主要サービス)", "IAMとアカウントセキュリティ実践", "コスト管理の基本(Cost ExplorerとBudgets)", "サーバーレス入門(LambdaとAPI Gateway)",
    ];

    // Issue #17: each request must run in the same read-only culture object, whose number and date formats are built once.
    // A supported culture made with new CultureInfo(name) is cloned per request by the middleware (CultureInfo.ReadOnly),
    // and every clone read its formats from ICU again: 13 % of the host's CPU on /Company.
    [Theory]
    [InlineData("ja-JP")]
    [InlineData("en-US")]
    public async Task EveryRequest_RunsInTheOneCachedCulture_NotAFreshCopy(string culture)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Builder.RequestLocalizationOptions>>();
        var seen = new List<System.Globalization.CultureInfo>();
        var middleware = new RequestLocalizationMiddleware(c =>
        {
            seen.Add(System.Globalization.CultureInfo.CurrentCulture);
            return Task.CompletedTask;
        }, options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        for (var i = 0; i < 2; i++)
        {
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = app.Services };
            context.Request.Headers.Cookie = $"{CookieRequestCultureProvider.DefaultCookieName}={CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture))}";
            await middleware.Invoke(context);
        }

        Assert.Equal([culture, culture], seen.Select(c => c.Name));
        Assert.Same(seen[0], seen[1]);
        Assert.Same(System.Globalization.CultureInfo.GetCultureInfo(culture), seen[0]);
    }

    [Fact]
    public async Task EveryPage_HasATitle_AndShowsNoJapanese_ToAnEnglishUserOfEachRole()
    {
        var world = await AuthorizationWorld.CreateAsync(app, "en");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            foreach (var account in world.Accounts.Values.OfType<TestAccount>())
            {
                var user = await users.FindByIdAsync(account.UserId.ToString());
                user!.Culture = "en-US";
                await users.UpdateAsync(user);
            }
        }

        // The instance viewer of the world's training (the table's row can only name an unknown id): its journal, steps and
        // incidents are rendered from codes in the reader's language.
        var instance = await app.Database.ScalarAsync<Guid>($"SELECT workflow_instance_id FROM core.applications WHERE id = '{world.Training.ApplicationId}'");
        var pages = AuthorizationTable.Rows.Values.Select(r => r.Url).Append($"/Staff/Instances/{instance}").ToList();

        var failures = new List<string>();
        var checkedPages = 0;
        var instanceViewers = 0;
        foreach (var (asker, account) in world.Accounts)
        {
            using var client = new PortalClient(app);
            // Before sign-in only the browser's language speaks; after it, the account's choice.
            client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
            if (account is not null)
            {
                await client.SignInAsync(account);
            }

            foreach (var url in pages)
            {
                if (url.StartsWith("POST ", StringComparison.Ordinal) || url.StartsWith("PUT ", StringComparison.Ordinal) || url.Contains("/api/", StringComparison.Ordinal))
                {
                    continue;
                }

                var path = world.Fill(url);
                using var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK && response.StatusCode != HttpStatusCode.NotFound && response.StatusCode != HttpStatusCode.Forbidden
                    || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                checkedPages++;
                instanceViewers += path.EndsWith(instance.ToString(), StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.OK ? 1 : 0;
                var html = await response.Content.ReadAsStringAsync();
                if (html.Contains("<title>cloudpack+</title>", StringComparison.Ordinal))
                {
                    failures.Add($"{asker,-28} {path}: no page title (ViewData[\"Title\"])");
                }

                // Every script block is left out here: the JSON data blocks carry the client's own {0} templates.
                var placeholder = Placeholder().Match(AnyScript().Replace(html, ""));
                if (placeholder.Success)
                {
                    failures.Add($"{asker,-28} {path}: a text with an unfilled placeholder {placeholder.Value}");
                }

                foreach (var found in JapaneseIn(html))
                {
                    failures.Add($"{asker,-28} {path}: …{found}…");
                }
            }
        }

        Assert.True(instanceViewers >= 3, $"the instance viewer was shown to {instanceViewers} staff accounts (CSM, lead, admin expected)");
        Assert.True(checkedPages > 50, $"only {checkedPages} pages were rendered: the world or the table lost its pages");
        Assert.True(failures.Count == 0, $"Japanese on English pages ({failures.Count}):\n" + string.Join("\n", failures.Distinct().Take(400)));
    }

    [Fact]
    public void TheCheck_FindsJapaneseOutsideTheAllowedData()
    {
        Assert.Empty(JapaneseIn("<p>テスト member@example.jp</p><p>Status: open</p>"));
        Assert.Single(JapaneseIn("<p>テスト</p><button title=\"保存\">Save</button>"));
        Assert.NotEmpty(JapaneseIn("<p>2026年5月11日</p>"));
        Assert.Empty(JapaneseIn("<input name=\"Form.NameJa\" value=\"名前\" /><textarea name=\"textJa\">本文です</textarea>"));
        Assert.Single(JapaneseIn("<input name=\"Form.NameEn\" value=\"名前\" />"));
        Assert.Empty(JapaneseIn("<textarea name=\"Schema\">{ &quot;label&quot;: { &quot;ja&quot;: &quot;題目&quot;, &quot;en&quot;: &quot;Topic&quot; } }</textarea>"));
        Assert.Single(JapaneseIn("<textarea name=\"Schema\">{ &quot;label&quot;: { &quot;ja&quot;: &quot;題目&quot;, &quot;en&quot;: &quot;題目&quot; } }</textarea>"));
    }

    /// <summary>The Japanese runs of a page's text and attributes (scripts' code excluded, their JSON data included), with context.</summary>
    public static IEnumerable<string> JapaneseIn(string html, IEnumerable<string>? data = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = ScriptCode().Replace(html, "<script></script>");
        // The Japanese half of bilingual data being edited (NameJa, DescriptionJa, textJa...) is data, not the page's text.
        text = JapaneseDataField().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        // So is the "ja" half of a bilingual label in a form schema being edited ({"ja": "…", "en": "…"}).
        text = JsonJapaneseHalf().Replace(text, "");
        foreach (var allowed in AllowedData.Concat(data ?? []).OrderByDescending(a => a.Length))
        {
            text = text.Replace(allowed, "", StringComparison.Ordinal);
        }

        foreach (Match m in Japanese().Matches(text))
        {
            var start = Math.Max(0, m.Index - 40);
            var end = Math.Min(text.Length, m.Index + m.Length + 20);
            yield return text[start..end].ReplaceLineEndings(" ").Trim();
        }
    }

    // Hiragana, katakana, CJK ideographs, CJK punctuation (「」、。) and full-width forms (（）：).
    [GeneratedRegex(@"[\u3000-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uFF00-\uFFEF]+")]
    private static partial Regex Japanese();

    [GeneratedRegex(@"<input[^>]*\sname=""[^""]*Ja""[^>]*>|<textarea[^>]*\sname=""[^""]*Ja""[^>]*>[^<]*</textarea>")]
    private static partial Regex JapaneseDataField();

    [GeneratedRegex(@"""ja"":\s*""(?:[^""\\]|\\.)*""")]
    private static partial Regex JsonJapaneseHalf();

    [GeneratedRegex(@"\{\d\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"<script(?![^>]*application/json)[^>]*>[\s\S]*?</script>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptCode();

    [GeneratedRegex(@"<script[^>]*>[\s\S]*?</script>", RegexOptions.IgnoreCase)]
    private static partial Regex AnyScript();
}
