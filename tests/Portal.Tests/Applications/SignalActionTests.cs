using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Applications;

/// <summary>A WaitForSignal declared as a portal action: a button on the application page for the role it names, re-checked on the server.</summary>
public sealed class SignalActionTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private sealed record Setup(Guid ApplicationId, Guid InstanceId, TestAccount Representative, TestAccount Member, TestAccount OtherRepresentative, TestAccount Csm);

    private static string Definition(string id, string role) => $$"""
        { "definitionId": "{{id}}", "activities": [ { "id": "start", "type": "Start" },
            { "id": "approve", "type": "WaitForSignal", "inputs": { "signal": "approved", "actionLabel": "見積りを承認する", "actionLabelEn": "Approve the quote",
                "actionRole": "{{role}}", "confirmJa": "見積りの内容を確認しました", "confirmEn": "I have read the quote" } },
            { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "approve" }, { "from": "approve", "outcome": "Done", "to": "end" } ] }
        """;

    // A training application whose workflow is replaced by a published definition waiting on the representative's action (correlation id = application id).
    private async Task<Setup> WaitingOnTheRepresentativeAsync()
    {
        var code = $"sg{Guid.NewGuid():N}"[..10];
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var other = await app.CreateCompanyAsync($"{code}x", $"{code} 別会社");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp");
        var training = await app.StartTrainingAsync(company, rep, csm);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDefinitionService>().ImportAsync(Definition(code, "customer-representative"), "test", publish: true);
        var started = await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync(code, null, training.ApplicationId.ToString());
        await app.Database.ScalarAsync<int>($"UPDATE core.applications SET workflow_instance_id = '{started.InstanceId}' WHERE id = '{training.ApplicationId}' RETURNING 1");
        return new(training.ApplicationId, started.InstanceId, rep, await app.CreateAccountAsync(company, PersonRole.Member, $"member@{code}.example.jp"),
            await app.CreateAccountAsync(other, PersonRole.Representative, $"rep@{code}x.example.jp"), csm);
    }

    private async Task<PortalClient> SignedInAsync(TestAccount account)
    {
        var client = new PortalClient(app);
        await client.SignInAsync(account);
        return client;
    }

    private Task<Guid> OpenWaitAsync(Guid instanceId) =>
        app.Database.ScalarAsync<Guid>($"SELECT id FROM wf.bookmarks WHERE instance_id = '{instanceId}' AND kind = 'Signal' AND node_id = 'approve'");

    private static Dictionary<string, string> Press(Guid bookmarkId) => new() { ["bookmarkId"] = bookmarkId.ToString(), ["confirmed"] = "true" };

    [Fact]
    public async Task Representative_SeesTheAction_AndPressingItMovesTheWorkflowOn_Once()
    {
        var setup = await WaitingOnTheRepresentativeAsync();
        var wait = await OpenWaitAsync(setup.InstanceId);
        using var client = await SignedInAsync(setup.Representative);
        var page = $"/Applications/{setup.ApplicationId}";

        var html = WebUtility.HtmlDecode(await client.GetPageAsync(page));
        using var first = await client.PostFormAsync(page, Press(wait), $"{page}?handler=Signal");
        var after = WebUtility.HtmlDecode(await client.GetPageAsync(page));
        using var second = await client.PostFormAsync(page, Press(wait), $"{page}?handler=Signal");
        var again = WebUtility.HtmlDecode(await client.GetPageAsync(page));

        Assert.Contains("data-test=\"signal-action-approve\"", html, StringComparison.Ordinal);
        Assert.Contains("見積りを承認する", html, StringComparison.Ordinal);
        Assert.Contains("見積りの内容を確認しました", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{wait}\"", html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, second.StatusCode));
        Assert.Contains("ワークフローが次に進みました", after, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"signal-action-approve\"", after, StringComparison.Ordinal);
        Assert.Contains("すでに完了しています", again, StringComparison.Ordinal);
        Assert.Equal("Finished", await app.Database.ScalarAsync<string>($"SELECT status FROM wf.instances WHERE id = '{setup.InstanceId}'"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM wf.journal WHERE instance_id = '{setup.InstanceId}' AND kind = 'bookmark-resumed' AND node_id = 'approve' AND actor = '{setup.Representative.PersonId}'"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM wf.journal WHERE instance_id = '{setup.InstanceId}' AND kind = 'bookmark-resumed'"));
    }

    [Fact]
    public async Task Member_DoesNotSeeTheRepresentativesAction_AndAForgedPostIsRefused403_LeavingTheWaitOpen()
    {
        var setup = await WaitingOnTheRepresentativeAsync();
        var wait = await OpenWaitAsync(setup.InstanceId);
        using var client = await SignedInAsync(setup.Member);
        var page = $"/Applications/{setup.ApplicationId}";

        var html = await client.GetPageAsync(page);
        using var forged = await client.PostFormAsync(page, Press(wait), $"{page}?handler=Signal");

        Assert.DoesNotContain("signal-action", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("権限がありません", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Suspended", await app.Database.ScalarAsync<string>($"SELECT status FROM wf.instances WHERE id = '{setup.InstanceId}'"));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM wf.bookmarks WHERE id = '{wait}' AND resumed_at IS NOT NULL"));
    }

    [Fact]
    public async Task AnotherCompany_Gets404_AndStaffSeeNoCustomerAction()
    {
        var setup = await WaitingOnTheRepresentativeAsync();
        var wait = await OpenWaitAsync(setup.InstanceId);
        using var stranger = await SignedInAsync(setup.OtherRepresentative);
        using var staff = await SignedInAsync(setup.Csm);

        // The stranger posts with a token from a page it may load (its own application list).
        using var forged = await stranger.PostFormAsync("/Settings", Press(wait), $"/Applications/{setup.ApplicationId}?handler=Signal");
        var staffPage = await staff.GetPageAsync($"/Staff/Applications/{setup.ApplicationId}");
        using var staffPost = await staff.PostFormAsync($"/Staff/Applications/{setup.ApplicationId}", Press(wait), $"/Staff/Applications/{setup.ApplicationId}?handler=Signal");

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.DoesNotContain("signal-action", staffPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, staffPost.StatusCode);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM wf.bookmarks WHERE id = '{wait}' AND resumed_at IS NOT NULL"));
    }

    [Fact]
    public async Task Publish_RefusesAnUnknownActionRole_NamingTheNode()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();

        var refused = await Assert.ThrowsAsync<WorkflowValidationException>(() => definitions.ImportAsync(Definition("sg-bad-role", "boss"), "test", publish: true));

        var problem = Assert.Single(refused.Problems, p => p.Code == "bad-action-role");
        Assert.Equal("approve", problem.NodeId);
        Assert.Contains("'boss'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_RefusesALabelWithoutARole_NamingTheNode()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        var withoutRole = Definition("sg-no-role", "csm").Replace("\"actionRole\": \"csm\",", "", StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<WorkflowValidationException>(() => definitions.ImportAsync(withoutRole, "test", publish: true));

        Assert.DoesNotContain("actionRole", withoutRole, StringComparison.Ordinal);
        Assert.Equal("approve", Assert.Single(refused.Problems, p => p.Code == "incomplete-action").NodeId);
    }
}
