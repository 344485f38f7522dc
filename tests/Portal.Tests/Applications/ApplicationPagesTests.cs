using System.Net;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Applications;

/// <summary>Applying through the form, the application page, its conversation and the staff pages, over HTTP.</summary>
public sealed partial class ApplicationPagesTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<(Guid Company, TestAccount Rep, TestAccount Member, TestAccount Csm)> CompanyAsync()
    {
        var code = $"ap{Guid.NewGuid():N}"[..10]; // xunit makes a new instance per test: no counters
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        await app.EnrolAsync(company, csm);
        return (company, await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp"),
            await app.CreateAccountAsync(company, PersonRole.Member, $"member@{code}.example.jp"), csm);
    }

    private async Task<PortalClient> SignedInAsync(TestAccount account)
    {
        var client = new PortalClient(app);
        await client.SignInAsync(account);
        return client;
    }

    private static Dictionary<string, string> TrainingForm(string submission) => new()
    {
        ["SubmissionId"] = submission,
        ["f_topic"] = ApplicationSetup.IntroTopic.ToString(),
        ["f_goals"] = "新人向けにAWSの全体像を学びたい",
        ["f_wishedFrom"] = "2026-05-18",
        ["f_wishedTo"] = "2026-05-29",
        ["f_participants"] = "6",
    };

    [Fact]
    [Trait("Spec", "APP-1")]
    [Trait("Spec", "TKT-3")]
    public async Task ApplicationForm_PostedTwice_CreatesOneApplication()
    {
        var (company, rep, _, _) = await CompanyAsync();
        using var client = await SignedInAsync(rep);
        var form = await client.GetPageAsync("/Services/Apply/TRAIN-1");
        var submission = SubmissionId().Match(form).Groups[1].Value;

        using var first = await client.PostFormAsync("/Services/Apply/TRAIN-1", TrainingForm(submission));
        using var second = await client.PostFormAsync("/Services/Apply/TRAIN-1", TrainingForm(submission));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.applications WHERE company_id = '{company}'"));
        Assert.Equal(1, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.ticket_reservations WHERE company_id = '{company}'"));
        var page = WebUtility.HtmlDecode(await client.GetPageAsync(second.Headers.Location!.OriginalString));
        Assert.Contains("すでに受け付けています", page, StringComparison.Ordinal);
        Assert.Contains("受付済み", page, StringComparison.Ordinal);
        Assert.Contains("お申し込み", Section(page, "timeline"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "TRAIN-1")]
    public async Task ApplicationForm_WithProblems_SaysEveryProblemInJapanese_AndCreatesNothing()
    {
        var (company, rep, _, _) = await CompanyAsync();
        using var client = await SignedInAsync(rep);
        var fields = TrainingForm(Guid.CreateVersion7().ToString());
        fields["f_goals"] = "";
        fields["f_wishedFrom"] = "2026-05-01"; // before today (2026-05-11)

        using var response = await client.PostFormAsync("/Services/Apply/TRAIN-1", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("受講の目的・ゴールを入力してください。", html, StringComparison.Ordinal);
        Assert.Contains("希望時期(開始日): 2026-05-11 以降の日付を指定してください。", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.applications WHERE company_id = '{company}'"));
    }

    [Fact]
    [Trait("Spec", "APP-2")]
    public async Task Conversation_ShowsHtmlAsText_OnBothSides()
    {
        var (company, rep, member, csm) = await CompanyAsync();
        var training = await app.StartTrainingAsync(company, rep, csm);
        using var customer = await SignedInAsync(member);
        var path = $"/Applications/{training.ApplicationId}";

        using var posted = await customer.PostMultipartAsync(path, new Dictionary<string, string> { ["body"] = "<script>alert('x')</script> <b>太字</b>" }, [], $"{path}?handler=Message");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var html = await customer.GetPageAsync(path);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &lt;b&gt;太字&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        using var staff = await SignedInAsync(csm);
        var staffHtml = await staff.GetPageAsync($"/Staff/Applications/{training.ApplicationId}");
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", staffHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", staffHtml, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "APP-2")]
    public async Task Attachment_OfARunnableType_IsRefused_AndAcceptedOnesDownloadAsAttachments()
    {
        var (company, rep, _, csm) = await CompanyAsync();
        var training = await app.StartTrainingAsync(company, rep, csm);
        using var client = await SignedInAsync(rep);
        var path = $"/Applications/{training.ApplicationId}";

        using var html = await client.PostMultipartAsync(path, new Dictionary<string, string> { ["body"] = "ページです" },
            [("files", "page.html", "<html><script>alert(1)</script></html>"u8.ToArray())], $"{path}?handler=Message");
        using var disguised = await client.PostMultipartAsync(path, new Dictionary<string, string> { ["body"] = "" },
            [("files", "notes.txt", "<!DOCTYPE html><script>alert(1)</script>"u8.ToArray())], $"{path}?handler=Message");
        using var pdf = await client.PostMultipartAsync(path, new Dictionary<string, string> { ["body"] = "資料" },
            [("files", "資料.pdf", "%PDF-1.7\n%test"u8.ToArray())], $"{path}?handler=Message");

        Assert.Contains("添付できる形式は", WebUtility.HtmlDecode(await html.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("ファイルの内容が拡張子と一致しません", WebUtility.HtmlDecode(await disguised.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, pdf.StatusCode);
        Assert.Equal(0, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM core.application_messages WHERE body = 'ページです'"));
        var id = await app.Database.ScalarAsync<Guid>($"SELECT id FROM core.message_attachments WHERE application_id = '{training.ApplicationId}' AND file_name = '資料.pdf'");
        using var download = await client.GetAsync($"{path}/Attachments/{id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "HOURS-1")]
    [Trait("Spec", "TRAIN-1")]
    public async Task CsmProposes_InTheTaskPage_AndTheCustomerConfirms_InTheApplicationPage()
    {
        var (company, rep, _, csm) = await CompanyAsync();
        var training = await app.StartTrainingAsync(company, rep, csm);
        using var staff = await SignedInAsync(csm);
        var inbox = WebUtility.HtmlDecode(await staff.GetPageAsync("/Staff/Tasks"));
        Assert.Contains("トレーニングの内容と日程を調整してください", inbox, StringComparison.Ordinal);
        var taskPath = $"/Staff/Tasks/{training.CsmTaskId}";
        var proposal = new Dictionary<string, string>
        {
            ["f_topic"] = "AWS入門", ["f_startsAt"] = "2026-05-20T18:00", ["f_durationMinutes"] = "120", ["f_meetingUrl"] = "https://meet.example.jp/x",
        };

        using var late = await staff.PostFormAsync(taskPath, proposal, $"{taskPath}?handler=Complete");
        Assert.Contains("営業日の10:00〜19:00に120分間が収まる日時を指定してください", WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        proposal["f_startsAt"] = "2026-05-20T14:00";
        using var done = await staff.PostFormAsync(taskPath, proposal, $"{taskPath}?handler=Complete");
        Assert.True(HttpStatusCode.Redirect == done.StatusCode, Errors(await done.Content.ReadAsStringAsync()));

        using var customer = await SignedInAsync(rep);
        var path = $"/Applications/{training.ApplicationId}";
        var page = WebUtility.HtmlDecode(await customer.GetPageAsync(path));
        Assert.Contains("2026年5月20日（水） 14:00", page, StringComparison.Ordinal);
        Assert.Contains("トレーニングの日程をご確認ください", page, StringComparison.Ordinal);
        var home = WebUtility.HtmlDecode(await customer.GetPageAsync("/"));
        Assert.Contains("トレーニングの日程をご確認ください", home, StringComparison.Ordinal); // "waiting on you"
        Assert.Contains($"/Applications/{training.ApplicationId}", home, StringComparison.Ordinal);
        var taskId = ConfirmTask().Match(page).Groups[1].Value;
        using var confirmed = await customer.PostFormAsync(path, new Dictionary<string, string> { ["f_decision"] = "accept" }, $"{path}?handler=Task&taskId={taskId}");
        Assert.True(HttpStatusCode.Redirect == confirmed.StatusCode, Errors(await confirmed.Content.ReadAsStringAsync()));
        var after = WebUtility.HtmlDecode(await customer.GetPageAsync(path));
        Assert.Contains(">日程確定<", after, StringComparison.Ordinal);
        Assert.Contains("この日程で確定する", Section(after, "timeline"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "TKT-5")]
    public async Task Representative_CancelsOnThePage_AndTheTicketsComeBack()
    {
        var (company, rep, _, csm) = await CompanyAsync();
        var training = await app.StartTrainingAsync(company, rep, csm);
        using var client = await SignedInAsync(rep);
        var path = $"/Applications/{training.ApplicationId}";
        Assert.Matches(@"data-test=""balance"">\s*13", await client.GetPageAsync("/Company"));

        using var cancelled = await client.PostFormAsync(path, new Dictionary<string, string> { ["reason"] = "都合により" }, $"{path}?handler=Cancel");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var page = WebUtility.HtmlDecode(await client.GetPageAsync(path));
        Assert.Contains("チケットは返還されました", page, StringComparison.Ordinal);
        Assert.Contains(">キャンセル<", page, StringComparison.Ordinal);
        Assert.Equal(15, await app.Database.ScalarAsync<long>($"SELECT sum(amount) FROM core.ticket_ledger WHERE company_id = '{company}'"));
    }

    private static string Section(string html, string test)
    {
        var start = html.IndexOf($"data-test=\"{test}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {test} on the page");
        return html[start..];
    }

    private static string Errors(string html)
    {
        var start = html.IndexOf("data-test=\"errors\"", StringComparison.Ordinal);
        return start < 0 ? "(no errors shown)" : WebUtility.HtmlDecode(html[start..Math.Min(html.Length, start + 600)]);
    }

    [GeneratedRegex("name=\"SubmissionId\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex SubmissionId();

    [GeneratedRegex("data-test=\"task-form-confirm\" action=\"[^\"]*taskId=([0-9a-f-]{36})")]
    private static partial Regex ConfirmTask();
}
