using CloudpackPlus.Testing;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>The runtime inside the real Host: file import on start, Hangfire running background steps (the HTTP API is tested behind sign-in in Portal.Tests).</summary>
public sealed class HostIntegrationTests(CloudpackAppFactory app) : IClassFixture<CloudpackAppFactory>
{
    [Fact]
    public async Task Host_ImportsTheShippedDefinitions_OnStart()
    {
        await using var scope = app.Services.CreateAsyncScope();

        var definitions = await scope.ServiceProvider.GetRequiredService<Definitions.IDefinitionService>().ListAsync();

        Assert.Contains(definitions, d => d.DefinitionId == "sample-approval" && d.IsPublished);
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
}
