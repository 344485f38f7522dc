using System.Net;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Applications;

/// <summary>
/// The customer's application page reads the options of the form's sources in its own batch (issue #17) and asks no
/// source: an answer from a source shows by its option's label, and no registered source is left out of the batch.
/// </summary>
public sealed partial class ApplicationAnswersTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task EveryRegisteredOptionSource_IsReadInTheApplicationPagesBatch()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var registered = scope.ServiceProvider.GetServices<IFormOptionSource>().Select(s => s.Name).ToList();

        Assert.NotEmpty(registered);
        Assert.All(registered, name => Assert.Contains(name, CustomerApplicationPage.PrefetchedSources));
    }

    [Fact]
    [Trait("Spec", "TRAIN-1")]
    public async Task ChosenTopic_IsShownByItsTitle_NotItsId()
    {
        var code = $"aa{Guid.NewGuid():N}"[..10];
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        await app.EnrolAsync(company, csm);
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        var form = await client.GetPageAsync("/Services/Apply/TRAIN-1");

        using var applied = await client.PostFormAsync("/Services/Apply/TRAIN-1", new Dictionary<string, string>
        {
            ["SubmissionId"] = SubmissionId().Match(form).Groups[1].Value,
            ["f_topic"] = ApplicationSetup.IntroTopic.ToString(),
            ["f_goals"] = "全体像を学びたい",
            ["f_wishedFrom"] = "2026-05-18",
            ["f_wishedTo"] = "2026-05-29",
            ["f_participants"] = "6",
        });

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var title = await app.Database.ScalarAsync<string>($"SELECT title_ja FROM core.training_topics WHERE id = '{ApplicationSetup.IntroTopic}'") ?? "";
        var page = WebUtility.HtmlDecode(await client.GetPageAsync(applied.Headers.Location!.OriginalString));
        var summary = Summary().Match(page).Value;
        Assert.NotEmpty(title);
        Assert.Contains(title, summary, StringComparison.Ordinal);
        Assert.DoesNotContain(ApplicationSetup.IntroTopic.ToString(), summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("全体像を学びたい", summary, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"SubmissionId\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex SubmissionId();

    [GeneratedRegex("data-test=\"application-summary\".*?</dl>", RegexOptions.Singleline)]
    private static partial Regex Summary();
}
