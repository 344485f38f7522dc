using CloudpackPlus.Core;
using CloudpackPlus.Workflows;
using CloudpackPlus.Workflows.CrashHost;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

if (args is [var twoHostsDatabase, "two-hosts", .. var twoHostsArgs])
{
    return await TwoHostScenario.RunAsync(twoHostsDatabase, twoHostsArgs);
}

// usage: CloudpackPlus.Workflows.CrashHost <connection string> <instances>
// Starts <instances> instances of the crash workflow (idempotent per correlation id, so a restart
// starts none twice), runs the Hangfire server and the sweeper, and reports progress until killed.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: CloudpackPlus.Workflows.CrashHost <connection string> <instances>");
    return 2;
}

var connectionString = args[0];
var count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var builder = Host.CreateApplicationBuilder([]);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddCloudpackDatabase(connectionString);
builder.Services.AddCloudpackWorkflows();
builder.Services.AddWorkflowActivitiesFrom(typeof(RecordSideEffect).Assembly);
builder.Services.Configure<WorkflowOptions>(o =>
{
    o.ImportDefinitionsOnStart = false;
    o.SweepInterval = TimeSpan.FromSeconds(2);
    o.RedispatchAfter = TimeSpan.FromSeconds(5);
});
var storageOptions = new PostgreSqlStorageOptions
{
    SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(200),
    InvisibilityTimeout = TimeSpan.FromSeconds(15), EnableLongPolling = true,
};
builder.Services.AddHangfire(c => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
    .UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
    .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), storageOptions));
builder.Services.AddHangfireServer(o =>
{
    o.WorkerCount = 8;
    o.SchedulePollingInterval = TimeSpan.FromMilliseconds(500);
});

var host = builder.Build();
await CrashScenario.PrepareAsync(host.Services);
await host.StartAsync();
await CrashScenario.StartInstancesAsync(host.Services, count);
Console.WriteLine("started");
await CrashScenario.ReportUntilDoneAsync(host.Services, count);
await host.StopAsync();
return 0;
