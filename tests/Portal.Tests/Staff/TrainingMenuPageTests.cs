using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Staff;

/// <summary>TRAIN-1: staff edit the training menu in the console and record its yearly review.</summary>
public sealed class TrainingMenuPageTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private const string Edit = "/Staff/TrainingMenu/Edit";

    private static Dictionary<string, string> Topic(string titleJa, string titleEn, string duration = "90", string format = "HandsOn", bool active = true) => new()
    {
        ["Form.TitleJa"] = titleJa, ["Form.TitleEn"] = titleEn,
        ["Form.DescriptionJa"] = "説明", ["Form.DescriptionEn"] = "Description",
        ["Form.Format"] = format, ["Form.DurationMinutes"] = duration, ["Form.SortOrder"] = "50",
        ["Form.IsActive"] = active ? "true" : "false",
    };

    private async Task<(PortalClient Client, Guid Person, string Name)> StaffAsync(string name)
    {
        var account = await app.CreateAccountAsync(null, PersonRole.Csm, $"{name}@menu.cloudpack.example.jp");
        var client = new PortalClient(app);
        await client.SignInAsync(account);
        var person = await app.Database.ScalarAsync<Guid>($"SELECT id FROM core.people WHERE email = '{account.Email}'");
        return (client, person, $"テスト {account.Email}");
    }

    private Task<long> TopicCountAsync() => app.Database.ScalarAsync<long>("SELECT count(*) FROM core.training_topics");

    [Fact]
    [Trait("Spec", "TRAIN-1")]
    public async Task StaffCreatesATopic_ItAppearsInTheMenuWithFormatDurationAndUpdater_AndHidingItMarksItInactive()
    {
        var (client, person, name) = await StaffAsync("create");
        using var _ = client;

        using var created = await client.PostFormAsync(Edit, Topic("コンテナ入門(ECS)", "Containers with ECS"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/Staff/TrainingMenu", created.Headers.Location!.OriginalString);
        var id = await app.Database.ScalarAsync<Guid>("SELECT id FROM core.training_topics WHERE title_ja = 'コンテナ入門(ECS)'");
        var menu = await client.GetPageAsync("/Staff/TrainingMenu");
        var row = Row(menu, id);

        Assert.Contains("トピックを保存しました", menu, StringComparison.Ordinal);
        Assert.Contains("コンテナ入門(ECS)", row, StringComparison.Ordinal);
        Assert.Contains("ハンズオン", row, StringComparison.Ordinal);
        Assert.Contains("90分", row, StringComparison.Ordinal);
        Assert.Contains($"{FiscalYear.Current(app.Clock).StartYear}年度", row, StringComparison.Ordinal);
        Assert.Contains(name, row, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"inactive\"", row, StringComparison.Ordinal);
        Assert.Equal(person, await app.Database.ScalarAsync<Guid>($"SELECT updated_by FROM core.training_topics WHERE id = '{id}'"));

        using var hidden = await client.PostFormAsync($"{Edit}/{id}", Topic("コンテナ入門(ECS)", "Containers with ECS", duration: "120", format: "Seminar", active: false));
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        row = Row(await client.GetPageAsync("/Staff/TrainingMenu"), id);

        Assert.Contains("data-test=\"inactive\"", row, StringComparison.Ordinal);
        Assert.Contains("セミナー", row, StringComparison.Ordinal);
        Assert.Contains("120分", row, StringComparison.Ordinal);
        Assert.Contains("value=\"コンテナ入門(ECS)\"", await client.GetPageAsync($"{Edit}/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "TRAIN-1")]
    public async Task InvalidInput_ShowsTheServicesJapaneseError_AndSavesNothing()
    {
        var (client, _, _) = await StaffAsync("invalid");
        using var _ = client;
        var before = await TopicCountAsync();

        using var tooShort = await client.PostFormAsync(Edit, Topic("短すぎる研修", "", duration: "10"));
        using var notANumber = await client.PostFormAsync(Edit, Topic("数字でない", "Not a number", duration: "二時間"));
        using var badFormat = await client.PostFormAsync(Edit, Topic("形式不明", "Unknown format", format: "7"));

        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        var page = await tooShort.Content.ReadAsStringAsync();
        Assert.Contains("data-test=\"errors\"", page, StringComparison.Ordinal);
        Assert.Contains("所要時間は30〜540分で入力してください", page, StringComparison.Ordinal);
        Assert.Contains("value=\"短すぎる研修\"", page, StringComparison.Ordinal); // what was typed is kept
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, notANumber.StatusCode);
        Assert.Contains("入力値が正しくありません", await notANumber.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, badFormat.StatusCode);
        Assert.Contains("入力値が正しくありません", await badFormat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await TopicCountAsync());
    }

    [Fact]
    [Trait("Spec", "TRAIN-1")]
    public async Task InvalidInput_InEnglish_ShowsTheServicesEnglishError()
    {
        var (client, _, _) = await StaffAsync("english");
        using var _ = client;
        using var language = await client.PostFormAsync("/Settings", new Dictionary<string, string> { ["culture"] = "en-US" }, "/Settings?handler=Language");
        var before = await TopicCountAsync();

        using var invalid = await client.PostFormAsync(Edit, Topic("", "No Japanese title"));

        var page = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("Both titles (up to 200 characters) are required", page, StringComparison.Ordinal);
        Assert.DoesNotContain("題名(日本語・英語", page, StringComparison.Ordinal);
        Assert.Equal(before, await TopicCountAsync());
    }

    [Fact]
    [Trait("Spec", "TRAIN-1")]
    public async Task CustomerRepresentative_IsDenied_TheMenuTheEditorAndTheReview()
    {
        var company = await app.CreateCompanyAsync("MENUREP", "メニュー権限株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@menurep.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        const string snapshot = "SELECT string_agg(id::text || reviewed_for_year || coalesce(updated_by::text, '-'), ',' ORDER BY id) FROM core.training_topics";
        var before = await app.Database.ScalarAsync<string>(snapshot);

        using var menu = await client.GetAsync("/Staff/TrainingMenu");
        using var editor = await client.GetAsync(Edit);
        // A real antiforgery token of the representative's own session: only the role stops the post.
        using var review = await client.PostFormAsync("/Settings", new Dictionary<string, string>(), "/Staff/TrainingMenu?handler=Review");
        using var save = await client.PostFormAsync("/Settings", Topic("顧客が追加", "Added by a customer"), Edit);

        foreach (var response in new[] { menu, editor, review, save })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/AccessDenied", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
        }

        Assert.Equal(before, await app.Database.ScalarAsync<string>(snapshot));
        Assert.DoesNotContain("/Staff/TrainingMenu", await client.GetPageAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "TRAIN-1")]
    public async Task NextFiscalYear_ShowsTheReviewBanner_UntilStaffCompleteTheReview()
    {
        var april = new DateTimeOffset(2027, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));
        if (app.Clock.GetUtcNow() < april)
        {
            app.Clock.Advance(april - app.Clock.GetUtcNow());
        }

        var (client, person, name) = await StaffAsync("review");
        using var _ = client;

        var due = await client.GetPageAsync("/Staff/TrainingMenu");
        Assert.Contains("data-test=\"review-banner\"", due, StringComparison.Ordinal);
        Assert.Contains("2027年度のメニュー見直しが完了していません", due, StringComparison.Ordinal);
        Assert.Contains("data-test=\"due\"", due, StringComparison.Ordinal);
        Assert.Contains("/Staff/TrainingMenu", await client.GetPageAsync("/"), StringComparison.Ordinal); // the staff nav links here

        using var review = await client.PostFormAsync("/Staff/TrainingMenu", new Dictionary<string, string>(), "/Staff/TrainingMenu?handler=Review");
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        var done = await client.GetPageAsync("/Staff/TrainingMenu");

        Assert.DoesNotContain("data-test=\"review-banner\"", done, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"due\"", done, StringComparison.Ordinal);
        Assert.Contains("2027年度のメニュー見直しは完了しています", done, StringComparison.Ordinal);
        Assert.Contains("今年度のメニュー見直しを記録しました", done, StringComparison.Ordinal);
        Assert.Contains(name, done, StringComparison.Ordinal);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM core.training_topics WHERE is_active AND (reviewed_for_year <> 2027 OR updated_by IS DISTINCT FROM '{person}')"));
    }

    /// <summary>The menu's table row of one topic.</summary>
    private static string Row(string html, Guid id)
    {
        var start = html.IndexOf($"data-topic-id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"topic {id} is not in the menu");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
