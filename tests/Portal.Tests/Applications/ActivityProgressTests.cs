using System.Net;
using System.Text.Json;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Applications;

/// <summary>The live progress of an application's running background activities: shown to its company and to staff, to no one else.</summary>
public sealed class ActivityProgressTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<PortalClient> SignedInAsync(TestAccount account)
    {
        var client = new PortalClient(app);
        await client.SignInAsync(account);
        return client;
    }

    private async Task<(TrainingSetup Training, TestAccount Member, TestAccount Csm, TestAccount OtherRep)> RunningActivityAsync()
    {
        var code = $"pg{Guid.NewGuid():N}"[..10];
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var other = await app.CreateCompanyAsync($"{code}x", $"{code} 別会社");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp");
        var training = await app.StartTrainingAsync(company, rep, csm);
        var instance = await app.Database.ScalarAsync<Guid>($"SELECT workflow_instance_id FROM core.applications WHERE id = '{training.ApplicationId}'");
        var now = app.Clock.GetUtcNow();
        // A background activity of this instance mid-run, as a worker's lease and progress leave it.
        await app.Database.ScalarAsync<int>($$"""
            INSERT INTO wf.bookmarks (id, instance_id, node_id, kind, due_at, created_at, dispatch_count, lease_owner, lease_token,
                lease_started_at, lease_expires_at, heartbeat_at, lease_count, progress)
            VALUES ('{{Guid.CreateVersion7()}}', '{{instance}}', 'tell-csm-new', 'Job', '{{now:O}}', '{{now:O}}', 1, 'worker-7:4242', '{{Guid.NewGuid()}}',
                '{{now.AddMinutes(-3):O}}', '{{now.AddSeconds(50):O}}', '{{now.AddSeconds(-10):O}}', 1,
                '{"done": 4200, "total": 10000, "message": "findings", "at": "{{now:O}}"}')
            """);
        return (training, await app.CreateAccountAsync(company, PersonRole.Member, $"member@{code}.example.jp"), csm,
            await app.CreateAccountAsync(other, PersonRole.Representative, $"rep@{code}x.example.jp"));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task CompanyUsers_SeeTheRunningActivitysProgress_WithoutTheWorker()
    {
        var (training, member, _, _) = await RunningActivityAsync();
        using var client = await SignedInAsync(member);

        var page = await client.GetPageAsync($"/Applications/{training.ApplicationId}");
        using var response = await client.GetAsync($"/Applications/{training.ApplicationId}?handler=Progress");

        Assert.Contains($"data-activity-progress=\"/Applications/{training.ApplicationId}?handler=Progress\"", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("<script src=\"/assets/activity-progress.js\" defer></script>", page, StringComparison.Ordinal);
        var item = Assert.Single((await JsonAsync(response)).EnumerateArray());
        Assert.Equal("申請の関係者へ通知", item.GetProperty("name").GetString());
        Assert.Equal(("running", 42, 4200L, 10000L, "findings"), (item.GetProperty("state").GetString(), item.GetProperty("percent").GetInt32(),
            item.GetProperty("done").GetInt64(), item.GetProperty("total").GetInt64(), item.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("worker").ValueKind);
    }

    [Fact]
    public async Task Staff_SeeTheProgressAndTheWorker_AndAnotherCompanyGets404()
    {
        var (training, _, csm, otherRep) = await RunningActivityAsync();
        using var staff = await SignedInAsync(csm);
        using var stranger = await SignedInAsync(otherRep);

        using var staffAnswer = await staff.GetAsync($"/Staff/Applications/{training.ApplicationId}?handler=Progress");
        using var strangerAnswer = await stranger.GetAsync($"/Applications/{training.ApplicationId}?handler=Progress");

        var item = Assert.Single((await JsonAsync(staffAnswer)).EnumerateArray());
        Assert.Equal("worker-7:4242", item.GetProperty("worker").GetString());
        Assert.Equal(HttpStatusCode.NotFound, strangerAnswer.StatusCode);
    }
}
