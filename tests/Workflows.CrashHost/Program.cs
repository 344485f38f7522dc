using CloudpackPlus.Core;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows;
using CloudpackPlus.Workflows.CrashHost;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

if (args is [var twoHostsDatabase, "two-hosts", .. var twoHostsArgs])
{
    return await TwoHostScenario.RunAsync(twoHostsDatabase, twoHostsArgs);
}

// usage: CloudpackPlus.Workflows.CrashHost <connection string> <instances> <receiver url>
// Starts <instances> instances of the crash workflow (idempotent per correlation id, so a restart
// starts none twice), runs the Hangfire server and the sweeper, and reports progress until killed.
// Each instance's background call goes to the external receiver at <receiver url>.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: CloudpackPlus.Workflows.CrashHost <connection string> <instances> <receiver url>");
    return 2;
}

CallReceiver.Receiver = new Uri(args[2]);

var connectionString = args[0];
var count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var builder = Host.CreateApplicationBuilder([]);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddCloudpackDatabase(connectionString);
builder.Services.AddCloudpackWorkflows();
builder.Services.AddWorkflowActivitiesFrom(typeof(RecordSideEffect).Assembly);
builder.Services.AddDbContext<CrashDbContext>((sp, o) => o.UseModuleNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), "crash"));
builder.Services.Configure<WorkflowOptions>(o =>
{
    o.ImportDefinitionsOnStart = false;
    o.SweepInterval = TimeSpan.FromSeconds(1);
    o.RedispatchAfter = TimeSpan.FromSeconds(5);
    // Short leases, so a killed worker's activities are taken over within seconds.
    o.LeaseDuration = TimeSpan.FromSeconds(3);
    o.HeartbeatInterval = TimeSpan.FromSeconds(1);
    o.LeaseCheckInterval = TimeSpan.FromMilliseconds(500);
});
var storageOptions = new PostgreSqlStorageOptions
{
    SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(200),
    InvisibilityTimeout = TimeSpan.FromSeconds(6), EnableLongPolling = true,
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
