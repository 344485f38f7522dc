using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Workflows;

/// <summary>Bad definitions answer 400 problem+json and save nothing; signals and incidents over HTTP as the signed-in CSM.</summary>
public sealed class FlowApiTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    /// <summary>A staff client that may also import and publish definitions (admins only since the role matrix).</summary>
    private async Task<PortalClient> CsmAsync(string email)
    {
        var csm = await app.CreateAccountAsync(null, PersonRole.Admin, email);
        var client = new PortalClient(app);
        await client.SignInAsync(csm);
        return client;
    }

    private static Task<HttpResponseMessage> Import(PortalClient client, string json) =>
        client.Http.PostAsync(U("/api/workflows/definitions/import?publish=true"), new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<StartResult> StartAsync(string definitionId, string correlation)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync(definitionId, null, correlation);
    }

    [Fact]
    public async Task Import_RefusesMalformedOrInvalidDefinitions_With400ProblemJsonNamingNodeAndRule_AndSavesNothing()
    {
        using var client = await CsmAsync("csm@flow-bad.cloudpack.example.jp");
        const string invalid = """
            { "definitionId": "flow-bad", "activities": [ { "id": "start", "type": "Start" },
                { "id": "a", "type": "SetVariable", "inputs": { "name": "x", "value": { "expr": "1 +* (" } } },
                { "id": "d", "type": "Decision", "inputs": { "condition": true } },
                { "id": "task", "type": "HumanTask", "inputs": { "title": "t", "role": "csm", "form": { "fields": [ { "name": "f", "type": "hologram" } ] } } },
                { "id": "ghost", "type": "NoSuchActivity" }, { "id": "end", "type": "End" } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "a" }, { "from": "a", "outcome": "Done", "to": "d" },
                { "from": "d", "outcome": "True", "to": "a" }, { "from": "d", "outcome": "False", "to": "task" }, { "from": "task", "outcome": "Done", "to": "end" } ] }
            """;

        using var malformed = await Import(client, "{ \"definitionId\": ");
        using var refused = await Import(client, invalid);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("malformed-json", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var problems = problem.GetProperty("problems").EnumerateArray()
            .Select(p => (Node: p.GetProperty("nodeId").GetString(), Code: p.GetProperty("code").GetString())).ToList();
        Assert.Contains(("a", "bad-expression"), problems);
        Assert.Contains(("a", "cycle-without-wait"), problems);
        Assert.Contains(("task", "bad-form"), problems);
        Assert.Contains(("ghost", "unknown-activity"), problems);
        Assert.Contains(("ghost", "unreachable"), problems);
        Assert.True(problem.GetProperty("errors").TryGetProperty("task", out _));
        var versions = await client.Http.GetFromJsonAsync<JsonElement>(U("/api/workflows/definitions/flow-bad/versions"));
        Assert.Equal(0, versions.GetArrayLength());
    }

    [Fact]
    public async Task SignalEndpoint_ResumesTheNamedWait_OnceOnly_AndRefusesAPayloadThatIsNotAnObject()
    {
        using var client = await CsmAsync("csm@flow-signal.cloudpack.example.jp");
        using var imported = await Import(client, """
            { "definitionId": "flow-signal", "activities": [ { "id": "start", "type": "Start" },
                { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "paid" } },
                { "id": "keep", "type": "SetVariable", "inputs": { "name": "amount", "value": { "expr": "outputs.wait.payload.amount" } } },
                { "id": "end", "type": "End" } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "wait" }, { "from": "wait", "outcome": "Done", "to": "keep" },
                { "from": "keep", "outcome": "Done", "to": "end" } ] }
            """);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var started = await StartAsync("flow-signal", "flow-signal-1");

        using var notObject = await client.Http.PostAsync(U($"/api/workflows/instances/{started.InstanceId}/signals/paid"), new StringContent("[1]", Encoding.UTF8, "application/json"));
        using var first = await client.Http.PostAsJsonAsync(U($"/api/workflows/instances/{started.InstanceId}/signals/paid"), new { amount = 1200 });
        using var second = await client.Http.PostAsJsonAsync(U($"/api/workflows/instances/{started.InstanceId}/signals/paid"), new { amount = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, notObject.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        var instance = await client.Http.GetFromJsonAsync<JsonElement>(U($"/api/workflows/instances/{started.InstanceId}"));
        Assert.Equal(1200, instance.GetProperty("variables").GetProperty("amount").GetInt32());
    }

    [Fact]
    public async Task Incidents_AreListedWithFilters_AndCancelEndsTheInstance()
    {
        using var client = await CsmAsync("csm@flow-incidents.cloudpack.example.jp");
        using var imported = await Import(client, """
            { "definitionId": "flow-no-end", "activities": [ { "id": "start", "type": "Start" },
                { "id": "only", "type": "SetVariable", "inputs": { "name": "x", "value": 1 } } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "only" } ] }
            """);
        var started = await StartAsync("flow-no-end", "flow-no-end-1");
        Assert.Equal(InstanceStatus.Faulted, started.Status);

        var open = await client.Http.GetFromJsonAsync<JsonElement>(U("/api/workflows/incidents?status=open&definitionId=flow-no-end&activityType=SetVariable&page=1&pageSize=10"));
        var row = Assert.Single(open.GetProperty("items").EnumerateArray());
        Assert.Equal(started.InstanceId, row.GetProperty("instanceId").GetGuid());
        Assert.Equal("only", row.GetProperty("nodeId").GetString());
        Assert.Equal(IncidentErrors.OutOfWork, row.GetProperty("error").GetString());
        var id = row.GetProperty("id").GetGuid();

        using var cancelled = await client.Http.PostAsync(U($"/api/workflows/incidents/{id}/cancel"), null);
        using var again = await client.Http.PostAsync(U($"/api/workflows/incidents/{id}/cancel"), null);
        using var badStatus = await client.GetAsync("/api/workflows/incidents?status=maybe");

        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        var resolved = await client.Http.GetFromJsonAsync<JsonElement>(U("/api/workflows/incidents?status=resolved&definitionId=flow-no-end"));
        Assert.Equal("cancelled", Assert.Single(resolved.GetProperty("items").EnumerateArray()).GetProperty("resolution").GetString());
        var instance = await client.Http.GetFromJsonAsync<JsonElement>(U($"/api/workflows/instances/{started.InstanceId}"));
        Assert.Equal("Cancelled", instance.GetProperty("status").GetString());
    }
}
