using System.Diagnostics;
using CloudpackPlus.Core;
using CloudpackPlus.Workflows;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Benchmarks;

/// <summary>The runtime on PostgreSQL: a fresh database, the same 10-activity workflow, many clients.</summary>
internal sealed class PersistedBenchmark : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly NpgsqlDataSource _dataSource;

    private PersistedBenchmark(ServiceProvider services)
    {
        _services = services;
        _dataSource = services.GetRequiredService<NpgsqlDataSource>();
    }

    public static async Task<PersistedBenchmark> CreateAsync(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddCloudpackDatabase(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 64 }.ConnectionString);
        services.AddCloudpackWorkflows();
        var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Database.MigrateAsync();
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        var draft = await definitions.SaveDraftAsync(WorkflowGraph.Parse(EngineBenchmark.Graph("bench-" + Guid.NewGuid().ToString("N")[..8])), "bench");
        await definitions.PublishAsync(draft.DefinitionId, draft.Version, "bench");
        var bench = new PersistedBenchmark(provider) { DefinitionId = draft.DefinitionId };
        await using var command = bench._dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS public.commit_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())");
        await command.ExecuteNonQueryAsync();
        return bench;
    }

    private string DefinitionId { get; init; } = "";

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

    /// <summary>Starts the instances from several clients; each runs its 10 steps in one committed step.</summary>
    public async Task<(int Instances, int Steps, long Commits)> RunWorkflowsAsync(int instances, int clients)
    {
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, instances), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, ct) =>
        {
            await using var scope = _services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync(DefinitionId, null, $"bench-{i}", "bench", ct);
            if (result.Status != InstanceStatus.Finished)
            {
                Interlocked.Increment(ref failures);
            }
        });
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} instances did not finish");
        }

        await using var command = _dataSource.CreateCommand($"SELECT count(*) FROM wf.journal j JOIN wf.instances i ON i.id = j.instance_id WHERE i.definition_id = '{DefinitionId}' AND j.kind = 'activity-completed'");
        var steps = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        return (instances, steps, instances);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
