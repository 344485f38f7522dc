using CloudpackPlus.Core;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudpackPlus.Workflows.CrashHost;

/// <summary>Records that a node ran, with the host that ran it, in the step's transaction (key: instance and node).</summary>
[Activity("TwoHosts.Record", Category = "Test")]
public sealed class RecordOnHost : Activity
{
    /// <summary>The name this process was started with.</summary>
    public static string HostName { get; set; } = "";

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var command = context.Connection.CreateCommand();
        command.Transaction = context.Transaction;
        command.CommandText = "INSERT INTO twohosts.effects (instance_id, node, host) VALUES (@i, @n, @h)";
        command.Parameters.Add(new NpgsqlParameter<Guid>("i", context.InstanceId));
        command.Parameters.Add(new NpgsqlParameter<string>("n", context.NodeId));
        command.Parameters.Add(new NpgsqlParameter<string>("h", HostName));
        await command.ExecuteNonQueryAsync(context.CancellationToken);
        return ActivityResult.Done();
    }
}

/// <summary>
/// The same as a background activity (a Hangfire job on whichever host fetches it): it runs outside the step,
/// so its write commits with its result.
/// </summary>
[Activity("TwoHosts.RecordInBackground", Category = "Test", Kind = ActivityKind.Background)]
public sealed class RecordOnHostInBackground : Activity
{
    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (instanceId, node, host) = (context.InstanceId, context.NodeId, RecordOnHost.HostName);
        context.CommitWithResult(scope => scope.GetDbContext<CrashDbContext>().Database
            .ExecuteSqlAsync($"INSERT INTO twohosts.effects (instance_id, node, host) VALUES ({instanceId}, {node}, {host})"));
        return ValueTask.FromResult(ActivityResult.Done());
    }
}

/// <summary>
/// Two processes on one database (usage: <c>&lt;cs&gt; two-hosts prepare</c>, then <c>&lt;cs&gt; two-hosts run &lt;name&gt; &lt;instances&gt;</c>
/// in two processes at once): both start the same instances (idempotent per correlation id), both run Hangfire
/// and the sweeper, each exits when every instance has finished.
/// </summary>
internal static class TwoHostScenario
{
    public const string Definition = """
        { "definitionId": "two-hosts", "name": "two hosts, one database",
          "activities": [ { "id": "start", "type": "Start" },
            { "id": "bg1", "type": "TwoHosts.RecordInBackground" },
            { "id": "timer", "type": "Delay", "inputs": { "duration": "00:00:01" } },
            { "id": "bg2", "type": "TwoHosts.RecordInBackground" },
            { "id": "instant", "type": "TwoHosts.Record" },
            { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "bg1" }, { "from": "bg1", "outcome": "Done", "to": "timer" },
            { "from": "timer", "outcome": "Done", "to": "bg2" }, { "from": "bg2", "outcome": "Done", "to": "instant" },
            { "from": "instant", "outcome": "Done", "to": "end" } ] }
        """;

    public static async Task<int> RunAsync(string connectionString, string[] args)
    {
        var prepare = args is ["prepare"];
        if (!prepare && args is not ["run", _, _])
        {
            Console.Error.WriteLine("usage: CloudpackPlus.Workflows.CrashHost <connection string> two-hosts prepare | run <name> <instances>");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCloudpackDatabase(connectionString);
        builder.Services.AddCloudpackWorkflows();
        builder.Services.AddDbContext<CrashDbContext>((sp, o) => o.UseModuleNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), "crash"));
        builder.Services.AddWorkflowActivitiesFrom(typeof(RecordOnHost).Assembly);
        builder.Services.Configure<WorkflowOptions>(o =>
        {
            o.ImportDefinitionsOnStart = false;
            o.SweepInterval = TimeSpan.FromSeconds(1);
            o.RedispatchAfter = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddHangfire(c => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire", PrepareSchemaIfNecessary = prepare, QueuePollInterval = TimeSpan.FromMilliseconds(200),
                InvisibilityTimeout = TimeSpan.FromSeconds(30), EnableLongPolling = true,
            }));
        builder.Services.AddHangfireServer(o => (o.WorkerCount, o.SchedulePollingInterval) = (4, TimeSpan.FromMilliseconds(500)));
        using var host = builder.Build();
        if (prepare)
        {
            await PrepareAsync(host.Services);
            Console.WriteLine("prepared");
            return 0;
        }

        RecordOnHost.HostName = args[1];
        var count = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        await host.StartAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync("two-hosts", null, $"two-hosts-{i}", args[1], ct);
        });
        Console.WriteLine("started");
        while (await FinishedAsync(host.Services) < count)
        {
            await Task.Delay(500);
        }

        // Keep serving a little longer: the other host may still be handing over its last jobs.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await host.StopAsync();
        return 0;
    }

    private static async Task PrepareAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Database.MigrateAsync();
        await using (var command = scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "CREATE SCHEMA IF NOT EXISTS twohosts; CREATE TABLE IF NOT EXISTS twohosts.effects (instance_id uuid NOT NULL, node text NOT NULL, host text NOT NULL, at timestamptz NOT NULL DEFAULT now())"))
        {
            await command.ExecuteNonQueryAsync();
        }

        // Creates the Hangfire schema once, before two processes race for it.
        _ = scope.ServiceProvider.GetRequiredService<JobStorage>().GetMonitoringApi().Servers();
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        var draft = await definitions.SaveDraftAsync(WorkflowGraph.Parse(Definition), "two-hosts");
        await definitions.PublishAsync("two-hosts", draft.Version, "two-hosts");
    }

    private static async Task<int> FinishedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Instances
            .CountAsync(i => i.DefinitionId == "two-hosts" && i.Status == InstanceStatus.Finished);
    }
}
