using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CloudpackPlus.Testing;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>The runtime inside the real Host: file import on start, Hangfire running background steps, the HTTP API.</summary>
public sealed class HostIntegrationTests(CloudpackAppFactory app) : IClassFixture<CloudpackAppFactory>
{
    [Fact]
    public async Task Host_ImportsTheShippedDefinitions_OnStart()
    {
        using var client = app.CreateClient();

        var definitions = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/workflows/definitions", UriKind.Relative));

        Assert.Contains(definitions.EnumerateArray(), d => d.GetProperty("definitionId").GetString() == "sample-approval" && d.GetProperty("isPublished").GetBoolean());
    }

    [Fact]
    public async Task BackgroundStep_RunsOnTheHostsHangfireServer()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var definitions = scope.ServiceProvider.GetRequiredService<Definitions.IDefinitionService>();
            await definitions.ImportAsync(Support.Flows.Linear("host-bg", ("hash", "ComputeChecksum", """{ "text": "abc" }""")), "t", publish: true);
        }

        StartResult started;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            started = await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync("host-bg", null, "app-1");
        }

        Assert.True(await Eventually.WaitAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var view = await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().GetInstanceAsync(started.InstanceId);
            return view!.Status == InstanceStatus.Finished;
        }));
    }

    [Fact]
    public async Task TaskInbox_ListsAndCompletesOverHttp_WithClearAnswers()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Cloudpack-User", "csm-9");
        client.DefaultRequestHeaders.Add("X-Cloudpack-Roles", "csm");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync("sample-approval", null, "app-2");
        }

        var tasks = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/workflows/tasks", UriKind.Relative));
        var id = tasks.EnumerateArray().First().GetProperty("id").GetGuid();

        using var invalid = await client.PostAsJsonAsync(new Uri($"/api/workflows/tasks/{id}/complete", UriKind.Relative), new { approved = "yes" });
        using var ok = await client.PostAsJsonAsync(new Uri($"/api/workflows/tasks/{id}/complete", UriKind.Relative), new { approved = false });
        using var again = await client.PostAsJsonAsync(new Uri($"/api/workflows/tasks/{id}/complete", UriKind.Relative), new { approved = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("AlreadyCompleted", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
