using System.Diagnostics;
using System.Text.Json;
using CloudpackPlus.Workflows.Tasks;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Benchmarks;

/// <summary>
/// Where a persisted step's client CPU goes (run with <c>--profile</c>): one client, the same work in growing
/// slices, each slice's CPU and allocation per call. The difference between slices is the cost of what was added.
/// </summary>
internal static class ProfileBenchmark
{
    public static async Task RunAsync(IServiceProvider services, string definitionId, Func<int, Task<List<Guid>>> openTasks)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var executor = services.GetRequiredService<StepExecutor>();
        var n = 0;
        await SliceAsync("open + begin + commit (raw Npgsql)", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("INSERT INTO public.commit_probe DEFAULT VALUES", connection, transaction);
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });
        await SliceAsync("scope + IWorkflowRuntime resolved", async () =>
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>();
        });
        await SliceAsync("empty step (InStepAsync, insert, commit)", () => executor.InStepAsync(async step =>
        {
            await using var batch = step.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO public.commit_probe DEFAULT VALUES"));
            await batch.ExecuteNonQueryAsync();
            return 0;
        }, CancellationToken.None));
        await SliceAsync("full start of the 10-activity workflow", async () =>
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync(definitionId, null, $"profile-{n++}", "bench");
        });
        var tasks = new Queue<Guid>(await openTasks(500));
        var actor = new TaskActor("bench-csm", ["csm"]);
        var data = new Dictionary<string, JsonElement> { ["ok"] = JsonSerializer.SerializeToElement(true) };
        await SliceAsync("complete a task (ITaskService.CompleteAsync → resumed step → End)", async () =>
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ITaskService>().CompleteAsync(tasks.Dequeue(), actor, data);
        });
    }

    private static async Task SliceAsync(string name, Func<Task> work)
    {
        const int Runs = 400;
        for (var i = 0; i < 100; i++)
        {
            await work();
        }

        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            await work();
        }

        process.Refresh();
        Console.WriteLine($"    {name}: {(process.TotalProcessorTime - cpu).TotalMicroseconds / Runs:F0} µs CPU, {sw.Elapsed.TotalMicroseconds / Runs:F0} µs wall, {(GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1024.0 / Runs:F1} KiB per call");
    }
}
