using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CloudpackPlus.Core;
using CloudpackPlus.Workflows;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudpackPlus.Benchmarks;

/// <summary>
/// The runtime on PostgreSQL: a fresh database, the benchmark workflows, many clients. The host carries its own
/// Hangfire server on the same database, started only for the background measurement.
/// </summary>
internal sealed class PersistedBenchmark : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    private PersistedBenchmark(IHost host)
    {
        _host = host;
        _dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
    }

    private string StepFlow => "bench-" + _suffix;

    private string TaskFlow => "bench-task-" + _suffix;

    private string BackgroundFlow => "bench-bg-" + _suffix;

    public static async Task<PersistedBenchmark> CreateAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None); // the fresh database's "no migrations table yet" is not news
        builder.Services.AddCloudpackDatabase(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 64 }.ConnectionString);
        builder.Services.AddCloudpackWorkflows();
        builder.Services.Configure<WorkflowOptions>(o => (o.ImportDefinitionsOnStart, o.RunSweeper) = (false, false));
        builder.Services.AddHangfire(c => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(100), EnableLongPolling = true,
            }));
        builder.Services.AddHangfireServer(o => (o.WorkerCount, o.SchedulePollingInterval) = (16, TimeSpan.FromMilliseconds(200)));
        var bench = new PersistedBenchmark(builder.Build());
        await using var scope = bench._host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Database.MigrateAsync();
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        foreach (var graph in new[] { EngineBenchmark.Graph(bench.StepFlow), BenchFlows.Task(bench.TaskFlow), BenchFlows.Background(bench.BackgroundFlow) })
        {
            var draft = await definitions.SaveDraftAsync(WorkflowGraph.Parse(graph), "bench");
            await definitions.PublishAsync(draft.DefinitionId, draft.Version, "bench");
        }

        await using var command = bench._dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS public.commit_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())");
        await command.ExecuteNonQueryAsync();
        return bench;
    }

    /// <summary>CPU and allocation per call of growing slices of a step, one client.</summary>
    public Task ProfileAsync() => ProfileBenchmark.RunAsync(_host.Services, StepFlow, async count =>
    {
        await StartManyAsync(TaskFlow, "profile-task", count, 16, InstanceStatus.Suspended);
        return await OpenTasksAsync();
    });

    /// <summary>Autocommitted single-row inserts per second from <paramref name="clients"/> connections.</summary>
    public async Task<double> CommitRateAsync(int clients, TimeSpan duration)
    {
        long commits = 0;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("INSERT INTO public.commit_probe DEFAULT VALUES", connection);
            while (sw.Elapsed < duration)
            {
                await command.ExecuteNonQueryAsync();
                Interlocked.Increment(ref commits);
            }
        }));
        return commits / sw.Elapsed.TotalSeconds;
    }

    /// <summary>Starts the 10-activity instances from several clients; each runs its 10 activities in one committed step.</summary>
    public async Task<(int Instances, int Activities, TimeSpan Elapsed, TimeSpan Cpu)> RunWorkflowsAsync(int instances, int clients, string round = "", int warmUp = 200)
    {
        // Warm-up (JIT, pools, plan cache), untimed and not counted.
        await StartManyAsync(StepFlow, "warm" + round, warmUp, clients, InstanceStatus.Finished);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        await StartManyAsync(StepFlow, "step" + round, instances, clients, InstanceStatus.Finished);
        sw.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var activities = await ScalarAsync($"SELECT count(*) FROM wf.journal j JOIN wf.instances i ON i.id = j.instance_id WHERE i.definition_id = '{StepFlow}' AND i.correlation_id LIKE 'step{round}-%' AND j.kind = 'activity-completed'");
        return (instances, activities, sw.Elapsed, cpu);
    }

    /// <summary>The resume path: instances wait on a task (set up untimed), then 16 clients complete the tasks through ITaskService.</summary>
    public async Task<(int Completed, TimeSpan Elapsed)> CompleteTasksAsync(int instances, int clients)
    {
        await StartManyAsync(TaskFlow, "task", instances, clients, InstanceStatus.Suspended);
        var ids = await OpenTasksAsync();

        var actor = new TaskActor("bench-csm", ["csm"]);
        var data = new Dictionary<string, JsonElement> { ["ok"] = JsonSerializer.SerializeToElement(true) };
        var failures = 0;
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (id, ct) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ITaskService>().CompleteAsync(id, actor, data, ct);
            if (result.Outcome != TaskCommandOutcome.Succeeded)
            {
                Interlocked.Increment(ref failures);
            }
        });
        sw.Stop();
        var finished = await ScalarAsync($"SELECT count(*) FROM wf.instances WHERE definition_id = '{TaskFlow}' AND status = 'Finished'");
        return failures > 0 || finished != instances || ids.Count != instances
            ? throw new InvalidOperationException($"{failures} completions refused, {finished}/{instances} finished")
            : (ids.Count, sw.Elapsed);
    }

    /// <summary>A background activity end to end: start (commit) → Hangfire job on this host's server → result step committed.</summary>
    public async Task<(int Instances, TimeSpan Elapsed)> RunBackgroundAsync(int instances, int clients)
    {
        await _host.StartAsync();
        var sw = Stopwatch.StartNew();
        await StartManyAsync(BackgroundFlow, "bg", instances, clients, null);
        while (await ScalarAsync($"SELECT count(*) FROM wf.instances WHERE definition_id = '{BackgroundFlow}' AND status = 'Finished'") < instances)
        {
            if (sw.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new InvalidOperationException("background instances did not finish within 5 minutes");
            }

            await Task.Delay(10);
        }

        sw.Stop();
        return (instances, sw.Elapsed);
    }

    private async Task<List<Guid>> OpenTasksAsync()
    {
        var ids = new List<Guid>();
        await using var command = _dataSource.CreateCommand($"SELECT t.id FROM wf.tasks t JOIN wf.instances i ON i.id = t.instance_id WHERE i.definition_id = '{TaskFlow}' AND t.status = 'Open'");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task StartManyAsync(string definitionId, string prefix, int instances, int clients, InstanceStatus? expected)
    {
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, instances), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, ct) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync(definitionId, null, $"{prefix}-{i}", "bench", ct);
            if (expected is { } status && result.Status != status)
            {
                Interlocked.Increment(ref failures);
            }
        });
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} instances of {definitionId} did not reach {expected}");
        }
    }

    /// <summary>
    /// The server's transaction id counter: every committed write transaction (a step, Hangfire's own state changes,
    /// a dispatch mark) takes one, so the difference over a phase counts the write commits it cost (the probe adds one).
    /// </summary>
    public async Task<long> WriteTransactionsAsync()
    {
        await using var command = _dataSource.CreateCommand("SELECT txid_current()");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<int> ScalarAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
