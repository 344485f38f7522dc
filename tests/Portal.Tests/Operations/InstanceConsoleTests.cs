using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Operations;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Operations;

/// <summary>The operations console (issue #16): instance list filters, the viewer's graph data and journal, a CSM completing a task from the viewer, retry and cancel.</summary>
public sealed partial class InstanceConsoleTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<PortalClient> SignedInAsync(TestAccount account)
    {
        var client = new PortalClient(app);
        await client.SignInAsync(account);
        return client;
    }

    private async Task<(Guid Company, string Code, TestAccount Rep, TestAccount Csm)> CompanyAsync(string code)
    {
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code.ToLowerInvariant()}.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code.ToLowerInvariant()}.cloudpack.example.jp");
        return (company, code, rep, csm);
    }

    private Task<Guid> InstanceOfAsync(Guid applicationId) =>
        app.Database.ScalarAsync<Guid>($"SELECT workflow_instance_id FROM core.applications WHERE id = '{applicationId}'");

    private async Task<StartResult> StartNoEndAsync(string correlation)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync("ops-no-end", null, correlation);
    }

    private async Task PublishNoEndAsync(TestAccount admin)
    {
        using var client = await SignedInAsync(admin);
        using var imported = await client.Http.PostAsync(new Uri("/api/workflows/definitions/import?publish=true", UriKind.Relative), new StringContent("""
            { "definitionId": "ops-no-end", "activities": [ { "id": "start", "type": "Start" },
                { "id": "only", "type": "SetVariable", "inputs": { "name": "x", "value": 1 } } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "only" } ] }
            """, Encoding.UTF8, "application/json"));
        Assert.True(imported.IsSuccessStatusCode || imported.StatusCode == HttpStatusCode.Conflict, await imported.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task List_FiltersByCompanyAndStatusAndWaiting_AndRefusesBadValuesWithAMessage()
    {
        var (company, code, rep, csm) = await CompanyAsync("OPSLIST");
        var training = await app.StartTrainingAsync(company, rep, csm);
        var instance = await InstanceOfAsync(training.ApplicationId);
        using var client = await SignedInAsync(csm);

        var mine = await client.GetPageAsync($"/Staff/Instances?company={code}&service=aws-training&status=Suspended&waiting=staff&version=1&age=0");
        var customer = await client.GetPageAsync($"/Staff/Instances?company={code}&waiting=customer");
        var faulted = await client.GetPageAsync($"/Staff/Instances?company={code}&status=Faulted");
        using var unknown = await client.GetAsync("/Staff/Instances?company=NO-SUCH-CO");
        using var bad = await client.GetAsync("/Staff/Instances?status=Sleeping&age=-3");

        Assert.Contains($"data-instance=\"{instance}\"", mine, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-instance=\"{instance}\"", customer, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-instance=\"{instance}\"", faulted, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("その会社コードの会社はありません", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("絞り込みの値が正しくありません", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "TRAIN-1")]
    public async Task Viewer_GivesTheGraphItsVisitsAndPosition_AndACsmCompletesTheTaskWithTheInboxForm()
    {
        var (company, _, rep, csm) = await CompanyAsync("OPSVIEW");
        var training = await app.StartTrainingAsync(company, rep, csm);
        var instance = await InstanceOfAsync(training.ApplicationId);
        using var client = await SignedInAsync(csm);
        var path = $"/Staff/Instances/{instance}";

        var page = await client.GetPageAsync(path);

        using var graph = JsonDocument.Parse(WebUtility.HtmlDecode(GraphData().Match(page).Groups[1].Value));
        var root = graph.RootElement;
        Assert.Equal("aws-training", root.GetProperty("definition").GetProperty("definitionId").GetString());
        Assert.Equal(1, root.GetProperty("visited").GetProperty("start").GetInt32());
        Assert.Equal(1, root.GetProperty("visited").GetProperty("agree").GetInt32());
        Assert.Equal(["agree"], root.GetProperty("current").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Empty(root.GetProperty("incidents").EnumerateArray());
        Assert.Contains("<div id=\"instance-graph\"></div>", page, StringComparison.Ordinal);
        Assert.Contains("data-test=\"task-form-agree\"", page, StringComparison.Ordinal);
        Assert.Contains("instance-started", page, StringComparison.Ordinal);

        var proposal = new Dictionary<string, string>
        {
            ["f_topic"] = "AWS入門", ["f_startsAt"] = "2026-05-20T14:00", ["f_durationMinutes"] = "120", ["f_meetingUrl"] = "https://meet.example.jp/x",
        };
        var action = $"{path}?handler=Complete&taskId={training.CsmTaskId}";
        using var refused = await client.PostFormAsync(path, new Dictionary<string, string>(proposal) { ["f_startsAt"] = "2026-05-20T18:00" }, action);
        using var done = await client.PostFormAsync(path, proposal, action);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("営業日の10:00〜19:00に120分間が収まる日時を指定してください", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("Completed", await app.Database.ScalarAsync<string>($"SELECT status FROM wf.tasks WHERE id = '{training.CsmTaskId}'"));
        var after = await client.GetPageAsync(path);
        using var moved = JsonDocument.Parse(WebUtility.HtmlDecode(GraphData().Match(after).Groups[1].Value));
        Assert.DoesNotContain("agree", moved.RootElement.GetProperty("current").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Incident_IsRetriedFromTheViewer_WithAnAuditEntry_AndTheStaffHomeCountsOpenIncidents()
    {
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, "admin@opsinc.cloudpack.example.jp");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@opsinc.cloudpack.example.jp");
        await PublishNoEndAsync(admin);
        var started = await StartNoEndAsync("ops-incident-1");
        Assert.Equal(InstanceStatus.Faulted, started.Status);
        using var client = await SignedInAsync(csm);
        var path = $"/Staff/Instances/{started.InstanceId}";
        var open = await app.Database.ScalarAsync<long>("SELECT count(*) FROM wf.incidents WHERE resolved_at IS NULL");

        var home = WebUtility.HtmlDecode(await client.GetPageAsync("/"));
        var listed = await client.GetPageAsync("/Staff/Instances?incident=open&service=ops-no-end");
        var page = await client.GetPageAsync(path);
        var incident = Regex.Match(page, "data-incident=\"([0-9a-f-]{36})\"").Groups[1].Value;
        using var graph = JsonDocument.Parse(WebUtility.HtmlDecode(GraphData().Match(page).Groups[1].Value));
        using var retried = await client.PostFormAsync(path, new Dictionary<string, string>(), $"{path}?handler=Retry&incidentId={incident}");
        using var again = await client.PostFormAsync(path, new Dictionary<string, string>(), $"{path}?handler=Retry&incidentId={incident}");

        Assert.Contains($"未解決のインシデント: {open} 件", home, StringComparison.Ordinal);
        Assert.Contains($"data-instance=\"{started.InstanceId}\"", listed, StringComparison.Ordinal);
        Assert.Equal(["only"], graph.RootElement.GetProperty("incidents").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("retried", await app.Database.ScalarAsync<string>($"SELECT resolution FROM wf.incidents WHERE id = '{incident}'"));
        Assert.Equal(1, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM identity.audit_entries WHERE action = '{InstanceActions.RetryAction}' AND detail LIKE '%{incident}%'"));
        Assert.Equal(1, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM wf.journal WHERE instance_id = '{started.InstanceId}' AND kind = '{JournalKinds.IncidentRetried}'"));
    }

    [Fact]
    [Trait("Spec", "TKT-5")]
    public async Task Cancel_FromTheViewer_ReleasesTheTickets_ClosesTheApplication_AndNotifiesTheCustomer()
    {
        var (company, _, rep, csm) = await CompanyAsync("OPSCAN");
        var training = await app.StartTrainingAsync(company, rep, csm);
        var instance = await InstanceOfAsync(training.ApplicationId);
        using var client = await SignedInAsync(csm);
        var path = $"/Staff/Instances/{instance}";
        var before = await app.Database.ScalarAsync<long>($"SELECT sum(amount) FROM core.ticket_ledger WHERE company_id = '{company}'");

        using var cancelled = await client.PostFormAsync(path, new Dictionary<string, string> { ["reason"] = "お客様のご依頼" }, $"{path}?handler=Cancel");
        using var twice = await client.PostFormAsync("/Settings", new Dictionary<string, string>(), $"{path}?handler=Cancel");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("Cancelled", await app.Database.ScalarAsync<string>($"SELECT status FROM wf.instances WHERE id = '{instance}'"));
        Assert.Equal("Cancelled", await app.Database.ScalarAsync<string>($"SELECT status FROM core.applications WHERE id = '{training.ApplicationId}'"));
        Assert.Equal(before + 2, await app.Database.ScalarAsync<long>($"SELECT sum(amount) FROM core.ticket_ledger WHERE company_id = '{company}'"));
        Assert.Equal(1, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM core.notifications WHERE recipient_id = '{rep.PersonId}' AND kind = 'application-cancelled'"));
        Assert.Equal(1, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM identity.audit_entries WHERE action = '{InstanceActions.CancelAction}' AND detail LIKE '%{instance}%お客様のご依頼%'"));
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"instance-graph-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex GraphData();
}
