using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Workflows.CrashHost;

internal static class CrashScenario
{
    public const string Definition = """
        { "definitionId": "crash", "name": "crash test",
          "activities": [ { "id": "start", "type": "Start" },
            { "id": "call", "type": "Crash.CallReceiver", "retry": { "maxAttempts": 10, "backoffSeconds": 1, "backoffFactor": 1 } },
            { "id": "timer", "type": "Delay", "inputs": { "duration": "00:00:01" } },
            { "id": "bg", "type": "Crash.RecordSideEffect", "inputs": { "step": "bg" } },
            { "id": "instant", "type": "Crash.RecordInstant", "inputs": { "step": "instant" } },
            { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "call" }, { "from": "call", "outcome": "Done", "to": "timer" },
            { "from": "timer", "outcome": "Done", "to": "bg" }, { "from": "bg", "outcome": "Done", "to": "instant" },
            { "from": "instant", "outcome": "Done", "to": "end" } ] }
        """;

    public static async Task PrepareAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Database.MigrateAsync();
        await using (var command = scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "CREATE SCHEMA IF NOT EXISTS crash; CREATE TABLE IF NOT EXISTS crash.side_effects (instance_id uuid NOT NULL, step text NOT NULL, at timestamptz NOT NULL DEFAULT now())"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        if ((await definitions.HistoryAsync("crash")).All(v => !v.IsPublished))
        {
            var draft = await definitions.SaveDraftAsync(WorkflowGraph.Parse(Definition), "crash-host");
            await definitions.PublishAsync("crash", draft.Version, "crash-host");
        }
    }

    public static async Task StartInstancesAsync(IServiceProvider services, int count) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync("crash", null, $"crash-{i}", "crash-host", ct);
        });

    public static async Task ReportUntilDoneAsync(IServiceProvider services, int count)
    {
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var finished = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Instances
                .CountAsync(i => i.DefinitionId == "crash" && i.Status == InstanceStatus.Finished);
            Console.WriteLine($"finished {finished}/{count}");
            if (finished >= count)
            {
                return;
            }

            await Task.Delay(500);
        }
    }
}
